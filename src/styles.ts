/**
 * Design tokens and shared rules for every kiosk element.
 *
 * The tokens live on :root (adopted into the document once, when the first
 * element module loads) so that a component rendered on its own — in a browser
 * test, say — looks the same as inside <kiosk-app>, and a theme can still
 * override any `--kiosk-*` property further down the tree.
 *
 * Colours: calm dark-on-light with one accent (blue); states green / amber /
 * red always come with words, never colour alone. Sizes are for a 7–10" touch
 * screen read at arm's length.
 */
import { css } from 'lit';

export const kioskTokens = css`
  :root {
    --kiosk-font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei',
      'WenQuanYi Micro Hei', system-ui, sans-serif;
    --kiosk-font-numeric: 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', ui-monospace, monospace;

    --kiosk-bg: #eef1f5;
    --kiosk-surface: #ffffff;
    --kiosk-surface-sunken: #f6f7f9;
    --kiosk-border: #d5dae1;
    --kiosk-text: #0f172a;
    --kiosk-text-muted: #475569;
    --kiosk-accent: #1d4ed8;
    --kiosk-accent-strong: #1e3a8a;
    --kiosk-accent-soft: #dbe6fe;
    --kiosk-on-accent: #ffffff;

    --kiosk-ok: #15803d;
    --kiosk-ok-soft: #dcfce7;
    --kiosk-warn: #92400e;
    --kiosk-warn-mark: #d97706;
    --kiosk-warn-soft: #fef3c7;
    --kiosk-error: #b91c1c;
    --kiosk-error-soft: #fee2e2;

    --kiosk-radius: 14px;
    --kiosk-radius-small: 10px;
    --kiosk-shadow: 0 1px 2px rgb(15 23 42 / 0.06), 0 4px 16px rgb(15 23 42 / 0.06);
    --kiosk-gap: 16px;

    /* Touch: 48 px is the floor, 64 px what we aim for. */
    --kiosk-touch-min: 48px;
    --kiosk-touch: 64px;

    --kiosk-font-small: 18px;
    --kiosk-font-body: 22px;
    --kiosk-font-title: 28px;
    --kiosk-font-product-name: clamp(44px, 7vh, 60px);
    --kiosk-font-price: clamp(80px, 14vh, 120px);
    --kiosk-font-stock: 30px;

    /*
     * Counter modes: one colour each, always shown with the mode's name (a
     * colour alone is not enough: colour-blind owners, sunlight on the glass).
     * The strong tone fills the active mode button and the band under the top
     * bar; the soft tone tints surfaces that belong to the mode.
     */
    --kiosk-mode-sell: #15803d;
    --kiosk-mode-sell-soft: #dcfce7;
    --kiosk-mode-receive: #1d4ed8;
    --kiosk-mode-receive-soft: #dbeafe;
    --kiosk-mode-stocktake: #7e22ce;
    --kiosk-mode-stocktake-soft: #f3e8ff;
    --kiosk-mode-adjust: #c2410c;
    --kiosk-mode-adjust-soft: #ffedd5;
    --kiosk-mode-lookup: #475569;
    --kiosk-mode-lookup-soft: #e2e8f0;
    /* Ordering: a blue-leaning teal, kept apart from the catalog's green-leaning one. */
    --kiosk-mode-order: #0e7490;
    --kiosk-mode-order-soft: #cffafe;
    --kiosk-mode-catalog: #0f766e;
    --kiosk-mode-catalog-soft: #ccfbf1;
    /* The owner's business report: a deep rose, apart from every counter mode. */
    --kiosk-mode-report: #9f1239;
    --kiosk-mode-report-soft: #ffe4e6;
    /* The rep's visit (issue 12). */
    --kiosk-mode-visit: #6d28d9;
    --kiosk-mode-visit-soft: #ede9fe;
    --kiosk-on-mode: #ffffff;
  }
`;

let adopted = false;

/** Put the tokens on :root once; safe to call any number of times. */
export function adoptKioskTokens(doc: Document | undefined = globalThis.document): void {
  if (adopted || doc === undefined) return;
  adopted = true;
  const sheet = kioskTokens.styleSheet;
  if (sheet) {
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } else {
    const style = doc.createElement('style');
    style.textContent = kioskTokens.cssText;
    doc.head.append(style);
  }
}

adoptKioskTokens();

/**
 * `.frame`: a box filling its host (which is position: relative and sized by
 * the screen) that is a layout root of its own. Chromium never lays out a flex
 * or grid item on its own, and most hosts are one, so a change inside them (a
 * scan's new row, a new product's name) laid out the whole page from the
 * document down; an absolutely placed, strictly contained box is laid out
 * alone, and nothing around it.
 */
export const layoutRootFrame = css`
  .frame {
    position: absolute;
    inset: 0;
    contain: strict;
  }
`;

/**
 * A card sized by the screen's grid or flex box, never by what it shows (the
 * product scanned, the rows of a list), which draws in its `.frame`.
 */
export const framedCard = [
  layoutRootFrame,
  css`
    :host {
      display: block;
      position: relative;
      min-height: 0;
      contain: strict;
      overflow: hidden;
      background: var(--kiosk-surface);
      border-radius: var(--kiosk-radius);
      box-shadow: var(--kiosk-shadow);
    }
  `,
];

