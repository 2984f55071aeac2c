/**
 * The numbers behind one order line: the chart of weekly sales with the
 * forecast, how the engine got to its quantity, and the keypad on which the
 * owner sets their own number. The screen saves it (setUnits); the typed
 * number stays on the keypad until the save has landed, so a failed save
 * loses nothing the owner typed.
 */
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { daysText } from '../wording/stock-text.ts';
import { kioskBase, hostBlock } from '../styles.ts';
import { keypadShownStyles } from './keypad-shown-styles.ts';
import { formatCents } from '../domain/product.ts';
import { formatStock } from '../domain/units.ts';
import { weeklySalesWithForecast } from '../domain/reorder/weekly-sales.ts';
import { MAX_ORDER_UNITS } from '../domain/order-line.ts';
import { cappedText, flagText, methodText, patternText, unitsText } from '../wording/reorder-text.ts';
import { formattingLocale, getLocale } from '../localization.ts';
import { orderUnitOf, type OrderRow } from '../domain/reorder/order-rows.ts';
import type { KioskKeypadPressEvent } from './kiosk-keypad.ts';
import { kioskSignal } from './kiosk-event.ts';
import './kiosk-keypad.ts';
import './kiosk-sales-chart.ts';

export class KioskOrderDetailCloseEvent extends kioskSignal('kiosk-order-detail-close') {}

@customElement('kiosk-order-line-detail')
@localized()
export class KioskOrderLineDetail extends LitElement {
  @property({ attribute: false }) row?: OrderRow;
  /** The day the order is made on ('YYYY-MM-DD'): the forecast weeks start here. */
  @property() today = '';
  /** A save or an order is under way: no second change meanwhile. */
  @property({ type: Boolean }) busy = false;
  /** Keep `units` for `code` in the draft; false when it could not be saved (nothing changed then). */
  @property({ attribute: false }) setUnits: (code: string, units: number, ownerEdited: boolean) => Promise<boolean> = async () => false;

  /** Typing a quantity for this line. */
  @state() private _editText?: string | undefined;
  @state() private _editError = false;

