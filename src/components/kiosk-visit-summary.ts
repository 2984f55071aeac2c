/**
 * One visit in full, read only: when and who, how long, the four tasks, the
 * price-tag result, notes and next actions. The visit screen's 总结 tab (which
 * the owner confirms) and the visit log show it.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { panelPartStyles } from './panel-styles.ts';
import type { VisitRecord } from '../data/schema.ts';
import { durationMinutes, MAX_MISSING_PRICE_TAGS, VISIT_TASKS } from '../domain/visit.ts';
import { visitMinutesText, visitStatusName, visitTaskName } from '../wording/visit-text.ts';

@customElement('kiosk-visit-summary')
@localized()
export class KioskVisitSummary extends LitElement {
  @property({ attribute: false }) visit?: VisitRecord;

  static override styles = [
    ...panelPartStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 12px;
        margin: 0;
      }
      dt {
        color: var(--kiosk-text-muted);
      }
      dd {
        margin: 0;
      }
      .fail {
        color: var(--kiosk-error);
        font-weight: 700;
      }
      ul {
        margin: 0;
        padding-left: 1.2em;
      }
    `,
  ];

  override render() {
    const v = this.visit;
    if (!v) return nothing;
    const minutes = durationMinutes(v.durationMs ?? v.activeMs);
    const tags = v.priceTags;
    return html`<dl data-visit=${v.id} data-status=${v.status}>
      <dt>${msg('日期')}</dt>
      <dd data-kind="visit-date">${v.startDay} ${new Date(v.startedAt).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })}</dd>
      <dt>${msg('客户经理')}</dt>
      <dd>${v.repName}</dd>
      <dt>${msg('状态')}</dt>
      <dd data-kind="visit-status">${visitStatusName(v.status)}</dd>
      <dt>${msg('用时')}</dt>
      <dd data-kind="visit-duration">${visitMinutesText(minutes)}</dd>
      <dt>${msg('驻店')}</dt>
      <dd data-kind="visit-checklist">
        ${VISIT_TASKS.map(
          (task) => html`<div data-task=${task} data-done=${v.checklist[task].done ? 'true' : 'false'}>
            ${v.checklist[task].done ? '✓' : '✗'} ${visitTaskName(task)}${v.checklist[task].shown ? ` · ${v.checklist[task].shown}` : ''}${
              v.checklist[task].note ? ` · ${v.checklist[task].note}` : ''
            }
          </div>`,
        )}
      </dd>
      <dt>${msg('价签')}</dt>
      <dd data-kind="visit-price-tags" class=${tags && tags.missing > MAX_MISSING_PRICE_TAGS ? 'fail' : ''}>
        ${tags && tags.checked > 0 ? msg(str`查 ${tags.checked} 种，缺 ${tags.missing} 个，价错 ${tags.wrongPrice} 个`) : msg('没有检查')}
      </dd>
      <dt>${msg('记录')}</dt>
      <dd data-kind="visit-notes-text">${v.notes || '—'}</dd>
      <dt>${msg('下一步')}</dt>
      <dd>
        ${
          v.nextActions.length === 0
            ? '—'
            : html`<ul>
              ${v.nextActions.map((f) => html`<li>${f.done ? '✓' : '○'} ${f.text} · ${f.dueDay}</li>`)}
            </ul>`
        }
      </dd>
    </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-summary': KioskVisitSummary;
  }
}
