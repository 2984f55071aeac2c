/**
 * The monthly supply agreement (月度约定) on screen and on paper: the coming
 * month's expected sales by category and price band, each scarce product's
 * demand against its quota, and lines for the owner's and the rep's
 * signatures. Shown in the order screen (behind the same PINs); the numbers
 * come from src/domain/monthly-supply.ts through `load`.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { taskShown } from './task-shown.ts';
import { localized, msg, str } from '@lit/localize';
import { panelPartStyles } from './panel-styles.ts';
import { formatCents, type StockUnit } from '../domain/product.ts';
import { unitText } from '../wording/stock-text.ts';
import type { MonthlyAgreement } from '../domain/monthly-supply.ts';
import { priceBandName } from '../wording/band-text.ts';
import { formattingLocale } from '../localization.ts';
import { businessFormatName } from '../wording/order-text.ts';

/** "2026年12月" / "December 2026". */
function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(formattingLocale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** Whole packs for people: a month's forecast has no meaningful decimals. */
function wholeUnits(x: number, unit: StockUnit): string {
  const whole = Math.round(x);
  return `${whole} ${unitText(unit, whole)}`;
}

@customElement('kiosk-monthly-supply')
@localized()
export class KioskMonthlySupply extends LitElement {
  /** Computes the agreement (the order screen: the engine in its worker, the price bands, the quotas). */
  @property({ attribute: false }) load?: () => Promise<MonthlyAgreement>;
  /** How the page is printed (tests replace it). */
  @property({ attribute: false }) printPage: () => void = () => window.print();

  private _agreement = new Task(this, {
    task: async ([load]) => (load ? load() : undefined),
    args: () => [this.load] as const,
  });

  /** Resolves once the agreement shown is computed (tests). */
  loaded(): Promise<void> {
    return taskShown(this, this._agreement);
  }

  static override styles = [
    ...panelPartStyles,
    css`
      :host {
        font-size: 16px;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: baseline;
      }
      h2,
      h3 {
        margin: 8px 0;
        font-size: var(--kiosk-font-body);
      }
      .spacer {
        flex: 1;
      }
      td.n,
      th.n {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      tr.total td {
        font-weight: 800;
        border-top: 2px solid currentColor;
      }
      tr[data-gap-over] td {
        color: var(--kiosk-error);
        font-weight: 700;
      }
      .signatures {
        display: none;
      }
      @media print {
        :host {
          color: #000;
        }
        button {
          display: none !important;
        }
        .signatures {
          display: flex;
          gap: 48px;
          margin-top: 32px;
        }
      }
    `,
  ];

  override render() {
    return this._agreement.render({
      initial: () => html`<p data-state="loading">${msg('正在按销量预测下个月…')}</p>`,
      pending: () => html`<p data-state="loading">${msg('正在按销量预测下个月…')}</p>`,
      error: (error) => {
        console.error('monthly supply: computing failed', error);
        return html`<p role="alert" data-state="error">${msg('预测下个月时出错。请点“重新计算”再试。')}</p>`;
      },
      complete: (a) => (a ? this._renderAgreement(a) : nothing),
    });
  }

  private _renderAgreement(a: MonthlyAgreement) {
    const money = (c: number) => formatCents(c, formattingLocale());
    return html`<header>
        <h2 data-month=${a.month}>${msg(str`月度约定：${monthName(a.month)}`)}</h2>
        <span data-format=${a.businessFormat}>${msg(str`业态：${businessFormatName(a.businessFormat)}`)}</span>
        <span data-band=${a.volumeBand ?? ''}>${a.volumeBand === undefined ? msg('档位：未填（在“设置”里填）') : msg(str`档位：${a.volumeBand} 档`)}</span>
        <span class="spacer"></span>
        <button type="button" name="print-agreement" @click=${() => this.printPage()}>${msg('打印月度约定')}</button>
      </header>
      <p class="hint">${msg('按本店往年同期和近期的销量预测（和每周订货用的是同一个预测），停售的商品不算。')}</p>
      <h3>${msg('按类别和价位')}</h3>
      <table data-table="bands">
        <tr>
          <th>${msg('类别')}</th><th>${msg('价位')}</th><th class="n">${msg('商品数')}</th><th class="n">${msg('预计销量')}</th>
          <th class="n">${msg('预计销售额')}</th><th class="n">${msg('按进价')}</th>
        </tr>
        ${a.lines.map(
          (l) => html`<tr data-category=${l.category} data-band=${l.band.key}>
            <td>${l.category || msg('未分类')}</td><td>${priceBandName(l.band)}</td><td class="n">${l.products}</td>
            <td class="n">${l.cartons !== undefined ? wholeUnits(l.cartons, 'carton') : wholeUnits(l.packs, 'pack')}</td>
            <td class="n">${money(l.salesCents)}</td><td class="n">${money(l.costCents)}</td>
          </tr>`,
        )}
        <tr class="total" data-total=${a.total.salesCents}>
          <td>${msg('合计')}</td><td></td><td></td><td class="n">${wholeUnits(a.total.packs, 'pack')}</td>
          <td class="n">${money(a.total.salesCents)}</td><td class="n">${money(a.total.costCents)}</td>
        </tr>
      </table>
      <h3>${msg('紧俏货源：预计需要和配额')}</h3>
      ${
        a.scarce.length === 0
          ? html`<p data-state="no-quota">${msg('这个月没有设配额的商品（在“设置”里填紧俏商品的配额）。')}</p>`
          : html`<table data-table="scarce">
            <tr><th>${msg('商品')}</th><th class="n">${msg('预计需要（条/件）')}</th><th class="n">${msg('本月配额（条/件）')}</th><th class="n">${msg('差额')}</th></tr>
            ${a.scarce.map(
              (s) => html`<tr data-code=${s.code} ?data-gap-over=${s.gap > 0}>
                <td>${s.name ?? s.code}</td><td class="n">${s.expectedUnits}</td><td class="n">${s.quotaUnits}</td>
                <td class="n">${s.gap > 0 ? msg(str`缺 ${s.gap}`) : msg('够')}</td>
              </tr>`,
            )}
          </table>`
      }
      <div class="signatures">
        <span>${msg('店主签字：')}________________</span>
        <span>${msg('客户经理签字：')}________________</span>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-monthly-supply': KioskMonthlySupply;
  }
}
