/**
 * Change one basket line: the new quantity typed on the big keypad, "确定",
 * "删除此行" (void the line) and "返回". A bad quantity (0, too many, nothing
 * typed) is said in words beside the number and nothing is sent; removing a
 * line is its own button, never a quantity of 0.
 */
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { checkQuantity, type BasketError, type BasketLine } from '../domain/basket.ts';
import { kioskBase } from '../styles.ts';
import { basketErrorText } from '../wording/field-text.ts';
import type { KioskKeypadPressEvent } from './kiosk-keypad.ts';
import './kiosk-keypad.ts';
import { kioskEvent, kioskSignal } from './kiosk-event.ts';

export class KioskQuantityConfirmEvent extends kioskEvent<{ lineId: string; quantity: number }>()('kiosk-quantity-confirm') {}

export class KioskLineVoidEvent extends kioskEvent<string>()('kiosk-line-void') {}

export class KioskQuantityCancelEvent extends kioskSignal('kiosk-quantity-cancel') {}

/** Four digits are enough to be told "too many" about 9999; more is a stuck key. */
const MAX_QUANTITY_DIGITS = 4;

@customElement('kiosk-quantity-editor')
@localized()
export class KioskQuantityEditor extends LitElement {
  @property({ attribute: false }) line?: BasketLine;
  /** "盒" / "条": the unit the quantity is in. */
  @property() unit = '';
  /** Saving: every button waits. */
  @property({ type: Boolean, reflect: true }) busy = false;
  /** An error from saving (set by the screen). */
  @property({ attribute: false }) error?: BasketError | undefined;

  @state() private _text = '';
  @state() private _localError?: BasketError | 'required' | undefined;

  static override styles = [
    kioskBase,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 132px;
        grid-template-areas:
          'entry entry'
          'error error'
          'pad actions';
        gap: 8px 10px;
        --kiosk-keypad-key-height: 50px;
      }
      .entry {
        grid-area: entry;
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        height: 56px;
        padding: 0 16px;
        border: 3px solid var(--kiosk-accent);
        border-radius: var(--kiosk-radius-small);
        background: var(--kiosk-accent-soft);
        font-size: 34px;
        font-weight: 700;
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
        line-height: 50px;
      }
      .entry[aria-invalid='true'] {
        border-color: var(--kiosk-error);
        background: var(--kiosk-error-soft);
      }
      .entry .value {
        flex: none;
      }
      .entry .was {
        min-width: 0;
        margin-left: 12px;
        font-size: var(--kiosk-font-small);
        font-weight: 400;
        color: var(--kiosk-text-muted);
        font-family: var(--kiosk-font-family);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .entry .was strong {
        color: var(--kiosk-text);
      }
      .error {
        grid-area: error;
        color: var(--kiosk-error);
        font-weight: 600;
        font-size: var(--kiosk-font-small);
        line-height: 1.3;
      }
      kiosk-keypad {
        grid-area: pad;
      }
      .actions {
        grid-area: actions;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .actions button {
        padding: 0 6px;
        min-width: 0;
        min-height: var(--kiosk-keypad-key-height);
        font-size: 20px;
      }
      .actions .ok {
        flex: 1;
        font-size: 26px;
      }
      button.void {
        color: var(--kiosk-error);
        border-color: var(--kiosk-error);
        font-weight: 600;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('line') && changed.get('line')?.lineId !== this.line?.lineId) {
      this._text = '';
      this._localError = undefined;
    }
  }

  override render() {
    const line = this.line;
    if (!line) return nothing;
    const error = this._localError ?? this.error;
    return html`
      <div class="entry" aria-invalid=${error ? 'true' : 'false'} aria-live="polite">
        <span class="value">${this._text === '' ? line.quantity : this._text} ${this.unit}</span>
        <span class="was"><strong class="title">${line.name}</strong> · ${msg(str`原来 ${line.quantity}`)}</span>
      </div>
      ${error ? html`<div class="error" role="alert">${basketErrorText(error)}</div>` : nothing}
      <kiosk-keypad ?disabled=${this.busy} @kiosk-keypad-press=${this._onKey}></kiosk-keypad>
      <div class="actions">
        <button type="button" name="ok" class="primary ok" ?disabled=${this.busy} @click=${this._confirm}>
          ${msg('确定')}
        </button>
        <button type="button" name="void-line" class="void" ?disabled=${this.busy} @click=${this._void}>
          ${msg('删除此行')}
        </button>
        <button type="button" name="cancel" ?disabled=${this.busy} @click=${this._cancel}>${msg('返回')}</button>
      </div>
    `;
  }

  private _onKey = (e: KioskKeypadPressEvent) => {
    this._localError = undefined;
    const text = this._text;
    if (e.detail === 'clear') this._text = '';
    else if (e.detail === 'backspace') this._text = text.slice(0, -1);
    else if (e.detail === '.') return;
    else if (text === '0') this._text = e.detail;
    else if (text.length < MAX_QUANTITY_DIGITS) this._text = text + e.detail;
    else this._localError = 'quantity-too-large';
  };

  private _confirm = () => {
    const line = this.line;
    if (!line || this.busy) return;
    if (this._text === '') {
      this._localError = 'required';
      return;
    }
    const quantity = Number(this._text);
    const error = checkQuantity(quantity);
    if (error) {
      this._localError = error;
      return;
    }
    this.dispatchEvent(new KioskQuantityConfirmEvent({ lineId: line.lineId, quantity }));
  };

  private _void = () => {
    if (this.line && !this.busy) this.dispatchEvent(new KioskLineVoidEvent(this.line.lineId));
  };

  private _cancel = () => {
    this.dispatchEvent(new KioskQuantityCancelEvent());
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-quantity-editor': KioskQuantityEditor;
  }
  interface HTMLElementEventMap {
    'kiosk-quantity-confirm': KioskQuantityConfirmEvent;
    'kiosk-line-void': KioskLineVoidEvent;
    'kiosk-quantity-cancel': KioskQuantityCancelEvent;
  }
}
