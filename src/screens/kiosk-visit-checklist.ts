/**
 * The in-store checklist (驻店) of a visit: the plan's four tasks, each done or
 * not, with a note and what was shown (which new brand, say). 存货分析 and
 * 优化订货 open the stocktake and order screens, which the rep uses with the
 * owner present; the visit stays open meanwhile and comes back as it was.
 * Each change is written at once.
 */
import { html, css, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { visitPartStyles } from './visit-part-styles.ts';
import { putChecklistItem } from '../data/visits.ts';
import { VISIT_TASKS, type ChecklistItem, type VisitTask } from '../domain/visit.ts';
import { visitTaskName, visitTaskShownLabel } from '../wording/visit-text.ts';
import { KioskModeChangeEvent } from '../components/kiosk-mode-bar.ts';
import { VisitPart } from './visit-part.ts';
import { VisitPartWriter } from './visit-part-writer.ts';

@customElement('kiosk-visit-checklist')
@localized()
export class KioskVisitChecklist extends VisitPart {
  private readonly _writer = new VisitPartWriter(this, 'visit checklist');

  static override styles = [
    ...visitPartStyles,
    css`
      :host {
        overflow: auto;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      h3 {
        flex: 1;
      }
      button {
        min-height: var(--kiosk-touch-min);
      }
      button[aria-pressed='true'] {
        background: var(--kiosk-ok);
        border-color: var(--kiosk-ok);
        color: #fff;
      }
      input {
        min-height: 40px;
        font-size: var(--kiosk-font-small);
        width: 100%;
        box-sizing: border-box;
      }
      .message {
        color: var(--kiosk-error);
        font-weight: 700;
        grid-column: 1 / -1;
      }
    `,
  ];

  override render() {
    const visit = this.visit;
    if (!visit) return nothing;
    return html`${VISIT_TASKS.map((task) => this._renderTask(task, visit.checklist[task]))}
    ${this._writer.message ? html`<p class="message" role="alert">${this._writer.message}</p>` : nothing}`;
  }

  private _renderTask(task: VisitTask, item: ChecklistItem) {
    const link = task === 'stock-analysis' ? 'stocktake' : task === 'order' ? 'order' : undefined;
    return html`<section class="card" data-task=${task}>
      <div class="head">
        <h3>${visitTaskName(task)}</h3>
        ${
          link
            ? html`<button type="button" name="open-${link}" @click=${() => this.dispatchEvent(new KioskModeChangeEvent(link))}>
              ${link === 'stocktake' ? msg('去盘点') : msg('去订货')}
            </button>`
            : nothing
        }
        <button
          type="button"
          name="task-done"
          aria-pressed=${item.done ? 'true' : 'false'}
          ?disabled=${this.readonly}
          @click=${() => void this._save(task, { ...item, done: !item.done })}
        >
          ${item.done ? msg('已完成') : msg('未完成')}
        </button>
      </div>
      <input
        name="task-shown"
        placeholder=${visitTaskShownLabel(task)}
        .value=${item.shown}
        ?disabled=${this.readonly}
        @change=${(e: Event) => void this._save(task, { ...item, shown: (e.target as HTMLInputElement).value })}
      />
      <input
        name="task-note"
        placeholder=${msg('备注')}
        .value=${item.note}
        ?disabled=${this.readonly}
        @change=${(e: Event) => void this._save(task, { ...item, note: (e.target as HTMLInputElement).value })}
      />
    </section>`;
  }

  private async _save(task: VisitTask, item: ChecklistItem) {
    const visit = this.visit;
    if (!visit || this.readonly) return;
    await this._writer.write(() => putChecklistItem(visit.id, task, item));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-checklist': KioskVisitChecklist;
  }
}
