/**
 * The catalog's product list: search by name, brand or barcode, only the
 * negative stocks, a row opens the product's history, 编辑 the editor. The
 * screen reads the list; this element shows it and says what was asked.
 */
import { LitElement, html, css, nothing } from 'lit';
import { kioskEvent, kioskSignal } from './kiosk-event.ts';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import { formatCents, type Product } from '../domain/product.ts';
import { formattingLocale } from '../localization.ts';
import { productStockText } from '../wording/stock-text.ts';
import { catalogPanelStyles } from './catalog-styles.ts';
import { textBoxStyles } from '../styles.ts';
import { KioskProductHistoryRequestedEvent } from './product-events.ts';
import './kiosk-banner.ts';

/** The search text changed. */
export class KioskProductSearchChangedEvent extends kioskEvent<string>()('kiosk-product-search-changed') {}

/**
 * 只看负库存 was tapped. A toggle, not a value: two taps before this element
 * has re-rendered must still cancel each other out.
 */
export class KioskNegativeFilterToggledEvent extends kioskSignal('kiosk-negative-filter-toggled') {}

/** 编辑 was tapped: open the product in the editor. */
export class KioskProductEditRequestedEvent extends kioskEvent<Product>()('kiosk-product-edit-requested') {}

@customElement('kiosk-catalog-products')
@localized()
export class KioskCatalogProducts extends LitElement {
  /** undefined while the list is being read. */
  @property({ attribute: false }) products?: Product[];
  @property({ attribute: false }) search = '';
  @property({ type: Boolean }) onlyNegative = false;
  /** The product just saved in the editor (a dismissible note). */
  @property({ attribute: false }) savedName?: string;

  static override styles = [
    catalogPanelStyles,
    textBoxStyles,
    css`
      .search {
        display: flex;
        gap: 10px;
        align-items: center;
      }
      .search input {
        flex: 1;
      }
      .search button[aria-pressed='true'] {
        background: var(--kiosk-error-soft);
        border-color: var(--kiosk-error);
        color: var(--kiosk-error);
        font-weight: 700;
      }
      tr.tap {
        cursor: pointer;
      }
      td.edit {
        width: 1%;
        padding: 4px 6px;
      }
      td.edit button {
        font-size: var(--kiosk-font-body);
        min-width: 96px;
      }
      /* Short screens (the Pi's 800×480): a slimmer search row and rows, so the
         list shows several products under the tabs and a banner. */
      @media (max-height: 700px) {
        .search input,
        .search button,
        td.edit button {
          height: var(--kiosk-touch-min);
          min-height: var(--kiosk-touch-min);
        }
        td.edit button {
          font-size: 16px;
        }
      }
    `,
  ];

  private _edit(e: Event, product: Product) {
    // The row itself opens the history.
    e.stopPropagation();
    this.dispatchEvent(new KioskProductEditRequestedEvent(product));
  }

  override render() {
    const products = this.products;
    return html`<div class="card">
      ${
        this.savedName !== undefined
          ? html`<kiosk-banner tone="info" data-kind="saved" dismissible>${msg(str`已保存「${this.savedName}」。`)}</kiosk-banner>`
          : nothing
      }
      <div class="search">
        <input
          class="text-box"
          name="search"
          placeholder=${msg('输入名称、品牌或条码查找')}
          .value=${this.search}
          @input=${(e: Event) => this.dispatchEvent(new KioskProductSearchChangedEvent((e.target as HTMLInputElement).value))}
        />
        <button
          type="button"
          name="only-negative"
          aria-pressed=${this.onlyNegative ? 'true' : 'false'}
          @click=${() => this.dispatchEvent(new KioskNegativeFilterToggledEvent())}
        >
          ${msg('只看负库存')}
        </button>
      </div>
      ${
        products === undefined
          ? html`<p class="muted">${msg('正在读取…')}</p>`
          : products.length === 0
            ? html`<p class="muted">${msg('没有找到商品。')}</p>`
            : html`<table class="products">
              <thead>
                <tr>
                  <th>${msg('商品')}</th>
                  <th>${msg('条码')}</th>
                  <th class="num">${msg('零售价')}</th>
                  <th class="num">${msg('库存')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${products.map(
                  (
                    p,
                  ) => html`<tr class="tap" data-code=${p.code} @click=${() => this.dispatchEvent(new KioskProductHistoryRequestedEvent(p.code))}>
                    <td>${p.name}${p.isNew ? html` <span class="muted">${msg('新品')}</span>` : nothing}</td>
                    <td class="code">${displayCode(p.code)}</td>
                    <td class="num">${formatCents(p.priceCents, formattingLocale())}</td>
                    <td class="num stock ${p.stock < 0 ? 'negative' : ''}">
                      ${productStockText(p.stock, p)}${p.stock < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
                    </td>
                    <td class="edit">
                      <button type="button" name="edit" data-code=${p.code} @click=${(e: Event) => this._edit(e, p)}>${msg('编辑')}</button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-catalog-products': KioskCatalogProducts;
  }
  interface HTMLElementEventMap {
    'kiosk-product-search-changed': KioskProductSearchChangedEvent;
    'kiosk-negative-filter-toggled': KioskNegativeFilterToggledEvent;
    'kiosk-product-edit-requested': KioskProductEditRequestedEvent;
  }
}
