/**
 * A closed stocktake's report: the error rate against the supplier's 10%
 * standard, the counted products with their differences, the products not
 * counted (listed, stock unchanged), and 开始新的盘点.
 */
import { LitElement, html, css, nothing } from 'lit';
import { kioskSignal } from './kiosk-event.ts';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { Product } from '../domain/product.ts';
import type { StocktakeResult } from '../domain/stocktake.ts';
import { productStockText } from '../wording/stock-text.ts';
import { stocktakeStepStyles } from './stocktake-styles.ts';
import { KioskProductHistoryRequestedEvent } from './product-events.ts';
import './kiosk-stocktake-counted-table.ts';

/** 开始新的盘点 was tapped. */
export class KioskStocktakeNewRequestedEvent extends kioskSignal('kiosk-stocktake-new-requested') {}

@customElement('kiosk-stocktake-report')
@localized()
export class KioskStocktakeReport extends LitElement {
  /** undefined: closed, but the result is not there (an old record). */
  @property({ attribute: false }) result?: StocktakeResult;
  @property({ attribute: false }) products: ReadonlyMap<string, Product> = new Map();
  @property({ type: Boolean }) busy = false;

  static override styles = [
    ...stocktakeStepStyles,
    css`
      :host {
        min-height: 0;
      }
      .flag {
        font-weight: 600;
      }
      .rate {
        display: flex;
        align-items: center;
        gap: 20px;
        flex-wrap: wrap;
        padding: 12px 16px;
        border-radius: var(--kiosk-radius);
        border: 3px solid currentColor;
      }
      .rate.ok {
        color: var(--kiosk-ok);
        background: var(--kiosk-ok-soft);
      }
      .rate.over,
      .rate.none {
        color: var(--kiosk-error);
        background: var(--kiosk-error-soft);
      }
      .rate .value {
        font-size: 44px;
        font-weight: 800;
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
      }
      .rate .verdict {
        font-size: var(--kiosk-font-title);
        font-weight: 800;
      }
      .rate .detail {
        color: var(--kiosk-text);
        font-size: var(--kiosk-font-small);
      }
      .scale {
        position: relative;
        width: 260px;
        height: 16px;
        border-radius: 8px;
        background: #fff;
        border: 1px solid var(--kiosk-border);
      }
      .scale .fill {
        position: absolute;
        inset: 0 auto 0 0;
        border-radius: 8px;
        background: currentColor;
      }
      .scale .line {
        position: absolute;
        top: -6px;
        bottom: -6px;
        left: 50%;
        width: 3px;
        background: var(--kiosk-text);
      }
      .report {
        flex: 1;
      }
      .not-counted td.state {
        color: var(--kiosk-text-muted);
      }
    `,
  ];

  override render() {
    const result = this.result;
    if (!result) return html`<div class="card">${msg('盘点已完成。')}</div>`;
    const rateClass = result.errorRate === null ? 'none' : result.withinStandard ? 'ok' : 'over';
    const percent = result.errorRate === null ? undefined : (result.errorRate * 100).toFixed(1);
    // The scale runs 0–20%: the 10% line sits in the middle.
    const fill = result.errorRate === null ? 0 : Math.min(100, result.errorRate * 500);
    return html`<div class="report scroll-column">
      <div class="card">
        <h2>${msg('盘点结果')}</h2>
        <div class="rate ${rateClass}" data-within=${result.withinStandard ? 'yes' : 'no'}>
          ${
            percent !== undefined
              ? html`<span class="value">${`${percent}%`}</span>
                <span class="verdict">${result.withinStandard ? msg('合格（不超过 10%）') : msg('超标（超过 10%）')}</span>
                <span class="scale" aria-hidden="true"><span class="fill" style="width:${fill}%"></span><span class="line"></span></span>
                <span class="detail">${msg(str`误差率 = 差异合计 ${result.errorPacks} 盒 ÷ 实盘合计 ${result.countedPacks} 盒；标准：不超过 10%`)}</span>`
              : html`<span class="verdict">${result.noRateReason === 'nothing-found' ? msg('实盘全部为 0，算不出误差率') : msg('没有盘点任何商品，算不出误差率')}</span>`
          }
        </div>
        <p>${msg(str`盘点了 ${result.lines.length} 个商品，${result.adjustments.length} 个有差异，已按实盘数调整库存。`)}</p>
      </div>
      ${
        result.lines.length > 0
          ? html`<div class="card lines">
            <h2>${msg('已盘商品')}</h2>
            <kiosk-stocktake-counted-table .lines=${result.lines} .products=${this.products}></kiosk-stocktake-counted-table>
          </div>`
          : nothing
      }
      ${
        result.notCounted.length > 0
          ? html`<div class="card not-counted">
            <h2>${msg(str`未盘点的商品（${result.notCounted.length} 个）`)}</h2>
            <table>
              <tbody>
                ${result.notCounted.map((n) => {
                  const product = this.products.get(n.productCode);
                  return html`<tr class="tap" data-code=${n.productCode} @click=${() => this.dispatchEvent(new KioskProductHistoryRequestedEvent(n.productCode))}>
                    <td>${n.name} ${n.book < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}</td>
                    <td class="num book ${n.book < 0 ? 'negative' : ''}">${productStockText(n.book, product)}</td>
                    <td class="state">${msg('未盘点，库存未改动')}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
          : nothing
      }
      <div class="actions">
        <button type="button" class="mode" name="new" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new KioskStocktakeNewRequestedEvent())}>
          ${msg('开始新的盘点')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-stocktake-report': KioskStocktakeReport;
  }
  interface HTMLElementEventMap {
    'kiosk-stocktake-new-requested': KioskStocktakeNewRequestedEvent;
  }
}