  static override styles = [
    kioskBase,
    hostBlock,
    keypadShownStyles,
    css`
      h2 {
        margin: 0 0 8px;
        font-size: var(--kiosk-font-body);
      }
      dl.numbers {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 12px;
        margin: 8px 0;
        font-size: 16px;
      }
      dl.numbers dt {
        color: var(--kiosk-text-muted);
      }
      dl.numbers dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
      .edit {
        display: flex;
        flex-direction: column;
        gap: 8px;
        --kiosk-keypad-key-height: 52px;
        --keypad-shown-colour: var(--kiosk-mode-order);
      }
      .error {
        color: var(--kiosk-error);
        font-weight: 600;
      }
      .actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        margin: 8px 0;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another line: its own number, not the half-typed one of the last.
    if (changed.has('row') && changed.get('row')?.product.code !== this.row?.product.code) {
      this._editText = undefined;
      this._editError = false;
    }
  }

  override render() {
    if (!this.row) return nothing;
    const { suggestion: s, product: p, line } = this.row;
    const unit = orderUnitOf(p);
    const locale = getLocale() === 'en' ? 'en' : 'zh-Hans';
    const money = (c: number) => formatCents(Math.round(c), formattingLocale());
    const n = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
    return html`<h2>${p.name ?? p.code}</h2>
      ${
        this._editText !== undefined
          ? this._renderEditor(unit)
          : html`<div class="actions">
            <button type="button" name="edit" class="primary" ?disabled=${this.busy} @click=${() => this._openEditor(line.units)}>
              ${msg(str`改订货数量（现在 ${unitsText(line.units, unit)}）`)}
            </button>
            ${
              line.ownerEdited
                ? html`<button type="button" name="use-suggestion" ?disabled=${this.busy} @click=${() => void this.setUnits(p.code, s.units, false)}>
                  ${msg(str`用回建议（${unitsText(s.units, unit)}）`)}
                </button>`
                : nothing
            }
            <button type="button" name="close-detail" @click=${() => this.dispatchEvent(new KioskOrderDetailCloseEvent())}>${msg('关闭')}</button>
          </div>`
      }
      <kiosk-sales-chart .data=${weeklySalesWithForecast(p, s, this.today)}></kiosk-sales-chart>
      <dl class="numbers" data-numbers>
        <dt>${msg('需求类型')}</dt><dd>${patternText(s.pattern)}（ADI ${n(s.adi, 2)}，CV² ${n(s.cv2, 2)}）</dd>
        <dt>${msg('预测方法')}</dt><dd>${methodText(s.method)}</dd>
        <dt>${msg('覆盖天数')}</dt><dd>${msg(str`${daysText(s.protectionDays)}（到货天数 + 到下个订货日）`)}</dd>
        <dt>${msg('预测销量')}</dt><dd>${msg(str`${n(s.forecast)} 盒`)}</dd>
        ${
          s.factors
            ? html`<dt>${msg('往年同期平均')}</dt><dd>${msg(str`${n(s.factors.seasonalAverage)} 盒`)}</dd>
              <dt>${msg('环比系数')}</dt><dd>×${n(s.factors.momCoefficient, 2)}</dd>
              <dt>${msg('同比系数')}</dt><dd>×${n(s.factors.yoyGrowth, 2)}</dd>`
            : nothing
        }
        <dt>${msg('安全库存')}</dt><dd>${msg(str`${n(s.safetyStock)} 盒`)}</dd>
        <dt>${msg('补到')}</dt><dd>${msg(str`${n(s.orderUpTo)} 盒`)}</dd>
        <dt>${msg('库存')}</dt><dd>${formatStock(s.stock, unit, locale)}</dd>
        <dt>${msg('在途')}</dt><dd>${formatStock(s.onOrder, unit, locale)}</dd>
        <dt>${msg('缺口')}</dt><dd>${msg(str`${n(s.raw)} 盒`)}</dd>
        <dt>${msg('建议订')}</dt><dd>${unitsText(s.units, unit)}（${formatStock(s.packs, unit, locale)}）</dd>
        ${s.cappedBy ? html`<dt>${msg('受限于')}</dt><dd>${cappedText(s.cappedBy)}</dd>` : nothing}
        <dt>${msg('可卖天数')}</dt><dd>${s.daysOfCover === null ? msg('—（没有销量）') : daysText(s.daysOfCover, n(s.daysOfCover))}</dd>
        <dt>${msg('预计缺货损失')}</dt><dd>${msg(str`${n(s.expectedLostSales)} 盒`)}</dd>
        <dt>${msg('毛利')}</dt><dd>${money(s.marginCents)}</dd>
        ${s.flags.length > 0 ? html`<dt>${msg('提示')}</dt><dd>${s.flags.map((f) => flagText(f)).join('，')}</dd>` : nothing}
        ${p.lastCountedDay ? html`<dt>${msg('上次盘点')}</dt><dd>${p.lastCountedDay}</dd>` : nothing}
      </dl>`;
  }

  private _renderEditor(unit: number) {
    return html`<div class="edit" data-panel="edit">
      <div>${unit > 1 ? msg('订多少条？') : msg('订多少盒？')}</div>
      <div class="shown" data-edit-text>${this._editText}</div>
      ${this._editError ? html`<div class="error" role="alert">${msg(str`请输入 0 到 ${MAX_ORDER_UNITS} 之间的整数；不订请输入 0。`)}</div>` : nothing}
      <kiosk-keypad ?disabled=${this.busy} @kiosk-keypad-press=${this._onEditKey}></kiosk-keypad>
      <div class="actions">
        <button type="button" name="edit-ok" class="primary" ?disabled=${this.busy} @click=${() => void this._saveEdit()}>${msg('确定')}</button>
        <button type="button" name="edit-cancel" ?disabled=${this.busy} @click=${() => (this._editText = undefined)}>${msg('返回')}</button>
      </div>
    </div>`;
  }

  private _openEditor(units: number) {
    this._editText = String(units);
    this._editError = false;
  }

  private _onEditKey = (e: KioskKeypadPressEvent) => {
    this._editError = false;
    const text = this._editText ?? '';
    const typed = text === '0' ? '' : text;
    if (e.detail === 'backspace') this._editText = text.slice(0, -1);
    else if (e.detail === 'clear') this._editText = '';
    else if (e.detail !== '.') this._editText = typed.length >= 6 ? text : typed + e.detail;
  };

  private async _saveEdit() {
    if (!this.row) return;
    const text = this._editText ?? '';
    const units = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(units) || units < 0 || units > MAX_ORDER_UNITS) {
      this._editError = true;
      return;
    }
    if (await this.setUnits(this.row.product.code, units, true)) this._editText = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-order-line-detail': KioskOrderLineDetail;
  }
  interface HTMLElementEventMap {
    'kiosk-order-detail-close': KioskOrderDetailCloseEvent;
  }
}
