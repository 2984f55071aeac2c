/**
 * The review since the last visit (上次拜访以来, issue 12): one screenful the
 * rep goes through with the owner — sales beside the same weeks last year,
 * stocktakes against 10%, orders against the advice and the stockouts after,
 * slow movers and the money in them, new products and how customers took
 * them, the owner's messages, overdue follow-ups.
 *
 * Loads its own data (`.data`, VisitEvaluationData) with @lit/task: a new
 * `since` while a load runs shows only the newest result. The visit screen
 * places it with `since`, the owner's messages and its own follow-ups.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { taskShown } from './task-shown.ts';
import { kioskBase, hostBlock } from '../styles.ts';
import type { VisitEvaluationData } from '../context.ts';
import { COMPLAINTS } from '../domain/feedback.ts';
import { overdueItems } from '../domain/evaluation.ts';
import { formatCents, localDay } from '../domain/product.ts';
import { criterionName, percentText } from '../wording/evaluation-text.ts';
import { complaintName } from '../wording/feedback-text.ts';
import { reportFigures, reportFiguresStyles } from './report-figures.ts';
import './kiosk-report-table.ts';
import './kiosk-visit-chart.ts';

export type { OwnerMessage, VisitFollowUp } from '../domain/visit-review.ts';
import type { OwnerMessage, VisitFollowUp } from '../domain/visit-review.ts';

function change(now: number, before: number | null): string {
  if (before === null || before === 0) return msg('去年同期无数据');
  const pct = Math.round(((now - before) * 100) / before);
  return msg(str`去年同期 ${formatCents(before)}，${pct >= 0 ? '+' : ''}${pct}%`);
}

@customElement('kiosk-visit-review')
@localized()
export class KioskVisitReview extends LitElement {
  @property({ attribute: false }) data?: VisitEvaluationData;
  /** The last visit's local day: the review covers from it to `today`. */
  @property() since = '';
  /** Local day; empty: the terminal's today. */
  @property() today = '';
  @property({ attribute: false }) ownerMessages: OwnerMessage[] = [];
  @property({ attribute: false }) followUps: VisitFollowUp[] = [];

  private readonly _task = new Task(this, {
    task: async ([data, since, today]) => {
      if (!data || !since) return undefined;
      const day = today || localDay(Date.now());
      const [review, evaluations] = await Promise.all([data.loadVisitReview(since, day), data.getEvaluations()]);
      const rectification = evaluations.flatMap((e) =>
        overdueItems(e.followUp, day).map((item) => ({ quarter: e.quarter, deadline: e.followUp.deadline ?? '', item })),
      );
      return { review, rectification, day };
    },
    args: () => [this.data, this.since, this.today] as const,
  });

  /** Resolves once the newest load has been drawn (tests, the bench). */
  loaded(): Promise<void> {
    return taskShown(this, this._task);
  }

  static override styles = [
    kioskBase,
    hostBlock,
    reportFiguresStyles,
    css`
      section {
        margin: 0 0 12px;
      }
      h3 {
        font-size: 20px;
        margin: 0 0 6px;
      }
      .two {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
        gap: 12px;
      }
      ul {
        margin: 0;
        padding-left: 20px;
        font-size: 18px;
      }
      .muted,
      .empty {
        color: var(--kiosk-text-muted);
        font-size: 16px;
      }
      .overdue {
        color: var(--kiosk-error);
      }
    `,
  ];

  override render() {
    return this._task.render({
      initial: () => html`<p class="empty">${msg('选择上次拜访的日期。')}</p>`,
      pending: () => html`<p class="empty" role="status">${msg('正在读取上次拜访以来的数据…')}</p>`,
      error: (e) => html`<p class="overdue" role="alert">${msg('读取数据失败：')}${String(e)}</p>`,
      complete: (v) => (v ? this._review(v.review, v.rectification, v.day) : html`<p class="empty">${msg('选择上次拜访的日期。')}</p>`),
    });
  }

  private _review(
    r: Awaited<ReturnType<VisitEvaluationData['loadVisitReview']>>,
    rectification: { quarter: string; deadline: string; item: { criterion: Parameters<typeof criterionName>[0] } }[],
    day: string,
  ) {
    const lines = r.orders.reduce((a, o) => a + o.lines, 0);
    const followed = r.orders.reduce((a, o) => a + o.followed, 0);
    const lastStocktake = r.stocktakes[r.stocktakes.length - 1];
    const fb = r.feedback;
    const overdue = this.followUps.filter((f) => !f.done && f.due < day);
    return html`
      <section data-section="sales">
        ${reportFigures([
          {
            figure: 'sales',
            label: msg(str`销售额（${r.since} 起）`),
            value: formatCents(r.sales.totalCents),
            note: change(r.sales.totalCents, r.sales.lastYearTotalCents),
          },
          {
            figure: 'stocktake',
            label: msg('最近盘点误差率'),
            value: lastStocktake?.errorBp != null ? percentText(lastStocktake.errorBp) : '—',
            note: lastStocktake ? (lastStocktake.withinStandard ? msg('在 10% 标准内') : msg('超出 10% 标准')) : msg('还没有盘点'),
            tone: lastStocktake && lastStocktake.withinStandard === false ? 'warn' : '',
          },
          {
            figure: 'advice',
            label: msg('按建议订货'),
            value: lines > 0 ? `${followed}/${lines}` : '—',
            note:
              r.orders.length > 0
                ? msg(str`${r.orders.length} 张订单，之后断货 ${r.orders.reduce((a, o) => a + o.stockoutDays, 0)} 天`)
                : msg('这段时间没有下单'),
          },
          {
            figure: 'slow',
            label: msg('滞销占用资金'),
            value: formatCents(r.slowValueCents),
            note: msg(str`${r.slowMoverCount} 种商品 8 周没有卖出`),
            tone: r.slowMoverCount > 0 ? 'warn' : '',
          },
        ])}
        <kiosk-visit-chart
          height="160"
          label=${msg('每日销售额与去年同期')}
          empty=${msg('这段时间没有销售。')}
          .labels=${r.sales.days.map((d) => d.slice(5))}
          .series=${[
            {
              label: msg('本期（元）'),
              values: r.sales.cents.map((c) => c / 100),
              kind: 'line',
              colour: ['--kiosk-mode-report', '#9f1239'],
            },
            ...(r.sales.lastYearTotalCents === null
              ? []
              : [
                  {
                    label: msg('去年同期（元）'),
                    values: r.sales.lastYearCents.map((c) => (c === null ? null : c / 100)),
                    kind: 'dashed',
                    colour: ['--kiosk-text-muted', '#475569'],
                  },
                ]),
          ]}
        ></kiosk-visit-chart>
      </section>
      <div class="two">
        <section data-section="stocktakes">
          <h3>${msg('盘点误差率（标准 ≤10%）')}</h3>
          <kiosk-visit-chart
            height="130"
            yMin="15"
            label=${msg('每次盘点的误差率')}
            empty=${msg('还没有盘点。')}
            .labels=${r.stocktakes.slice(-12).map((s) => s.day.slice(2))}
            .series=${[
              {
                label: msg('误差率 %'),
                values: r.stocktakes.slice(-12).map((s) => (s.errorBp === null ? null : s.errorBp / 100)),
                kind: 'bars',
                colour: ['--kiosk-mode-stocktake', '#7e22ce'],
              },
              { label: '10%', values: r.stocktakes.slice(-12).map(() => 10), kind: 'dashed', colour: ['--kiosk-error', '#b91c1c'] },
            ]}
          ></kiosk-visit-chart>
        </section>
        <section data-section="slow-movers">
          <h3>${msg('滞销商品（占用资金最多的）')}</h3>
          <kiosk-report-table
            .columns=${[{ label: msg('商品') }, { label: msg('库存'), numeric: true }, { label: msg('金额'), numeric: true }, { label: msg('未卖天数'), numeric: true }]}
            .rows=${r.slowMovers.map((s) => [s.name, String(s.stock), formatCents(s.valueCents), s.daysSinceSale === null ? '—' : String(s.daysSinceSale)])}
            limit="5"
            empty=${msg('没有滞销商品。')}
          ></kiosk-report-table>
        </section>
        <section data-section="new-products">
          <h3>${msg('新品与顾客反应')}</h3>
          <kiosk-report-table
            .columns=${[{ label: msg('新品') }, { label: msg('售出'), numeric: true }, { label: msg('销售额'), numeric: true }]}
            .rows=${r.newProducts.map((p) => [p.name, String(p.packsSold), formatCents(p.salesCents)])}
            limit="5"
            empty=${msg('没有标为新品的商品。')}
          ></kiosk-report-table>
          <p class="muted" data-feedback>
            ${fb.votes > 0 ? msg(str`${fb.votes} 位顾客评价，满意度 ${Math.round((fb.satisfaction ?? 0) * 100)}%`) : msg('没有顾客评价')}
            ${fb.nps !== undefined ? html` · NPS ${fb.nps}` : nothing}
            ${COMPLAINTS.filter((c) => fb.complaints[c] > 0).map((c) => html` · ${complaintName(c)} ${fb.complaints[c]}`)}
          </p>
        </section>
        <section data-section="messages">
          <h3>${msg('店主留言')}</h3>
          ${
            this.ownerMessages.length === 0
              ? html`<p class="empty">${msg('没有留言。')}</p>`
              : html`<ul>
                ${this.ownerMessages.map((m) => html`<li><span class="muted">${m.day}</span> ${m.text}</li>`)}
              </ul>`
          }
          <h3>${msg('过期未完成的跟进事项')}</h3>
          ${
            overdue.length === 0 && rectification.length === 0
              ? html`<p class="empty" data-overdue="none">${msg('没有过期的跟进事项。')}</p>`
              : html`<ul class="overdue" data-overdue>
                ${overdue.map((f) => html`<li>${f.text}（${msg(str`应于 ${f.due} 完成`)}）</li>`)}
                ${rectification.map((x) => html`<li>${msg(str`整改：${criterionName(x.item.criterion)}（${x.quarter}，期限 ${x.deadline}）`)}</li>`)}
              </ul>`
          }
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-review': KioskVisitReview;
  }
}
