/**
 * Keying one product's count in a stocktake: the product with its book stock
 * (and what was counted of it already), the count as typed ("3条2盒" works:
 * 条 and 盒 keys), the keypad, and save. The screen owns the typed text (a
 * rescan of the same product adds to it); this element shows it and says how
 * the owner changed it.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { panelPartStyles } from './panel-styles.ts';
import { stocktakeStyles } from './stocktake-styles.ts';
import { displayCode } from '../domain/barcode.ts';
import type { Product, StockUnit } from '../domain/product.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { productStockText } from '../wording/stock-text.ts';
import { withCountUnit } from '../wording/stocktake-text.ts';
import type { KioskKeypadPressEvent } from './kiosk-keypad.ts';
import { KioskProductHistoryRequestedEvent } from './product-events.ts';
import { kioskEvent, kioskSignal } from './kiosk-event.ts';
import './kiosk-keypad.ts';

/** Longest count text kept: "9999条9盒" and then some; more is a stuck key. */
const MAX_TYPED = 16;

export class KioskCountTextChangeEvent extends kioskEvent<string>()('kiosk-count-text-change') {}

export class KioskCountSaveEvent extends kioskSignal('kiosk-count-save') {}

@customElement('kiosk-stocktake-count-entry')
@localized()
export class KioskStocktakeCountEntry extends LitElement {
  @property({ attribute: false }) product?: Product;
  /** The barcode scanned (a carton's says how many packs one scan is). */
  @property({ attribute: false }) link?: BarcodeLink;
  /** Packs of this product counted already in this stocktake, if any. */
  @property({ attribute: false }) counted?: number | undefined;
  /** The count as typed. */
  @property() text = '';
  /** Why the typed count was refused, in words. */
  @property() error?: string | undefined;
  @property({ type: Boolean }) busy = false;

  static override styles = [
    ...panelPartStyles,
    stocktakeStyles,
    css`
      .name {
        font-size: 32px;
        font-weight: 700;
      }
      .meta {
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-small);
        display: flex;
        gap: 16px;
        flex-wrap: wrap;
        align-items: center;
      }
      .book {
        font-size: var(--kiosk-font-body);
        margin-top: 4px;
      }
      .entry {
        display: flex;
        gap: 8px;
        margin-top: 10px;
      }
      .entry input {
        flex: 1;
        min-width: 0;
        font: inherit;
        font-size: 32px;
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
        height: var(--kiosk-touch);
        border: 2px solid var(--_mode);
        border-radius: var(--kiosk-radius-small);
        padding: 0 14px;
        user-select: text;
        -webkit-user-select: text;
      }
      /* Each button as wide as its word at least ("Carton"), the rest of the row shared out. */
      .units {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin: 8px 0;
      }
      .units button {
        flex: 1 1 auto;
        white-space: nowrap;
        font-size: var(--kiosk-font-body);
      }
      .units button[name='zero'] {
        flex-grow: 2;
      }
      kiosk-keypad {
        --kiosk-keypad-key-height: 56px;
      }
      .error-text {
        color: var(--kiosk-error);
        font-weight: 600;
        font-size: var(--kiosk-font-small);
        margin-top: 6px;
      }
    `,
  ];

  override render() {
    const { product, link } = this;
    if (!product || !link) return nothing;
    const ppc = product.packsPerCarton;
    return html`<div class="card product">
      <div class="name">${product.name}</div>
      <div class="meta">
        <span>${displayCode(link.code)}</span>
        ${link.multiplier > 1 ? html`<span>${msg(str`条码：整条（${link.multiplier} 盒）`)}</span>` : nothing}
        <button type="button" name="history" @click=${() => this.dispatchEvent(new KioskProductHistoryRequestedEvent(product.code))}>${msg('库存记录')}</button>
      </div>
      <div class="book ${product.stock < 0 ? 'negative' : ''}">
        ${msg(str`账面库存 ${productStockText(product.stock, product)}`)}
        ${product.stock < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
      </div>
      ${this.counted !== undefined ? html`<div class="meta">${msg(str`已盘：${productStockText(this.counted, product)}`)}</div>` : nothing}
      <div class="entry">
        <input
          name="count"
          inputmode="none"
          autocomplete="off"
          aria-label=${msg('实盘数量')}
          placeholder=${ppc && ppc > 1 ? msg('例如 3条2盒') : msg('盒数')}
          .value=${this.text}
          @input=${(e: Event) => this._change((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') this.dispatchEvent(new KioskCountSaveEvent());
          }}
        />
        <button type="button" class="mode" name="save" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new KioskCountSaveEvent())}>${msg('保存')}</button>
      </div>
      ${this.error ? html`<div class="error-text" role="alert">${this.error}</div>` : nothing}
      <div class="units">
        <button type="button" name="unit-carton" ?disabled=${!ppc || ppc <= 1} @click=${() => this._appendUnit('carton')}>
          ${msg('条')}
        </button>
        <button type="button" name="unit-pack" @click=${() => this._appendUnit('pack')}>${msg('盒')}</button>
        <button type="button" name="zero" @click=${() => this._change('0')}>${msg('没有货（0）')}</button>
      </div>
      <kiosk-keypad @kiosk-keypad-press=${this._onKey}></kiosk-keypad>
    </div>`;
  }

  private _change(text: string) {
    this.dispatchEvent(new KioskCountTextChangeEvent(text));
  }

  private _append(key: string) {
    if (this.text.length < MAX_TYPED) this._change(this.text + key);
  }

  private _appendUnit(unit: StockUnit) {
    const next = withCountUnit(this.text, unit);
    if (next.length <= MAX_TYPED) this._change(next);
  }

  private _onKey = (e: KioskKeypadPressEvent) => {
    switch (e.detail) {
      case 'backspace':
        this._change([...this.text].slice(0, -1).join(''));
        break;
      case 'clear':
        this._change('');
        break;
      case '.':
        // Counts are whole packs.
        break;
      default:
        this._append(e.detail);
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-stocktake-count-entry': KioskStocktakeCountEntry;
  }
  interface HTMLElementEventMap {
    'kiosk-count-text-change': KioskCountTextChangeEvent;
    'kiosk-count-save': KioskCountSaveEvent;
  }
}
