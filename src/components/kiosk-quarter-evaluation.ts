/**
 * The quarterly five-function evaluation (五项功能考评, issue 12): the five
 * scores with every deduction in words, the total and the grade, the grade's
 * follow-up (for 不合格 the rectification items and their deadline, ticked off
 * on later visits), the trend by quarter, and a QR code of the summary for
 * the rep's phone.
 *
 * Loads the graded quarters itself (`.data`, @lit/task, newest load only);
 * "评定本季度" grades the quarter now from the ledger and `.visits`.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { taskShown } from './task-shown.ts';
import { kioskBase, hostBlock } from '../styles.ts';
import type { VisitEvaluationData } from '../context.ts';
import type { StoredEvaluation } from '../data/schema.ts';
import { evaluationSummaryLine, parseQuarterId, quarterId, quarterOf, quarterTrend, type VisitFacts } from '../domain/evaluation.ts';
import { localDay } from '../domain/product.ts';
import { criterionName, deductionText, functionName, gradeName } from '../wording/evaluation-text.ts';
import { kioskSignal } from './kiosk-event.ts';
import './kiosk-visit-chart.ts';
import './kiosk-visit-qr.ts';

/** A quarter was graded (the record is in the store); the visit screen may note it in the visit. */
export class KioskQuarterGradedEvent extends kioskSignal('kiosk-quarter-graded') {}

@customElement('kiosk-quarter-evaluation')
@localized()
export class KioskQuarterEvaluation extends LitElement {
  @property({ attribute: false }) data?: VisitEvaluationData;
  /** 'YYYY-Qn'; empty: the quarter of `today`. */
  @property() quarter = '';
  /** Local day; empty: the terminal's today. */
  @property() today = '';
  /** The visits (the visit flow's getVisits(), mapped): price tags and 出样 count in brand display. */
  @property({ attribute: false }) visits: VisitFacts[] = [];
  /** The terminal's id for the QR summary; empty: the bundle's terminalId. */
  @property() terminalId = '';

  @state() private _busy = false;
  @state() private _error = '';

  private readonly _task = new Task(this, {
    task: async ([data]) => {
      if (!data) return undefined;
      const [evaluations, identity] = await Promise.all([data.getEvaluations(), data.terminalIdentity()]);
      return { evaluations, identity };
    },
    args: () => [this.data, this.quarter, this.today] as const,
  });

  loaded(): Promise<void> {
    return taskShown(this, this._task);
  }

  private get _day(): string {
    return this.today || localDay(Date.now());
  }

  private get _quarterId(): string {
    return this.quarter && parseQuarterId(this.quarter) ? this.quarter : quarterId(quarterOf(this._day));
  }

