/** <kiosk-product-editor>'s look: nine fields beside the keypad, fitting 1024×600. */
import { css } from 'lit';
import { kioskBase, textBoxStyles } from '../styles.ts';
import { keypadFormStyles } from './keypad-form-styles.ts';

export const productEditorStyles = [
  kioskBase,
  keypadFormStyles,
  textBoxStyles,
  css`
    :host {
      /* Fits 1024×600 with nine fields: smaller rows, still ≥ 48 px to touch. */
      --_field-height: 52px;
      --_field-font-size: 22px;
      --_field-padding: 12px;
      --_label-font-size: var(--kiosk-font-small);
      --_note-font-size: 16px;
      --_error-line: 20px;
      --_side-width: 280px;
      --_layout-gap: 24px;
    }
    header {
      flex-wrap: wrap;
    }
    .fields {
      grid-template-columns: auto 1fr auto 1fr;
      column-gap: 12px;
    }
    .wide {
      grid-column: 2 / 5;
    }
    .layout {
      container-type: inline-size;
    }
    /* One field a row (the form scrolls) where two leave a price too little room:
       in English always (beside "Packs per carton" and "Minimum order" a
       ¥136.70 broke over two lines even at 1000 px; at 800 px each field had
       52 px), in Chinese beside the keypad on an 800 px screen. */
    :host(:lang(en)) .fields {
      grid-template-columns: auto 1fr;
    }
    :host(:lang(en)) .wide {
      grid-column: 2 / 3;
    }
    @container (max-width: 799px) {
      .fields {
        grid-template-columns: auto 1fr;
      }
      .wide {
        grid-column: 2 / 3;
      }
    }
    .fields > label,
    .fields > .label {
      white-space: nowrap;
    }
    .control,
    input,
    textarea {
      min-width: 0;
    }
    input.keyed {
      font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
    }
    input.keyed[data-active='true'] {
      border-color: var(--kiosk-accent);
      background: var(--kiosk-accent-soft);
    }
    .entry {
      min-height: var(--_field-height);
      gap: 8px;
    }
    .entry[aria-pressed='true'][data-fresh='true'] .value {
      /* The first key replaces a value shown like this. */
      background: var(--kiosk-accent);
      color: var(--kiosk-on-accent);
      border-radius: 4px;
      padding: 0 4px;
    }
    .entry .placeholder {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .entry .shown {
      white-space: nowrap;
    }
    .choice {
      gap: 8px;
    }
    .stock {
      font-size: var(--kiosk-font-small);
      line-height: var(--_field-height);
    }
    .stock strong.negative {
      color: var(--kiosk-error);
    }
    .hint {
      font-size: 16px;
      color: var(--kiosk-text-muted);
    }
    .actions button {
      min-height: var(--kiosk-touch);
    }
  `,
];
