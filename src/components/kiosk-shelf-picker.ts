/**
 * Which shelf is being counted: a few quick buttons (most shops have a handful
 * of shelves and a counter), "no shelf", or a name typed in. The stocktake
 * records it with each count so the report can say where a product was found.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { hostWrappingRow, kioskBase, textBoxStyles } from '../styles.ts';
import { kioskEvent } from './kiosk-event.ts';

/** Quick shelf buttons. */
export const SHELF_BUTTONS = 6;

export class KioskShelfChangeEvent extends kioskEvent<string>()('kiosk-shelf-change') {}

@customElement('kiosk-shelf-picker')
@localized()
export class KioskShelfPicker extends LitElement {
  /** The shelf being counted; '' for none. */
  @property() shelf = '';

  static override styles = [
    kioskBase,
    hostWrappingRow,
    textBoxStyles,
    css`
      button {
        min-width: 0;
        padding: 0 14px;
        font-size: var(--kiosk-font-small);
      }
      button[aria-pressed='true'] {
        background: var(--_mode-soft);
        border-color: var(--_mode);
        font-weight: 700;
      }
      input {
        font-size: var(--kiosk-font-small);
        width: 160px;
        padding: 0 10px;
      }
    `,
  ];

  override render() {
    return html`<span>${msg('货架')}</span>
      ${Array.from({ length: SHELF_BUTTONS }, (_, i) => {
        const name = msg(str`货架 ${i + 1}`);
        return html`<button type="button" name="shelf" aria-pressed=${this.shelf === name ? 'true' : 'false'} @click=${() => this._pick(name)}>${name}</button>`;
      })}
      <button type="button" name="shelf-none" aria-pressed=${this.shelf === '' ? 'true' : 'false'} @click=${() => this._pick('')}>${msg('不分货架')}</button>
      <input
        class="text-box"
        name="shelf"
        maxlength="20"
        placeholder=${msg('其他货架名')}
        .value=${this.shelf}
        @change=${(e: Event) => this._pick((e.target as HTMLInputElement).value)}
      />`;
  }

  private _pick(shelf: string) {
    this.dispatchEvent(new KioskShelfChangeEvent(shelf));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-shelf-picker': KioskShelfPicker;
  }
  interface HTMLElementEventMap {
    'kiosk-shelf-change': KioskShelfChangeEvent;
  }
}
