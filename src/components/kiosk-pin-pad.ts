/**
 * The PIN pad: dots for the digits typed (never the digits), big keys (the
 * number keypad, keys ≥ 64 px) and 确定. Reports the PIN typed; the gate
 * decides what it means.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { hostColumn, kioskBase } from '../styles.ts';
import { PIN_MAX_DIGITS, PIN_MIN_DIGITS } from '../domain/pin.ts';
import type { KioskKeypadPressEvent } from './kiosk-keypad.ts';
import './kiosk-keypad.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskPinEnteredEvent extends kioskEvent<string>()('kiosk-pin-entered') {}

@customElement('kiosk-pin-pad')
@localized()
export class KioskPinPad extends LitElement {
  @property({ type: Number }) minDigits = PIN_MIN_DIGITS;
  @property({ type: Number }) maxDigits = PIN_MAX_DIGITS;
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Show the digits (a recovery code being typed from paper), not dots. */
  @property({ type: Boolean }) reveal = false;
  @state() private _digits = '';

  static override styles = [
    kioskBase,
    hostColumn,
    css`
      :host {
        gap: 8px;
        width: min(100%, 340px);
        --kiosk-keypad-key-height: 64px;
      }
      .dots {
        min-height: 48px;
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 10px;
        font-size: 32px;
        letter-spacing: 4px;
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        background: var(--kiosk-surface);
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
      }
      button[name='ok'] {
        min-height: 64px;
        font-size: 24px;
      }
    `,
  ];

  /** Empty the pad (after a wrong PIN, or between two steps). */
  clear(): void {
    this._digits = '';
  }

  override render() {
    const shown = this.reveal ? this._digits : '●'.repeat(this._digits.length);
    return html`<div class="dots" data-kind="pin-dots" aria-live="polite" aria-label=${msg('已输入位数')}>
        ${shown || html`<span style="color: var(--kiosk-text-muted); font-size: 20px; letter-spacing: 0">${msg('请输入')}</span>`}
      </div>
      <kiosk-keypad ?disabled=${this.disabled} @kiosk-keypad-press=${this._press}></kiosk-keypad>
      <button
        type="button"
        name="ok"
        class="primary"
        ?disabled=${this.disabled || this._digits.length < this.minDigits}
        @click=${this._submit}
      >
        ${msg('确定')}
      </button>`;
  }

  private _press = (e: KioskKeypadPressEvent) => {
    e.stopPropagation();
    if (e.detail === 'clear') this._digits = '';
    else if (e.detail === 'backspace') this._digits = this._digits.slice(0, -1);
    else if (/^[0-9]$/.test(e.detail) && this._digits.length < this.maxDigits) this._digits += e.detail;
  };

  private _submit = () => {
    if (this.disabled || this._digits.length < this.minDigits) return;
    const pin = this._digits;
    this._digits = '';
    this.dispatchEvent(new KioskPinEnteredEvent(pin));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-pin-pad': KioskPinPad;
  }
  interface HTMLElementEventMap {
    'kiosk-pin-entered': KioskPinEnteredEvent;
  }
}
