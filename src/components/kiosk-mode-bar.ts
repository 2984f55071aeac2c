/**
 * The counter's modes as one row of big buttons: 销售, 入库, 盘点, 调整, 查询, 订货,
 * and a quieter 商品 (catalog) at the end. The active mode is filled with its colour
 * and the bar carries a band of that colour, so the mode is always visible in
 * colour and in words and nobody receives when they meant to sell.
 *
 * The bar does not switch by itself: it asks (kiosk-mode-change) and the shell
 * sets `mode`, because the shell owns what is remembered and shown.
 */
import { LitElement, html, css, nothing, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { kioskBase, hostBlock } from '../styles.ts';
import { KIOSK_MODES, VISIT_MODE, modeHint, modeName, modeShortName, type KioskMode } from '../wording/mode-text.ts';
import { kioskEvent } from './kiosk-event.ts';

export type { KioskMode } from '../wording/mode-text.ts';

export class KioskModeChangeEvent extends kioskEvent<KioskMode>()('kiosk-mode-change') {}

/** The active mode's colour on the bar (--_mode, --_mode-soft), and each button's own (--_own). */
const modeColours = [...KIOSK_MODES, VISIT_MODE].map((mode) => {
  // The board wears the report's colour: both are the owner's, set apart from the counter's modes.
  const colour = mode === 'board' ? 'report' : mode;
  const [name, token] = [unsafeCSS(mode), unsafeCSS(`--kiosk-mode-${colour}`)];
  return css`
    :host([mode='${name}']) {
      --_mode: var(${token});
      --_mode-soft: var(${token}-soft);
    }
    button[data-mode='${name}'] {
      --_own: var(${token});
    }
  `;
});

@customElement('kiosk-mode-bar')
@localized()
export class KioskModeBar extends LitElement {
  /** The active mode (set by the shell). */
  @property({ reflect: true }) mode: KioskMode = 'sell';
  /** While a mode screen is busy (closing a sale, say) switching waits. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** A rep (or the owner) is signed in: the visit mode is on the bar (issue 12). */
  @property({ type: Boolean, reflect: true }) visit = false;

  static override styles = [
    kioskBase,
    hostBlock,
    ...modeColours,
    css`
      nav {
        display: flex;
        gap: 8px;
        padding: 6px var(--kiosk-gap);
        background: var(--_mode-soft);
        /* The band: the mode's colour right across the screen. */
        border-bottom: 6px solid var(--_mode);
      }
      button {
        flex: 1 1 0;
        /* Never narrower than its longest word: an English name (Stocktake,
           Products) takes the room it needs from the others. */
        min-width: min-content;
        min-height: var(--kiosk-touch);
        padding: 4px 8px;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 0;
        line-height: 1.15;
        border-width: 3px;
        background: var(--kiosk-surface);
      }
      button[data-mode='catalog'] {
        flex: 0.7 1 0;
        margin-left: 12px;
        border-style: dashed;
        background: transparent;
      }
      button[data-mode='report'] {
        flex: 0.7 1 0;
        border-style: dashed;
        background: transparent;
      }
      /* The owner's board sits with the report: the owner's, set apart from the counter's modes. */
      button[data-mode='board'] {
        flex: 0.7 1 0;
        border-style: dashed;
        background: transparent;
      }
      button[data-mode='visit'] {
        flex: 0.7 1 0;
      }
      .name {
        font-size: 24px;
        font-weight: 700;
        color: var(--_own);
      }
      .short {
        display: none;
      }
      .hint {
        font-size: 14px;
        color: var(--kiosk-text-muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        /* The hint gives way (ellipsis) rather than widening its button: with ten
           modes an English hint (Supplier's board) pushed the bar off a 1280 px screen. */
        contain: inline-size;
        align-self: stretch;
        text-align: center;
      }
      button[aria-pressed='true'] {
        background: var(--_own);
        border-color: var(--_own);
        border-style: solid;
        box-shadow: 0 2px 8px rgb(15 23 42 / 0.25);
      }
      button[aria-pressed='true'] .name,
      button[aria-pressed='true'] .hint {
        color: var(--kiosk-on-mode);
      }
      button[aria-pressed='false'] {
        border-color: color-mix(in srgb, var(--_own) 35%, var(--kiosk-border));
      }
      /* Small screens: the mode names alone, still a full finger wide; every
         mode gets the same width so an English name (Products, Report) fits,
         and a name too long for any button gives way to its short form. */
      @media (max-height: 700px), (max-width: 900px) {
        nav {
          gap: 6px;
          padding: 4px var(--kiosk-gap);
          border-bottom-width: 4px;
        }
        button,
        button[data-mode='catalog'],
        button[data-mode='report'],
        button[data-mode='board'],
        button[data-mode='visit'] {
          flex: 1 1 0;
          min-height: var(--kiosk-touch-min);
          padding: 2px;
          border-width: 2px;
        }
        .hint {
          display: none;
        }
        .name {
          /* Ten modes across 800 px: at 20 px "Look up" wrapped and the bar grew a line. */
          font-size: 18px;
        }
        .name[data-short] {
          display: none;
        }
        .short {
          display: inline;
        }
        button[data-mode='catalog'] {
          margin-left: 4px;
        }
      }
      @media (max-width: 900px) {
        nav {
          gap: 4px;
          padding: 4px 8px;
        }
      }
    `,
  ];

  override render() {
    return html`<nav aria-label=${msg('工作模式')}>
      ${(this.visit ? [...KIOSK_MODES, VISIT_MODE] : KIOSK_MODES).map((mode) => {
        const name = modeName(mode);
        const short = modeShortName(mode);
        return html`<button
          type="button"
          data-mode=${mode}
          aria-pressed=${this.mode === mode ? 'true' : 'false'}
          ?disabled=${this.disabled && this.mode !== mode}
          @click=${() => this._choose(mode)}
        >
          <span class="name" ?data-short=${short !== name}>${name}</span>
          ${short !== name ? html`<span class="name short">${short}</span>` : nothing}
          <span class="hint">${modeHint(mode)}</span>
        </button>`;
      })}
    </nav>`;
  }

  private _choose(mode: KioskMode) {
    if (this.disabled || mode === this.mode) return;
    this.dispatchEvent(new KioskModeChangeEvent(mode));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-mode-bar': KioskModeBar;
  }
  interface HTMLElementEventMap {
    'kiosk-mode-change': KioskModeChangeEvent;
  }
}
