/**
 * The order on paper: hidden on screen, the only thing the order screen prints.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatCents } from '../domain/product.ts';
import { orderTotalCents } from '../domain/order-line.ts';
import type { OrderLine } from '../data/schema.ts';
import { unitsText } from '../wording/reorder-text.ts';
import { formattingLocale } from '../localization.ts';

@customElement('kiosk-order-printout')
@localized()
export class KioskOrderPrintout extends LitElement {
  /** The lines to order. */
  @property({ attribute: false }) lines: readonly OrderLine[] = [];
  /** Packs per order unit by product code (1, or the carton size). */
  @property({ attribute: false }) orderUnits: ReadonlyMap<string, number> = new Map();
  /** The day the order is for ('YYYY-MM-DD'). */
  @property() day = '';

  static override styles = css`
    :host {
      display: none;
    }
    @media print {
      :host {
        display: block;
        color: #000;
      }
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 12pt;
    }
    th,
    td {
      text-align: left;
      padding: 4px 6px;
      border-bottom: 1px solid #888;
    }
  `;

  override render() {
    const locale = formattingLocale();
    const lines = this.lines;
    return html`<h2>${msg(str`订货单 ${this.day}`)}</h2>
      <table>
        <tr><th>${msg('商品')}</th><th>${msg('条码')}</th><th>${msg('订货')}</th><th>${msg('进价')}</th><th>${msg('金额')}</th></tr>
        ${lines.map(
          (l) => html`<tr data-code=${l.code}>
            <td>${l.name ?? l.code}${l.ownerEdited ? ' *' : ''}</td><td>${l.code}</td><td>${unitsText(l.units, this.orderUnits.get(l.code) ?? 1)}</td>
            <td>${formatCents(l.unitCostCents, locale)}</td><td>${formatCents(l.units * l.unitCostCents, locale)}</td>
          </tr>`,
        )}
        <tr><td>${msg('合计')}</td><td></td><td>${lines.reduce((s, l) => s + l.units, 0)}</td><td></td><td>${formatCents(orderTotalCents(lines), locale)}</td></tr>
      </table>
      <p>${msg('* 店主改过的数量')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-order-printout': KioskOrderPrintout;
  }
}
