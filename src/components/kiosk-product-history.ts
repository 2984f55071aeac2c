/**
 * One product's stock history as an overlay: every movement with its local
 * time, kind in words, quantity and the stock right after it, newest first.
 * The list is in recording order (the database's ids), never sorted by the
 * wall clock, which may jump on a Pi without a real-time clock.
 *
 * Opened by setting `.code`; fires `kiosk-history-closed` when the big close
 * button is pressed (the opener removes or hides it).
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import type { Product } from '../domain/product.ts';
import { requireData, type KioskData } from '../context.ts';
import type { MovementWithStock } from '../data/schema.ts';
import { formattingLocale } from '../localization.ts';
import { kioskBase, overAppHost } from '../styles.ts';
import { movementKindText, reasonText } from '../wording/movement-text.ts';
import { productStockText, signedStockText } from '../wording/stock-text.ts';
import { kioskEvent } from './kiosk-event.ts';

/** How many movements the overlay shows (the latest ones). */
export const HISTORY_LIMIT = 200;

export class KioskHistoryClosedEvent extends kioskEvent<string>()('kiosk-history-closed') {}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeText(ms: number): string {
  const locale = formattingLocale();
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    timeFormats.set(locale, format);
  }
  return format.format(new Date(ms));
}

@customElement('kiosk-product-history')
@localized()
export class KioskProductHistory extends LitElement {
  /** The product key (GTIN-14 or cleaned text). */
  @property() code = '';
  /** The shop's data (the screen passes src/data/kiosk-data.ts; tests a fake). */
  @property({ attribute: false }) data?: KioskData;

  @state() private _product?: Product;
  @state() private _movements?: MovementWithStock[];
  @state() private _failed = false;

  private _loading?: Promise<void>;

  static override styles = [
    kioskBase,
    overAppHost,
    css`
      :host {
        display: flex;
        align-items: stretch;
        justify-content: center;
        padding: 24px;
      }
      .panel {
        flex: 1;
        max-width: 980px;
        display: flex;
        flex-direction: column;
        background: var(--kiosk-surface);
        border-radius: var(--kiosk-radius);
        box-shadow: var(--kiosk-shadow);
        overflow: hidden;
      }
      header {
        display: flex;
        align-items: center;
        gap: 16px;
        padding: 12px 16px 12px 20px;
        border-bottom: 1px solid var(--kiosk-border);
      }
      h2 {
        margin: 0;
        font-size: var(--kiosk-font-title);
      }
      .code {
        font-family: var(--kiosk-font-numeric);
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-small);
      }
      .stock {
        margin-left: auto;
        font-size: var(--kiosk-font-body);
        font-weight: 600;
      }
      button.close {
        min-width: 120px;
        font-size: var(--kiosk-font-body);
        font-weight: 700;
      }
      .list {
        flex: 1;
        overflow-y: auto;
        padding: 0 12px 12px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: var(--kiosk-font-small);
      }
      th {
        position: sticky;
        top: 0;
        background: var(--kiosk-surface);
        text-align: left;
        color: var(--kiosk-text-muted);
        font-weight: 600;
        padding: 10px 8px;
        border-bottom: 2px solid var(--kiosk-border);
      }
      td {
        padding: 10px 8px;
        border-bottom: 1px solid var(--kiosk-border);
      }
      td.num {
        font-family: var(--kiosk-font-numeric);
        text-align: right;
        white-space: nowrap;
      }
      th.num {
        text-align: right;
      }
      .negative {
        color: var(--kiosk-error);
        font-weight: 700;
      }
      .flag {
        margin-left: 6px;
        font-size: 14px;
        padding: 2px 6px;
        border-radius: 6px;
        color: #fff;
        background: var(--kiosk-error);
      }
      .empty,
      .failed {
        padding: 32px;
        text-align: center;
        font-size: var(--kiosk-font-body);
        color: var(--kiosk-text-muted);
      }
      .failed {
        color: var(--kiosk-error);
      }
    `,
  ];

  /** Resolves once the movements are loaded and rendered (tests, openers). */
  async loaded(): Promise<void> {
    await this.updateComplete;
    await this._loading;
    await this.updateComplete;
  }

  protected override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('code')) this._loading = this._load(this.code);
  }

  private async _load(code: string): Promise<void> {
    this._movements = undefined;
    this._failed = false;
    if (code.length === 0) return;
    try {
      const data = requireData(this.data, this.localName);
      const [product, movements] = await Promise.all([data.getProduct(code), data.getProductHistory(code, HISTORY_LIMIT)]);
      if (code !== this.code) return;
      this._product = product;
      this._movements = movements.reverse();
    } catch (error) {
      console.error('getProductHistory failed', error);
      if (code === this.code) this._failed = true;
    }
  }

  override render() {
    const product = this._product?.code === this.code ? this._product : undefined;
    const stock = product?.stock;
    return html`<div class="panel" role="dialog" aria-modal="true" aria-label=${msg('库存记录')}>
      <header>
        <div>
          <h2>${product?.name ?? msg('库存记录')}</h2>
          <div class="code">${displayCode(this.code)}</div>
        </div>
        ${
          stock !== undefined
            ? html`<div class="stock ${stock < 0 ? 'negative' : ''}">
              ${msg(str`现在库存 ${productStockText(stock, product)}`)}${stock < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
            </div>`
            : nothing
        }
        <button type="button" class="close primary" name="close" @click=${this._close}>${msg('关闭')}</button>
      </header>
      <div class="list">${this._renderList(product)}</div>
    </div>`;
  }

  private _renderList(product: Product | undefined) {
    if (this._failed) return html`<div class="failed">${msg('读不到库存记录。请关闭后再打开一次；如果还不行，请重启终端。')}</div>`;
    if (!this._movements) return html`<div class="empty">${msg('正在读取…')}</div>`;
    if (this._movements.length === 0) return html`<div class="empty">${msg('这个商品还没有任何库存变动。')}</div>`;
    return html`<table>
      <thead>
        <tr>
          <th>${msg('时间')}</th>
          <th>${msg('类型')}</th>
          <th class="num">${msg('数量')}</th>
          <th class="num">${msg('之后库存')}</th>
        </tr>
      </thead>
      <tbody>
        ${this._movements.map(
          (m) => html`<tr data-kind=${m.kind} data-id=${m.id}>
            <td>${timeText(m.at)}</td>
            <td>${movementKindText(m.kind)}${m.reason && m.kind !== 'stocktake' ? html` · ${reasonText(m.reason)}` : nothing}</td>
            <td class="num quantity ${m.quantity < 0 ? 'negative' : ''}">${signedStockText(m.quantity, product)}</td>
            <td class="num after ${m.stockAfter < 0 ? 'negative' : ''}">
              ${productStockText(m.stockAfter, product)}${m.stockAfter < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private _close = () => {
    this.dispatchEvent(new KioskHistoryClosedEvent(this.code));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-product-history': KioskProductHistory;
  }
  interface HTMLElementEventMap {
    'kiosk-history-closed': KioskHistoryClosedEvent;
  }
}