  static override styles = [
    kioskBase,
    hostBlock,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px;
        margin-bottom: 8px;
      }
      .total {
        font-size: 32px;
        font-weight: 700;
      }
      .grade {
        font-size: 28px;
        font-weight: 700;
        padding: 2px 12px;
        border-radius: var(--kiosk-radius-small);
        background: var(--kiosk-ok-soft);
        color: var(--kiosk-ok);
      }
      .grade[data-grade='不合格'] {
        background: var(--kiosk-error-soft);
        color: var(--kiosk-error);
      }
      .body {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 12px;
      }
      .functions {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(230px, 1fr));
        gap: 8px;
      }
      .function {
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        background: var(--kiosk-surface);
        padding: 6px 10px;
      }
      .function h4 {
        margin: 0;
        font-size: 18px;
        display: flex;
        justify-content: space-between;
      }
      .function ul,
      .followup ul {
        margin: 4px 0 0;
        padding-left: 18px;
        font-size: 15px;
      }
      .nodata {
        color: var(--kiosk-text-muted);
      }
      .followup {
        margin-top: 8px;
      }
      .done {
        color: var(--kiosk-ok);
      }
      .error {
        color: var(--kiosk-error);
      }
      .muted {
        color: var(--kiosk-text-muted);
        font-size: 16px;
      }
      @media (max-width: 700px) {
        .body {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  override render() {
    return this._task.render({
      pending: () => html`<p class="muted" role="status">${msg('正在读取考评…')}</p>`,
      error: (e) => html`<p class="error" role="alert">${msg('读取考评失败：')}${String(e)}</p>`,
      complete: (v) => this._view(v?.evaluations ?? [], v?.identity),
    });
  }

  private _view(all: StoredEvaluation[], identity?: { terminalId: string; publicKey: string; fingerprint: string }) {
    const id = this._quarterId;
    const current = all.find((e) => e.quarter === id);
    const trend = quarterTrend(all.map((e) => ({ quarter: e.quarter, total: e.evaluation.total, grade: e.evaluation.grade })));
    const lastAudit = [...this.visits]
      .filter((v) => v.priceTagsMissing !== null)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .pop();
    return html`
      <div class="head">
        <strong>${msg(str`${id} 五项功能考评`)}</strong>
        ${
          current
            ? html`<span class="total" data-total>${current.evaluation.total ?? '—'}</span>
              <span class="grade" data-grade=${current.evaluation.grade ?? ''}>${gradeName(current.evaluation.grade)}</span>
              <span class="muted">${msg(str`评定于 ${current.evaluatedOn}`)}</span>`
            : html`<span class="muted">${msg('本季度还没有评定。')}</span>`
        }
        <button class="primary" data-action="grade" ?disabled=${this._busy || !this.data} @click=${this._grade}>
          ${current ? msg('重新评定') : msg('评定本季度')}
        </button>
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${
        current
          ? html`<div class="body">
            <div>
              <div class="functions">
                ${current.evaluation.functions.map(
                  (f) => html`<div class="function" data-function=${f.function}>
                    <h4><span>${functionName(f.function)}</span><span data-score>${f.score ?? msg('无数据')}</span></h4>
                    ${
                      f.deductions.length === 0
                        ? html`<div class="muted">${msg('没有扣分')}</div>`
                        : html`<ul>
                          ${f.deductions.map((d) => html`<li class=${d.reason === 'no-data' ? 'nodata' : ''} data-criterion=${d.criterion}>${deductionText(d)}</li>`)}
                        </ul>`
                    }
                  </div>`,
                )}
              </div>
              ${this._followUp(current)}
            </div>
            <div>
              <kiosk-visit-qr
                size="180"
                label=${msg('考评摘要二维码')}
                text=${evaluationSummaryLine(current.evaluation, current.figures, this.terminalId || identity?.terminalId || '-', lastAudit?.priceTagsMissing ?? null)}
              ></kiosk-visit-qr>
              <div class="muted">${msg('用手机扫码带走摘要')}</div>
            </div>
          </div>`
          : nothing
      }
      <kiosk-visit-chart
        height="120"
        label=${msg('各季度总分')}
        empty=${msg('还没有评定过的季度。')}
        .labels=${trend.map((t) => t.quarter)}
        .series=${[{ label: msg('总分'), values: trend.map((t) => t.total), kind: 'line', colour: ['--kiosk-accent', '#1d4ed8'] }]}
        yMin="100"
      ></kiosk-visit-chart>
      ${
        identity
          ? html`<p class="muted" data-key title=${identity.publicKey}>
            ${msg(str`本机 ${identity.terminalId} 签名公钥指纹：${identity.fingerprint}`)}
          </p>`
          : nothing
      }
    `;
  }

  private _followUp(e: StoredEvaluation) {
    const f = e.followUp;
    if (f.grade !== '不合格') return html`<p class="followup muted" data-followup="none">${msg('考评合格，不需要整改。')}</p>`;
    return html`<div class="followup" data-followup>
      <strong>${msg(str`整改通知：请在 ${f.deadline ?? ''} 前完成`)}</strong>
      <ul>
        ${f.items.map(
          (i) => html`<li data-item=${i.criterion}>
            ${functionName(i.function)} · ${criterionName(i.criterion)}（${msg(str`扣 ${i.points} 分`)}）
            ${
              i.doneOn
                ? html`<span class="done">${msg(str`已整改（${i.doneOn}）`)}</span>`
                : html`<button data-action="rectified" ?disabled=${this._busy} @click=${() => this._rectified(e.quarter, i.criterion)}>${msg('已整改')}</button>`
            }
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private async _grade(): Promise<void> {
    const data = this.data;
    const q = parseQuarterId(this._quarterId);
    if (!data || !q) return;
    this._busy = true;
    this._error = '';
    try {
      await data.gradeQuarter(q, this.visits);
      this.dispatchEvent(new KioskQuarterGradedEvent());
      this._task.run();
      await this._task.taskComplete.catch(() => undefined);
    } catch (error) {
      this._error = msg(str`评定失败：${String(error)}`);
    } finally {
      this._busy = false;
    }
  }

  private async _rectified(quarter: string, criterion: string): Promise<void> {
    if (!this.data) return;
    this._busy = true;
    try {
      await this.data.markRectified(quarter, criterion, this._day);
      this._task.run();
      await this._task.taskComplete.catch(() => undefined);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-quarter-evaluation': KioskQuarterEvaluation;
  }
  interface HTMLElementEventMap {
    'kiosk-quarter-graded': KioskQuarterGradedEvent;
  }
}
