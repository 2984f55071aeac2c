/**
 * Counted products of a stocktake: book, counted, difference (counted − book),
 * the shelves they were counted on; a tap asks for the product's history.
 * Shown while counting and in the report.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import type { Product } from '../domain/product.ts';
import { productStockText, signedStockText } from '../wording/stock-text.ts';
import { panelPartStyles } from './panel-styles.ts';
import { stocktakeStyles } from './stocktake-styles.ts';
import { KioskProductHistoryRequestedEvent } from './product-events.ts';

export interface CountedLine {
  productCode: string;
  book: number;
  counted: number;
  shelves?: string[];
}

@customElement('kiosk-stocktake-counted-table')
@localized()
export class KioskStocktakeCountedTable extends LitElement {
  @property({ attribute: false }) lines: ReadonlyArray<CountedLine> = [];
  /** The products by code, for names and carton sizes (a missing one shows its barcode). */
  @property({ attribute: false }) products: ReadonlyMap<string, Product> = new Map();

  static override styles = [
    ...panelPartStyles,
    stocktakeStyles,
    css`
      .diff-neg,
      .diff-pos {
        color: var(--kiosk-warn);
        font-weight: 700;
      }
      .flag {
        font-weight: 600;
      }
    `,
  ];

  override render() {
    return html`<table>
      <thead>
        <tr>
          <th>${msg('商品')}</th>
          <th class="num">${msg('账面')}</th>
          <th class="num">${msg('实盘')}</th>
          <th class="num">${msg('差异')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.lines.map((l) => {
          const product = this.products.get(l.productCode);
          const diff = l.counted - l.book;
          const shelves = l.shelves?.filter((s) => s) ?? [];
          return html`<tr class="tap" data-code=${l.productCode} @click=${() => this.dispatchEvent(new KioskProductHistoryRequestedEvent(l.productCode))}>
            <td>
              ${product?.name ?? displayCode(l.productCode)}
              ${l.book < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
              ${shelves.length > 0 ? html`<div class="help">${shelves.join('、')}</div>` : nothing}
            </td>
            <td class="num book ${l.book < 0 ? 'negative' : ''}">${productStockText(l.book, product)}</td>
            <td class="num counted">${productStockText(l.counted, product)}</td>
            <td class="num diff ${diff < 0 ? 'diff-neg' : diff > 0 ? 'diff-pos' : ''}">${diff === 0 ? '0' : signedStockText(diff, product)}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-stocktake-counted-table': KioskStocktakeCountedTable;
  }
}
