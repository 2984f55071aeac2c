/**
 * Big on-screen number pad for prices and counts: the counter has a touch
 * screen and no keyboard. It only reports presses; the field that has focus
 * in the form decides what a press does.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { kioskBase, hostBlock } from '../styles.ts';
import type { KeypadKey } from '../domain/keypad.ts';
import { kioskEvent } from './kiosk-event.ts';

export type { KeypadKey } from '../domain/keypad.ts';

export class KioskKeypadPressEvent extends kioskEvent<KeypadKey>()('kiosk-keypad-press') {}

const DIGIT_ROWS: KeypadKey[][] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
];

@customElement('kiosk-keypad')
@localized()
export class KioskKeypad extends LitElement {
  /** Show the decimal point key (prices); hide it for whole counts. */
  @property({ type: Boolean, reflect: true }) decimal = false;
  @property({ type: Boolean, reflect: true }) disabled = false;

  static override styles = [
    kioskBase,
    hostBlock,
    css`
      .pad {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 8px;
      }
      button {
        min-height: var(--kiosk-keypad-key-height, 64px);
        font-size: 30px;
        font-weight: 600;
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
        background: var(--kiosk-surface);
        padding: 0;
      }
      button.fn {
        font-family: var(--kiosk-font-family);
        font-size: 22px;
        background: var(--kiosk-surface-sunken);
      }
    `,
  ];

  override render() {
    const key = (k: KeypadKey, label: string = k, extra = '') =>
      html`<button
        type="button"
        class=${extra}
        data-key=${k}
        aria-label=${label}
        ?disabled=${this.disabled}
        @click=${() => this._press(k)}
      >
        ${label}
      </button>`;
    return html`<div class="pad" role="group" aria-label=${msg('数字键盘')}>
      ${DIGIT_ROWS.flat().map((k) => key(k))}
      ${this.decimal ? key('.', '.') : key('clear', msg('清空'), 'fn')} ${key('0')}
      ${key('backspace', msg('删除'), 'fn')}
    </div>`;
  }

  private _press(key: KeypadKey) {
    if (this.disabled) return;
    this.dispatchEvent(new KioskKeypadPressEvent(key));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-keypad': KioskKeypad;
  }
  interface HTMLElementEventMap {
    'kiosk-keypad-press': KioskKeypadPressEvent;
  }
}
