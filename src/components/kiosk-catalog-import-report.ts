/**
 * What a catalog import would do, before anything is written: counts, the
 * rejected rows with their line and reason, the products to add and the
 * changes to existing ones. 全部导入 and 取消 are the screen's to act on.
 */
import { LitElement, html, css, nothing } from 'lit';
import { kioskSignal } from './kiosk-event.ts';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import { formatCents } from '../domain/product.ts';
import type { ImportPlan } from '../domain/catalog-csv.ts';
import { formattingLocale } from '../localization.ts';
import { fieldText, rejectText, valueText } from '../wording/catalog-import-text.ts';
import { catalogPanelStyles } from './catalog-styles.ts';

/** How many rows of each kind the report lists (the counts are always complete). */
export const REPORT_ROWS = 50;

/** The owner confirmed the import (全部导入). */
export class KioskImportConfirmedEvent extends kioskSignal('kiosk-import-confirmed') {}

/** The owner dropped the plan (取消); nothing was written. */
export class KioskImportCancelledEvent extends kioskSignal('kiosk-import-cancelled') {}

@customElement('kiosk-catalog-import-report')
@localized()
export class KioskCatalogImportReport extends LitElement {
  @property({ attribute: false }) plan?: ImportPlan;
  @property({ attribute: false }) fileName = '';
  @property({ attribute: false }) encoding?: 'utf-8' | 'gb18030';
  /** A read or write is under way: the buttons wait. */
  @property({ type: Boolean }) busy = false;

  static override styles = [
    catalogPanelStyles,
    css`
      .summary {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 10px;
      }
      .summary div {
        border-radius: var(--kiosk-radius-small);
        background: var(--kiosk-surface-sunken);
        padding: 10px;
        text-align: center;
      }
      .summary strong {
        display: block;
        font-size: 32px;
      }
      .summary .rejected strong {
        color: var(--kiosk-error);
      }
    `,
  ];

  override render() {
    const plan = this.plan;
    if (!plan) return nothing;
    const nothingToDo = plan.add.length + plan.update.length === 0;
    return html`<div class="card report">
      <h2>${msg(str`检查结果：${this.fileName}`)}</h2>
      <p class="muted" data-encoding=${this.encoding ?? ''}>
        ${msg(str`共 ${plan.rows} 行。文件编码：${this.encoding === 'gb18030' ? 'GB18030 (GBK)' : 'UTF-8'}。还没有写入任何内容。`)}
        ${plan.ignoredColumns.length > 0 ? msg(str`这些列不认识，不会导入：${plan.ignoredColumns.join('、')}。`) : nothing}
      </p>
      <div class="summary">
        <div class="add" data-count=${plan.add.length}><strong>${plan.add.length}</strong>${msg('新增')}</div>
        <div class="update" data-count=${plan.update.length}><strong>${plan.update.length}</strong>${msg('更新')}</div>
        <div class="unchanged" data-count=${plan.unchanged}><strong>${plan.unchanged}</strong>${msg('没有变化')}</div>
        <div class="rejected" data-count=${plan.rejected.length}><strong>${plan.rejected.length}</strong>${msg('有问题，不导入')}</div>
      </div>
      ${
        plan.rejected.length > 0
          ? html`<h3>${msg('有问题的行（不会导入，请在文件里改正）')}</h3>
            <table class="rejected-rows">
              <tbody>
                ${plan.rejected.slice(0, REPORT_ROWS * 4).map(
                  (r) => html`<tr data-line=${r.line} data-reason=${r.reason}>
                    <td class="num">${msg(str`第 ${r.line} 行`)}</td>
                    <td>${rejectText(r)}</td>
                    <td class="code">${r.detail ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${plan.rejected.length > REPORT_ROWS * 4 ? html`<p class="muted">${msg(str`还有 ${plan.rejected.length - REPORT_ROWS * 4} 行没有列出。`)}</p>` : nothing}`
          : nothing
      }
      ${
        plan.add.length > 0
          ? html`<h3>${msg(str`新增的商品（${plan.add.length} 个）`)}</h3>
            <table class="add-rows">
              <tbody>
                ${plan.add.slice(0, REPORT_ROWS).map(
                  (p) => html`<tr data-code=${p.code}>
                    <td class="code">${displayCode(p.code)}</td>
                    <td>${p.name}</td>
                    <td class="num">${formatCents(p.priceCents, formattingLocale())}</td>
                    <td>${p.packsPerCarton ? msg(str`每条 ${p.packsPerCarton} 盒`) : ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${plan.add.length > REPORT_ROWS ? html`<p class="muted">${msg(str`还有 ${plan.add.length - REPORT_ROWS} 个没有列出。`)}</p>` : nothing}`
          : nothing
      }
      ${
        plan.update.length > 0
          ? html`<h3>${msg(str`要更新的商品（${plan.update.length} 个）`)}</h3>
            <table class="update-rows">
              <tbody>
                ${plan.update.slice(0, REPORT_ROWS).map(
                  (u) => html`<tr data-code=${u.code}>
                    <td class="code">${displayCode(u.code)}</td>
                    <td>${u.after.name}</td>
                    <td>
                      ${u.changes.map(
                        (f) =>
                          html`<div class="change" data-field=${f}>${`${fieldText(f)}：${valueText(u.before, f)} → ${valueText(u.after, f)}`}</div>`,
                      )}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${plan.update.length > REPORT_ROWS ? html`<p class="muted">${msg(str`还有 ${plan.update.length - REPORT_ROWS} 个没有列出。`)}</p>` : nothing}`
          : nothing
      }
      <div class="actions">
        <button type="button" name="cancel" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new KioskImportCancelledEvent())}>${msg('取消')}</button>
        <button type="button" class="primary" name="apply" ?disabled=${this.busy || nothingToDo} @click=${() => this.dispatchEvent(new KioskImportConfirmedEvent())}>
          ${nothingToDo ? msg('没有要导入的') : msg('全部导入')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-catalog-import-report': KioskCatalogImportReport;
  }
  interface HTMLElementEventMap {
    'kiosk-import-confirmed': KioskImportConfirmedEvent;
    'kiosk-import-cancelled': KioskImportCancelledEvent;
  }
}
