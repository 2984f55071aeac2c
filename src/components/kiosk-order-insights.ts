/**
 * What the order screen shows beside the order: the slow movers (滞销, stock
 * that has not sold for weeks and ties up money) and the 80/20 view (二八) of
 * which products bring in most of the takings.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { daysText } from '../wording/stock-text.ts';
import { panelPartStyles } from './panel-styles.ts';
import { formatCents } from '../domain/product.ts';
import { paretoView, slowMovers, type ReorderProduct } from '../domain/reorder/engine.ts';
import { formattingLocale } from '../localization.ts';

/** "No sale in N weeks" for the slow movers. */
const SLOW_WEEKS = 8;
/** Days of sales for the 80/20 view. */
const PARETO_DAYS = 90;

@customElement('kiosk-order-insights')
@localized()
export class KioskOrderInsights extends LitElement {
  /** The reorder engine's inputs: stock, cost and daily sales per product. */
  @property({ attribute: false }) products: readonly ReorderProduct[] = [];

  static override styles = [
    ...panelPartStyles,
    css`
      h2 {
        margin: 0 0 8px;
        font-size: var(--kiosk-font-body);
      }
      table {
        font-size: 16px;
      }
      th,
      td {
        padding: 4px 6px;
      }
    `,
  ];

  override render() {
    const names = new Map(this.products.map((p) => [p.code, p.name ?? p.code]));
    const money = (c: number) => formatCents(Math.round(c), formattingLocale());
    let slow: ReturnType<typeof slowMovers> = [];
    let pareto: ReturnType<typeof paretoView> = [];
    try {
      slow = slowMovers([...this.products], SLOW_WEEKS);
      pareto = paretoView([...this.products], PARETO_DAYS);
    } catch (error) {
      // The order itself does not depend on these views: show them empty rather than lose the screen.
      console.error('order insights: computing failed', error);
    }
    const top = pareto.filter((p) => p.inTop80);
    return html`<h2>${msg(str`滞销商品（${SLOW_WEEKS} 周没卖出，还压着货）`)}</h2>
      ${
        slow.length === 0
          ? html`<p>${msg('没有滞销商品。')}</p>`
          : html`<table data-table="slow">
            <tr><th>${msg('商品')}</th><th>${msg('库存')}</th><th>${msg('压货金额')}</th><th>${msg('多久没卖')}</th></tr>
            ${slow.map(
              (s) => html`<tr data-code=${s.code}>
                <td>${names.get(s.code) ?? s.code}</td><td>${s.stock}</td><td>${money(s.stockValueCents)}</td>
                <td>${s.daysSinceSale === null ? msg('从没卖过') : daysText(s.daysSinceSale)}</td>
              </tr>`,
            )}
          </table>`
      }
      <h2>${msg(str`二八分析：近 ${PARETO_DAYS} 天 ${top.length} 个商品卖出八成的钱`)}</h2>
      <table data-table="pareto">
        <tr><th>${msg('商品')}</th><th>${msg('销售额')}</th><th>${msg('占比')}</th><th>${msg('累计')}</th></tr>
        ${pareto.map(
          (p) => html`<tr data-code=${p.code} ?data-top=${p.inTop80}>
            <td>${p.inTop80 ? '★ ' : ''}${names.get(p.code) ?? p.code}</td><td>${money(p.salesCents)}</td>
            <td>${(p.share * 100).toFixed(1)}%</td><td>${(p.cumulative * 100).toFixed(1)}%</td>
          </tr>`,
        )}
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-order-insights': KioskOrderInsights;
  }
}