/** A host laid out as a block (an element is inline until it says otherwise), as most parts are. */
export const hostBlock = css`
  :host {
    display: block;
  }
`;

/** A host laid out as a column, as most panels and screens are; the element adds its gap and padding. */
export const hostColumn = css`
  :host {
    display: flex;
    flex-direction: column;
  }
`;

/** A host laid out as a row of buttons and fields that wraps on a narrow screen (a period's presets, the shelves). */
export const hostWrappingRow = css`
  :host {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
`;

/** A host laid over the whole app, the page dimmed behind it (a product's history, the PIN gate). */
export const overAppHost = css`
  :host {
    position: fixed;
    inset: 0;
    z-index: 100;
    background: rgb(15 23 42 / 0.45);
  }
`;

/** A bar that fills as work is done (an import, a count); the element colours the fill. */
export const progressBarStyles = css`
  .bar {
    height: 18px;
    border-radius: 9px;
    background: var(--kiosk-surface-sunken);
    border: 1px solid var(--kiosk-border);
    overflow: hidden;
  }
  .bar > div {
    height: 100%;
  }
`;

/**
 * Rules every element shares: no text selection or long-press callout (a
 * kiosk, not a document), the kiosk font, and buttons that are big, flat and
 * answer a touch without hover.
 */
export const kioskBase = css`
  /* The CJK font draws ’ “ ” … a whole character wide ("product’ s"); in English they take their own width. */
  :host(:lang(en)) {
    font-variant-east-asian: proportional-width;
  }
  :host {
    font-family: var(--kiosk-font-family);
    color: var(--kiosk-text);
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
    -webkit-tap-highlight-color: transparent;
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  /* A field's own font is the browser's (Arial, a textarea's monospace), without the shop's Chinese: the kiosk's instead. */
  :where(input, textarea, select) {
    font-family: inherit;
  }
  /* A product's name in a line or on a card: a long one takes two lines, never pushes the figures off. */
  .two-lines {
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  button {
    font: inherit;
    color: inherit;
    min-height: var(--kiosk-touch);
    min-width: var(--kiosk-touch);
    padding: 0 20px;
    border: 2px solid var(--kiosk-border);
    border-radius: var(--kiosk-radius-small);
    background: var(--kiosk-surface);
    touch-action: manipulation;
    cursor: pointer;
  }
  button:active:not(:disabled) {
    transform: translateY(1px);
    filter: brightness(0.94);
  }
  button:focus-visible {
    outline: 3px solid var(--kiosk-accent);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button.primary {
    background: var(--kiosk-accent);
    border-color: var(--kiosk-accent);
    color: var(--kiosk-on-accent);
    font-weight: 600;
  }
`;

/** What asks for attention, as text on its tint: needs the owner's eye (.warn), went wrong (.error). */
export const attentionTints = css`
  .warn {
    color: var(--kiosk-warn);
    background: var(--kiosk-warn-soft);
  }
  .error {
    color: var(--kiosk-error);
    background: var(--kiosk-error-soft);
  }
`;

/**
 * A message strip (a banner, a refused scan): a round mark, the words, and a
 * button that puts it away. The element sets the sizes and the tone.
 */
export const markedStripStyles = css`
  .strip {
    display: flex;
    align-items: center;
    border-radius: var(--kiosk-radius);
  }
  .mark {
    flex: none;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-weight: 800;
    color: #fff;
  }
  .strip > button {
    flex: none;
    font-weight: 600;
  }
`;

/** A small rounded tag beside a line (a warning; .bad for an error), as the order list shows them. */
export const chipStyles = css`
  .chip {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 15px;
    font-weight: 700;
    background: var(--kiosk-warn-soft);
    color: var(--kiosk-warn);
  }
  .chip.bad {
    background: var(--kiosk-error-soft);
    color: var(--kiosk-error);
  }
`;

/**
 * A box the clerk types into (a search, a shelf's name; a textarea for a
 * brand story or the legal notices): touch-high, and its text selectable,
 * unlike the rest of the kiosk. Wrapped in :where() so it weighs nothing: the
 * element's own rules for its box always win.
 */
export const textBoxStyles = css`
  :where(input.text-box, textarea) {
    font: inherit;
    border: 2px solid var(--kiosk-border);
    border-radius: var(--kiosk-radius-small);
    user-select: text;
    -webkit-user-select: text;
  }
  :where(input.text-box) {
    height: var(--kiosk-touch);
    padding: 0 12px;
  }
  /* A textarea fills its column and grows downwards only. */
  :where(textarea) {
    box-sizing: border-box;
    width: 100%;
    padding: 8px 12px;
    resize: vertical;
  }
`;

/**
 * A file chooser that looks like a button: the label is what the finger
 * touches; the input stays in the page (so the label still opens it) but
 * takes no room.
 */
export const fileButtonStyles = css`
  label.file {
    position: relative;
    display: inline-flex;
    align-items: center;
    min-height: var(--kiosk-touch);
    padding: 0 20px;
    border: 2px solid var(--kiosk-border);
    border-radius: var(--kiosk-radius-small);
    cursor: pointer;
  }
  label.file input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
`;
