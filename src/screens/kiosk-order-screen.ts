/**
 * Ordering (订货): what to order this week and why, from the shop's own sales.
 *
 * The list shows every product with its stock, the forecast over the
 * protection interval, the suggested cartons and a one-line reason built from
 * the engine's ReasonPart[] ("春节前 3 周, 同比 +8%, 安全库存 2 条, 配额上限").
 * A tap opens the numbers behind the line and a chart of 12 months of weekly
 * sales with the forecast. The owner may change a quantity on the keypad; it
 * is saved at once in the draft order marked as theirs (ownerEdited), so a new
 * suggestion never overwrites it and a reload keeps it.
 *
 * "已下单" saves the draft and places it: its packs are on order (the engine
 * counts them) until the delivery is received. The button is guarded and
 * placing is idempotent in the data layer, so a double tap places once.
 *
 * Scans in this mode jump to the scanned product's line; nothing is written.
 */
import { downloadTextFile } from '../components/download-file.ts';
// The one owner check: no await when an owner session is open, so double-tap guards still hold.
import { askForOwner, canDo } from '../data/roles.ts';
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase } from '../styles.ts';
import type { Scan } from '../domain/scan-protocol.ts';
import { formatCents, localDay } from '../domain/product.ts';
import { formatStock } from '../domain/units.ts';
import {
  paretoView,
  slowMovers,
  type DemandPattern,
  type ForecastMethod,
  type Quota,
  type ReasonPart,
  type ReorderProduct,
  type Suggestion,
} from '../domain/reorder/engine.ts';
import {
  deleteQuota,
  getEngineSettings,
  getQuotas,
  getReorderInputs,
  getReorderSettings,
  putQuota,
  putReorderSettings,
  type ReorderSettingsRecord,
} from '../data/reorder.ts';
import { addDays } from '../domain/reorder/calendar.ts';
import { orderCsv } from '../domain/order-csv.ts';
import { suggestOrdersInWorker } from '../workers/reorder-client.ts';
import { MAX_ORDER_UNITS, getOrderDraft, orderTotalCents, placeOrder, saveOrderDraft, type Order, type OrderLine } from '../data/orders.ts';
import { lookupBarcode } from '../data/barcodes.ts';
import { formattingLocale, getLocale } from '../localization.ts';
import type { KioskKeypadPressEvent } from '../components/kiosk-keypad.ts';
import type { KioskOrderSettingsSaveEvent, KioskQuotaDeleteEvent, KioskQuotaSaveEvent } from '../components/kiosk-order-settings.ts';
import type { SalesChartData } from '../components/kiosk-sales-chart.ts';
import '../components/kiosk-keypad.ts';
import '../components/kiosk-sales-chart.ts';
import '../components/kiosk-order-settings.ts';
import '../components/kiosk-banner.ts';

type Panel = 'list' | 'settings' | 'insights';

interface Row {
  suggestion: Suggestion;
  product: ReorderProduct;
  line: OrderLine;
}

/** Weeks of sales in the chart: the last 12 months. */
const CHART_WEEKS = 52;
/** "No sale in N weeks" for the slow movers. */
const SLOW_WEEKS = 8;
/** Days of sales for the 80/20 view. */
const PARETO_DAYS = 90;

function orderUnitOf(p: ReorderProduct): number {
  return p.orderUnit ?? 1;
}

/** "3条" / "3盒" (English "3 cartons" / "3 packs"): order units in the shop's word. */
export function unitsText(units: number, orderUnit: number): string {
  if (orderUnit > 1) return msg(str`${units}条`);
  return msg(str`${units}盒`);
}

function percent(x: number): string {
  const p = Math.round(x * 100);
  return `${p >= 0 ? '+' : ''}${p}%`;
}

/** One ReasonPart in words. */
export function reasonPartText(part: ReasonPart, orderUnit = 1): string {
  switch (part.kind) {
    case 'festival':
      return part.weeksBefore >= 0 ? msg(str`春节前 ${part.weeksBefore} 周`) : msg(str`春节后 ${-part.weeksBefore} 周`);
    case 'yoy':
      return msg(str`同比 ${percent(part.growth)}`);
    case 'mom':
      return msg(str`环比 ×${part.coefficient.toFixed(2)}`);
    case 'safety':
      return msg(str`安全库存 ${unitsText(part.units, orderUnit)}`);
    case 'capped':
      return cappedText(part.by);
    case 'flag':
      return flagText(part.flag);
    case 'method':
      return methodText(part.method);
  }
}

export function cappedText(by: NonNullable<Suggestion['cappedBy']>): string {
  switch (by) {
    case 'quota':
      return msg('配额上限');
    case 'budget':
      return msg('预算上限');
    case 'discontinued':
      return msg('已停售');
    case 'min-order':
      return msg('最小订量');
  }
}

export function flagText(flag: Suggestion['flags'][number]): string {
  switch (flag) {
    case 'count-before-ordering':
      return msg('先盘点再订货');
    case 'negative-stock':
      return msg('负库存');
    case 'no-history':
      return msg('没有销售记录');
    case 'censored-days':
      return msg('有断货天');
  }
}

export function methodText(method: ForecastMethod): string {
  switch (method) {
    case 'seasonal':
      return msg('季节平均（往年同期）');
    case 'smoothing':
      return msg('指数平滑');
    case 'croston-sba':
      return msg('间歇需求（Croston/SBA）');
    case 'tsb':
      return msg('间歇需求（TSB）');
    case 'category':
      return msg('借用同类商品');
    case 'none':
      return msg('无法预测');
  }
}

export function patternText(pattern: DemandPattern): string {
  switch (pattern) {
    case 'smooth':
      return msg('平稳');
    case 'erratic':
      return msg('波动');
    case 'intermittent':
      return msg('间歇');
    case 'lumpy':
      return msg('成批');
    case 'new':
      return msg('新品');
    case 'none':
      return msg('无销售');
  }
}

/**
 * The one-line reason: the parts that explain the quantity (festival, growth,
 * level, safety stock, the cap that bound), in the engine's order. Flags are
 * shown beside it as chips and the method in the detail panel.
 */
export function reasonLine(parts: readonly ReasonPart[], orderUnit = 1): string {
  return parts
    .filter((p) => p.kind !== 'flag' && p.kind !== 'method')
    .map((p) => reasonPartText(p, orderUnit))
    .join(', ');
}

/** Weekly sales of the last CHART_WEEKS weeks and the forecast weeks after them. */
export function chartData(product: ReorderProduct, suggestion: Suggestion, today: string): SalesChartData {
  const history = product.history.slice(-CHART_WEEKS * 7);
  const weeks: string[] = [];
  const sold: (number | null)[] = [];
  const forecast: (number | null)[] = [];
  // Whole weeks ending yesterday; a partial oldest week is left out rather than drawn low.
  for (let end = history.length; end - 7 >= 0; end -= 7) {
    const week = history.slice(end - 7, end);
    weeks.unshift(week[0]!.day);
    sold.unshift(week.reduce((s, d) => s + d.sold, 0));
    forecast.unshift(null);
  }
  if (sold.length > 0) forecast[forecast.length - 1] = sold[sold.length - 1]!;
  const daily = suggestion.daily;
  for (let i = 0; i < daily.length; i += 7) {
    const chunk = daily.slice(i, i + 7);
    weeks.push(addDays(today, i));
    sold.push(null);
    // A part week (the protection interval is rarely whole weeks) as a weekly rate.
    forecast.push((chunk.reduce((s, d) => s + d, 0) * 7) / chunk.length);
  }
  return { weeks, sold, forecast };
}

export class KioskOrderPlacedEvent extends Event {
  static readonly eventName = 'kiosk-order-placed';
  constructor(readonly order: Order) {
    super(KioskOrderPlacedEvent.eventName, { bubbles: true, composed: true });
  }
}

@customElement('kiosk-order-screen')
@localized()
export class KioskOrderScreen extends LitElement {
  /** The day the order is made on ('YYYY-MM-DD'); the local day today when not set. */
  @property() today?: string;
  /** How the printable page is printed (tests replace it). */
  @property({ attribute: false }) printPage: () => void = () => window.print();

  @state() private _rows: Row[] = [];
  @state() private _loading = true;
  @state() private _error?: string | undefined;
  @state() private _notice?: { tone: 'info' | 'warn' | 'error'; text: string } | undefined;
  @state() private _selected?: string | undefined;
  /** Typing a quantity for the selected line. */
  @state() private _editText?: string | undefined;
  @state() private _editError = false;
  @state() private _panel: Panel = 'list';
  @state() private _settings?: ReorderSettingsRecord;
  @state() private _quotas: Quota[] = [];
  @state() private _placing = false;
  @state() private _saving = false;
  /** The order just placed: the button shows it until something changes. */
  @state() private _placed?: Order | undefined;

  private _inputs: ReorderProduct[] = [];
  private _loadSeq = 0;
  private _loading$: Promise<void> = Promise.resolve();

  static override styles = [
    kioskBase,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 10px var(--kiosk-gap) var(--kiosk-gap);
        min-height: 0;
        overflow: hidden;
        font-size: var(--kiosk-font-small);
      }
      .toolbar {
        flex: none;
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
      }
      .toolbar .spacer {
        flex: 1;
      }
      .toolbar button[aria-pressed='true'] {
        border-color: var(--kiosk-mode-order);
        background: var(--kiosk-mode-order-soft);
        font-weight: 700;
      }
      button.place {
        background: var(--kiosk-mode-order);
        border-color: var(--kiosk-mode-order);
        color: var(--kiosk-on-mode);
        font-weight: 800;
        font-size: 24px;
      }
      .body {
        flex: 1;
        min-height: 0;
        display: flex;
        gap: 12px;
      }
      .list {
        flex: 3;
        min-width: 0;
        overflow-y: auto;
        background: var(--kiosk-surface);
        border-radius: var(--kiosk-radius);
        box-shadow: var(--kiosk-shadow);
      }
      .side {
        flex: 2;
        min-width: 0;
        overflow-y: auto;
        background: var(--kiosk-surface);
        border-radius: var(--kiosk-radius);
        box-shadow: var(--kiosk-shadow);
        padding: 12px;
      }
      .full {
        flex: 1;
        min-width: 0;
        overflow-y: auto;
        background: var(--kiosk-surface);
        border-radius: var(--kiosk-radius);
        padding: 12px;
      }
      .head,
      button.line {
        display: grid;
        grid-template-columns: minmax(0, 2.2fr) 1fr 1fr 1fr;
        gap: 4px 10px;
        align-items: center;
        text-align: left;
        width: 100%;
        padding: 8px 12px;
      }
      .head {
        position: sticky;
        top: 0;
        background: var(--kiosk-surface-sunken);
        color: var(--kiosk-text-muted);
        font-size: 16px;
        z-index: 1;
      }
      button.line {
        min-height: var(--kiosk-touch);
        border: none;
        border-bottom: 1px solid var(--kiosk-border);
        border-radius: 0;
        background: transparent;
      }
      button.line[aria-pressed='true'] {
        background: var(--kiosk-mode-order-soft);
      }
      .line .name {
        font-size: 20px;
        font-weight: 700;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .line .qty {
        font-size: 24px;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
        color: var(--kiosk-mode-order);
      }
      .line .qty.zero {
        color: var(--kiosk-text-muted);
        font-weight: 400;
      }
      .line .owner {
        font-size: 14px;
        color: var(--kiosk-warn);
        font-weight: 700;
        display: block;
      }
      .line .reason {
        grid-column: 1 / -1;
        font-size: 16px;
        color: var(--kiosk-text-muted);
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
      }
      .chip {
        display: inline-block;
        padding: 1px 8px;
        border-radius: 999px;
        font-size: 15px;
        font-weight: 700;
        background: var(--kiosk-warn-soft);
        color: var(--kiosk-warn);
      }
      .chip.bad {
        background: var(--kiosk-error-soft);
        color: var(--kiosk-error);
      }
      .totals {
        flex: none;
        display: flex;
        gap: 24px;
        align-items: baseline;
        padding: 8px 12px;
        background: var(--kiosk-mode-order-soft);
        border-radius: var(--kiosk-radius-small);
        font-size: 20px;
      }
      .totals strong {
        font-size: 28px;
        font-variant-numeric: tabular-nums;
      }
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
      }
      .edit .shown {
        height: 56px;
        display: flex;
        align-items: center;
        padding: 0 16px;
        border: 3px solid var(--kiosk-mode-order);
        border-radius: var(--kiosk-radius-small);
        font-size: 32px;
        font-weight: 700;
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
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 16px;
      }
      th,
      td {
        text-align: left;
        padding: 4px 6px;
        border-bottom: 1px solid var(--kiosk-border);
      }
      .print-only {
        display: none;
      }
      @media print {
        :host {
          display: block;
          overflow: visible;
          padding: 0;
          color: #000;
        }
        .toolbar,
        .body,
        .totals,
        kiosk-banner {
          display: none !important;
        }
        .print-only {
          display: block;
        }
        table {
          font-size: 12pt;
        }
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('today') && this.hasUpdated) this.reload();
  }

  /** The day the order is for. */
  get orderDay(): string {
    return this.today ?? localDay(Date.now());
  }

  /** Resolves when the suggestions shown are loaded (tests, and after a save). */
  loaded(): Promise<void> {
    return this._loading$;
  }

  /** Read history, settings and the draft again and recompute the suggestions. */
  reload(): Promise<void> {
    this._loading$ = this._load();
    return this._loading$;
  }

  private async _load() {
    const seq = ++this._loadSeq;
    this._loading = true;
    const today = this.orderDay;
    try {
      const [inputs, engineSettings, settings, draft] = await Promise.all([
        getReorderInputs(today),
        getEngineSettings(today),
        getReorderSettings(),
        getOrderDraft(),
      ]);
      if (seq !== this._loadSeq) return;
      // in the reorder worker: the counter keeps scanning while the engine works
      const suggestions = await suggestOrdersInWorker(inputs, engineSettings);
      if (seq !== this._loadSeq) return;
      const products = new Map(inputs.map((p) => [p.code, p]));
      const drafted = new Map((draft?.lines ?? []).map((l) => [l.code, l]));
      const rows: Row[] = [];
      for (const suggestion of suggestions) {
        const product = products.get(suggestion.code);
        if (!product) continue;
        const unit = orderUnitOf(product);
        const own = drafted.get(suggestion.code);
        const units = own?.ownerEdited ? own.units : suggestion.units;
        rows.push({
          suggestion,
          product,
          line: {
            code: product.code,
            units,
            packs: units * unit,
            suggestedUnits: suggestion.units,
            ownerEdited: own?.ownerEdited ?? false,
            unitCostCents: (product.costCents ?? 0) * unit,
            ...(product.name !== undefined ? { name: product.name } : {}),
          },
        });
      }
      // Lines to order first, then flagged ones, then the rest; by name within. Sorted on the
      // suggestion, not the owner's number, so a line does not jump away while it is edited.
      const rank = (r: Row) => (r.suggestion.units > 0 || r.line.ownerEdited ? 0 : r.suggestion.flags.length > 0 ? 1 : 2);
      rows.sort((a, b) => rank(a) - rank(b) || (a.product.name ?? a.product.code).localeCompare(b.product.name ?? b.product.code, 'zh-CN'));
      this._inputs = inputs;
      this._rows = rows;
      this._settings = settings;
      this._quotas = engineSettings.quotas ?? [];
      this._error = undefined;
    } catch (error) {
      if (seq !== this._loadSeq) return;
      console.error('order screen: loading failed', error);
      this._error = msg('读取销售记录或计算订货建议时出错。什么都没有改动；请点“重新计算”再试，还不行请重启终端。');
    } finally {
      if (seq === this._loadSeq) this._loading = false;
    }
  }

  /** A scan jumps to that product's line (nothing is recorded in this mode). */
  async showScan(scan: Scan): Promise<void> {
    const match = await lookupBarcode(scan.code);
    await this._loading$;
    const code = match?.product.code;
    if (!code || !this._rows.some((r) => r.product.code === code)) {
      this._notice = { tone: 'warn', text: msg('扫到的商品不在店里的商品目录里，没有它的订货建议。请先在“商品”里登记。') };
      return;
    }
    this._notice = undefined;
    this._panel = 'list';
    this._select(code);
    await this.updateComplete;
    this.renderRoot.querySelector(`button.line[data-code="${CSS.escape(code)}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    return html`
      ${this._notice ? html`<kiosk-banner tone=${this._notice.tone} dismissible data-kind="notice" @kiosk-banner-dismissed=${() => (this._notice = undefined)}>${this._notice.text}</kiosk-banner>` : nothing}
      ${this._error ? html`<kiosk-banner tone="error" data-kind="error">${this._error}</kiosk-banner>` : nothing}
      ${this._renderToolbar()}
      ${this._panel === 'settings' ? this._renderSettings() : this._panel === 'insights' ? this._renderInsights() : this._renderList()}
      ${this._renderPrintable()}
    `;
  }

  private _orderLines(): OrderLine[] {
    return this._rows.filter((r) => r.line.units > 0).map((r) => r.line);
  }

  private _renderToolbar() {
    const lines = this._orderLines();
    const busy = this._placing || this._saving || this._loading;
    return html`<div class="toolbar">
      <button type="button" name="panel-list" aria-pressed=${this._panel === 'list' ? 'true' : 'false'} @click=${() => (this._panel = 'list')}>${msg('订货单')}</button>
      <button type="button" name="panel-insights" aria-pressed=${this._panel === 'insights' ? 'true' : 'false'} @click=${() => (this._panel = 'insights')}>
        ${msg('滞销 / 二八')}
      </button>
      <button type="button" name="panel-settings" aria-pressed=${this._panel === 'settings' ? 'true' : 'false'} @click=${() => (this._panel = 'settings')}>
        ${msg('设置')}
      </button>
      <button type="button" name="reload" ?disabled=${busy} @click=${() => void this.reload()}>${msg('重新计算')}</button>
      <span class="spacer"></span>
      <button type="button" name="export" ?disabled=${lines.length === 0} @click=${this._export}>${msg('导出 CSV')}</button>
      <button type="button" name="print" ?disabled=${lines.length === 0} @click=${() => this.printPage()}>${msg('打印')}</button>
      <button type="button" name="place" class="place" data-main-action ?disabled=${busy || lines.length === 0 || this._placed !== undefined} @click=${this._place}>
        ${this._placing ? msg('正在下单…') : this._placed ? msg('✓ 已下单') : msg('已下单')}
      </button>
    </div>`;
  }

  private _renderList() {
    if (this._loading && this._rows.length === 0) return html`<div class="full" data-state="loading">${msg('正在按销量计算订货建议…')}</div>`;
    if (this._rows.length === 0) return html`<div class="full" data-state="empty">${msg('还没有商品。请先在“商品”里登记或导入商品目录。')}</div>`;
    const locale = getLocale() === 'en' ? 'en' : 'zh-Hans';
    const lines = this._orderLines();
    const units = lines.reduce((s, l) => s + l.units, 0);
    const cost = orderTotalCents(lines);
    const budget = this._settings?.budgetCents;
    const selected = this._rows.find((r) => r.product.code === this._selected);
    return html`<div class="body">
        <div class="list" role="list" aria-label=${msg('订货建议')}>
          <div class="head" aria-hidden="true">
            <span>${msg('商品')}</span><span>${msg('库存')}</span><span>${msg('预测销量')}</span><span>${msg('建议订')}</span>
          </div>
          ${this._rows.map((row) => this._renderRow(row, locale))}
        </div>
        ${selected ? html`<div class="side" data-panel="detail">${this._renderDetail(selected, locale)}</div>` : nothing}
      </div>
      <div class="totals" data-panel="totals">
        <span>${msg('合计')} <strong data-total-units=${units}>${msg(str`${units} 条/件`)}</strong></span>
        <span>${msg('进货金额')} <strong data-total-cents=${cost}>${formatCents(cost, formattingLocale())}</strong></span>
        ${budget !== undefined ? html`<span>${msg(str`预算 ${formatCents(budget, formattingLocale())}`)}</span>` : nothing}
        ${lines.some((l) => l.unitCostCents === 0) ? html`<span class="chip">${msg('有商品没填进价，金额不全')}</span>` : nothing}
      </div>`;
  }

  private _renderRow({ suggestion: s, product: p, line }: Row, locale: 'zh-Hans' | 'en') {
    const unit = orderUnitOf(p);
    const reason = reasonLine(s.reasons, unit);
    return html`<button
      type="button"
      class="line"
      role="listitem"
      data-code=${p.code}
      data-units=${line.units}
      data-suggested=${s.units}
      ?data-owner=${line.ownerEdited}
      aria-pressed=${this._selected === p.code ? 'true' : 'false'}
      @click=${() => this._select(p.code)}
    >
      <span class="name">${p.name ?? p.code}</span>
      <span class="stock">${formatStock(p.stock, unit, locale)}</span>
      <span class="forecast">${formatStock(Math.round(s.forecast), unit, locale)}</span>
      <span class="qty ${line.units === 0 ? 'zero' : ''}">
        ${unitsText(line.units, unit)}
        ${line.ownerEdited ? html`<span class="owner">${msg(str`店主改（建议 ${s.units}）`)}</span>` : nothing}
      </span>
      <span class="reason">
        ${s.flags.map((f) => html`<span class="chip ${f === 'negative-stock' || f === 'count-before-ordering' ? 'bad' : ''}" data-flag=${f}>${flagText(f)}</span>`)}
        <span data-reason>${reason}</span>
      </span>
    </button>`;
  }

  private _renderDetail(row: Row, locale: 'zh-Hans' | 'en') {
    const { suggestion: s, product: p, line } = row;
    const unit = orderUnitOf(p);
    const money = (c: number) => formatCents(Math.round(c), formattingLocale());
    const n = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
    return html`<h2>${p.name ?? p.code}</h2>
      ${this._editText !== undefined ? this._renderEditor(row) : html`<div class="actions">
            <button type="button" name="edit" class="primary" ?disabled=${this._saving || this._placing} @click=${() => this._openEditor(line.units)}>
              ${msg(str`改订货数量（现在 ${unitsText(line.units, unit)}）`)}
            </button>
            ${line.ownerEdited
              ? html`<button type="button" name="use-suggestion" ?disabled=${this._saving || this._placing} @click=${() => void this._setUnits(p.code, s.units, false)}>
                  ${msg(str`用回建议（${unitsText(s.units, unit)}）`)}
                </button>`
              : nothing}
            <button type="button" name="close-detail" @click=${() => (this._selected = undefined)}>${msg('关闭')}</button>
          </div>`}
      <kiosk-sales-chart .data=${chartData(p, s, this.orderDay)}></kiosk-sales-chart>
      <dl class="numbers" data-numbers>
        <dt>${msg('需求类型')}</dt><dd>${patternText(s.pattern)}（ADI ${n(s.adi, 2)}，CV² ${n(s.cv2, 2)}）</dd>
        <dt>${msg('预测方法')}</dt><dd>${methodText(s.method)}</dd>
        <dt>${msg('覆盖天数')}</dt><dd>${msg(str`${s.protectionDays} 天（到货天数 + 到下个订货日）`)}</dd>
        <dt>${msg('预测销量')}</dt><dd>${msg(str`${n(s.forecast)} 盒`)}</dd>
        ${s.factors
          ? html`<dt>${msg('往年同期平均')}</dt><dd>${msg(str`${n(s.factors.seasonalAverage)} 盒`)}</dd>
              <dt>${msg('环比系数')}</dt><dd>×${n(s.factors.momCoefficient, 2)}</dd>
              <dt>${msg('同比系数')}</dt><dd>×${n(s.factors.yoyGrowth, 2)}</dd>`
          : nothing}
        <dt>${msg('安全库存')}</dt><dd>${msg(str`${n(s.safetyStock)} 盒`)}</dd>
        <dt>${msg('补到')}</dt><dd>${msg(str`${n(s.orderUpTo)} 盒`)}</dd>
        <dt>${msg('库存')}</dt><dd>${formatStock(s.stock, unit, locale)}</dd>
        <dt>${msg('在途')}</dt><dd>${formatStock(s.onOrder, unit, locale)}</dd>
        <dt>${msg('缺口')}</dt><dd>${msg(str`${n(s.raw)} 盒`)}</dd>
        <dt>${msg('建议订')}</dt><dd>${unitsText(s.units, unit)}（${formatStock(s.packs, unit, locale)}）</dd>
        ${s.cappedBy ? html`<dt>${msg('受限于')}</dt><dd>${cappedText(s.cappedBy)}</dd>` : nothing}
        <dt>${msg('可卖天数')}</dt><dd>${s.daysOfCover === null ? msg('—（没有销量）') : msg(str`${n(s.daysOfCover)} 天`)}</dd>
        <dt>${msg('预计缺货损失')}</dt><dd>${msg(str`${n(s.expectedLostSales)} 盒`)}</dd>
        <dt>${msg('毛利')}</dt><dd>${money(s.marginCents)}</dd>
        ${s.flags.length > 0 ? html`<dt>${msg('提示')}</dt><dd>${s.flags.map((f) => flagText(f)).join('，')}</dd>` : nothing}
        ${p.lastCountedDay ? html`<dt>${msg('上次盘点')}</dt><dd>${p.lastCountedDay}</dd>` : nothing}
      </dl>`;
  }

  private _renderEditor(row: Row) {
    const unit = orderUnitOf(row.product);
    return html`<div class="edit" data-panel="edit">
      <div>${unit > 1 ? msg('订多少条？') : msg('订多少盒？')}</div>
      <div class="shown" data-edit-text>${this._editText}</div>
      ${this._editError ? html`<div class="error" role="alert">${msg(str`请输入 0 到 ${MAX_ORDER_UNITS} 之间的整数；不订请输入 0。`)}</div>` : nothing}
      <kiosk-keypad ?disabled=${this._saving} @kiosk-keypad-press=${this._onEditKey}></kiosk-keypad>
      <div class="actions">
        <button type="button" name="edit-ok" class="primary" ?disabled=${this._saving} @click=${() => void this._saveEdit(row.product.code)}>${msg('确定')}</button>
        <button type="button" name="edit-cancel" ?disabled=${this._saving} @click=${() => (this._editText = undefined)}>${msg('返回')}</button>
      </div>
    </div>`;
  }

  private _renderSettings() {
    return html`<div class="full" data-panel="settings">
      <kiosk-order-settings
        .settings=${this._settings}
        .quotas=${this._quotas}
        .products=${this._inputs.map((p) => ({ code: p.code, name: p.name ?? p.code }))}
        ?busy=${this._saving}
        @kiosk-order-settings-save=${this._saveSettings}
        @kiosk-quota-save=${this._saveQuota}
        @kiosk-quota-delete=${this._deleteQuota}
      ></kiosk-order-settings>
    </div>`;
  }

  private _renderInsights() {
    const names = new Map(this._inputs.map((p) => [p.code, p.name ?? p.code]));
    const money = (c: number) => formatCents(Math.round(c), formattingLocale());
    let slow: ReturnType<typeof slowMovers> = [];
    let pareto: ReturnType<typeof paretoView> = [];
    try {
      slow = slowMovers(this._inputs, SLOW_WEEKS);
      pareto = paretoView(this._inputs, PARETO_DAYS);
    } catch (error) {
      console.error('order screen: insights failed', error);
    }
    const top = pareto.filter((p) => p.inTop80);
    return html`<div class="full" data-panel="insights">
      <h2>${msg(str`滞销商品（${SLOW_WEEKS} 周没卖出，还压着货）`)}</h2>
      ${slow.length === 0
        ? html`<p>${msg('没有滞销商品。')}</p>`
        : html`<table data-table="slow">
            <tr><th>${msg('商品')}</th><th>${msg('库存')}</th><th>${msg('压货金额')}</th><th>${msg('多久没卖')}</th></tr>
            ${slow.map(
              (s) => html`<tr data-code=${s.code}>
                <td>${names.get(s.code) ?? s.code}</td><td>${s.stock}</td><td>${money(s.stockValueCents)}</td>
                <td>${s.daysSinceSale === null ? msg('从没卖过') : msg(str`${s.daysSinceSale} 天`)}</td>
              </tr>`,
            )}
          </table>`}
      <h2>${msg(str`二八分析：近 ${PARETO_DAYS} 天 ${top.length} 个商品卖出八成的钱`)}</h2>
      <table data-table="pareto">
        <tr><th>${msg('商品')}</th><th>${msg('销售额')}</th><th>${msg('占比')}</th><th>${msg('累计')}</th></tr>
        ${pareto.map(
          (p) => html`<tr data-code=${p.code} ?data-top=${p.inTop80}>
            <td>${p.inTop80 ? '★ ' : ''}${names.get(p.code) ?? p.code}</td><td>${money(p.salesCents)}</td>
            <td>${(p.share * 100).toFixed(1)}%</td><td>${(p.cumulative * 100).toFixed(1)}%</td>
          </tr>`,
        )}
      </table>
    </div>`;
  }

  /** The printed order: hidden on screen, the only thing on paper. */
  private _renderPrintable() {
    const lines = this._orderLines();
    const locale = formattingLocale();
    return html`<section class="print-only" data-print>
      <h2>${msg(str`订货单 ${this.orderDay}`)}</h2>
      <table>
        <tr><th>${msg('商品')}</th><th>${msg('条码')}</th><th>${msg('订货')}</th><th>${msg('进价')}</th><th>${msg('金额')}</th></tr>
        ${lines.map((l) => {
          const row = this._rows.find((r) => r.product.code === l.code);
          const unit = row ? orderUnitOf(row.product) : 1;
          return html`<tr data-code=${l.code}>
            <td>${l.name ?? l.code}${l.ownerEdited ? ' *' : ''}</td><td>${l.code}</td><td>${unitsText(l.units, unit)}</td>
            <td>${formatCents(l.unitCostCents, locale)}</td><td>${formatCents(l.units * l.unitCostCents, locale)}</td>
          </tr>`;
        })}
        <tr><td>${msg('合计')}</td><td></td><td>${lines.reduce((s, l) => s + l.units, 0)}</td><td></td><td>${formatCents(orderTotalCents(lines), locale)}</td></tr>
      </table>
      <p>${msg('* 店主改过的数量')}</p>
    </section>`;
  }

  private _select(code: string) {
    if (this._selected !== code) this._editText = undefined;
    this._selected = code;
    this._editError = false;
  }

  private _openEditor(units: number) {
    this._editText = String(units);
    this._editError = false;
  }

  private _onEditKey = (e: KioskKeypadPressEvent) => {
    this._editError = false;
    const text = this._editText ?? '';
    if (e.key === 'backspace') this._editText = text.slice(0, -1);
    else if (e.key === 'clear') this._editText = '';
    else if (e.key !== '.') this._editText = (text === '0' ? '' : text).length >= 6 ? text : (text === '0' ? '' : text) + e.key;
  };

  private async _saveEdit(code: string) {
    const text = this._editText ?? '';
    const units = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(units) || units < 0 || units > MAX_ORDER_UNITS) {
      this._editError = true;
      return;
    }
    if (await this._setUnits(code, units, true)) this._editText = undefined;
  }

  /** Change one line and save the draft at once; false when it could not be saved (nothing changed then). */
  private async _setUnits(code: string, units: number, ownerEdited: boolean): Promise<boolean> {
    if (this._saving) return false;
    const rows = this._rows.map((r) => {
      if (r.product.code !== code) return r;
      const kept = ownerEdited ? units : r.suggestion.units;
      return { ...r, line: { ...r.line, units: kept, packs: kept * orderUnitOf(r.product), ownerEdited } };
    });
    this._saving = true;
    try {
      await saveOrderDraft(draftLines(rows));
      this._rows = rows;
      this._placed = undefined;
      return true;
    } catch (error) {
      console.error('order screen: saving the draft failed', error);
      this._notice = { tone: 'error', text: msg('改的数量没有存上，订货单没有变。请再试一次；还不行请重启终端。') };
      return false;
    } finally {
      this._saving = false;
    }
  }

  private _place = async () => {
    if (this._placing || this._saving || this._placed) return;
    const lines = this._orderLines();
    if (lines.length === 0) return;
    if (!canDo('place-order') && !(await askForOwner('place-order'))) return;
    this._placing = true;
    this._editText = undefined;
    try {
      const draft = await saveOrderDraft(draftLines(this._rows));
      const placed = await placeOrder(draft.id);
      this._notice = {
        tone: 'info',
        text: msg(str`已下单：${placed.lines.reduce((s, l) => s + l.units, 0)} 条/件，${formatCents(placed.totalCents, formattingLocale())}。到货入库前，这些货算作“在途”。`),
      };
      await this.reload();
      this._placed = placed;
      this.dispatchEvent(new KioskOrderPlacedEvent(placed));
    } catch (error) {
      console.error('order screen: placing failed', error);
      this._notice = { tone: 'error', text: msg('下单没有记上，订货单还在。请再点一次“已下单”；还不行请重启终端。') };
    } finally {
      this._placing = false;
    }
  };

  private _export = () => {
    const lines = this._orderLines();
    if (lines.length === 0) return;
    try {
      const text = orderCsv({ lines, totalCents: orderTotalCents(lines) });
      const name = msg(str`订货单-${this.orderDay}.csv`);
      downloadTextFile(this.renderRoot, name, text);
      this._notice = { tone: 'info', text: msg(str`已导出「${name}」，在浏览器的下载文件夹里。`) };
    } catch (error) {
      console.error('order screen: export failed', error);
      this._notice = { tone: 'error', text: msg('导出时出错。请再试一次；如果还不行，请重启终端。') };
    }
  };

  private _saveSettings = async (e: KioskOrderSettingsSaveEvent) => {
    if (this._saving || (!canDo('settings') && !(await askForOwner('settings')))) return;
    this._saving = true;
    try {
      this._settings = await putReorderSettings(e.settings);
      this._notice = { tone: 'info', text: msg('设置已保存，订货建议已按新设置重新计算。') };
      this._placed = undefined;
      await this.reload();
    } catch (error) {
      console.error('order screen: saving settings failed', error);
      this._notice = { tone: 'error', text: msg('设置没有存上，还是原来的设置。请检查后再保存。') };
    } finally {
      this._saving = false;
    }
  };

  private _saveQuota = async (e: KioskQuotaSaveEvent) => {
    if (this._saving || (!canDo('settings') && !(await askForOwner('settings')))) return;
    this._saving = true;
    try {
      await putQuota(e.quota);
      this._quotas = await getQuotas();
      this._notice = { tone: 'info', text: msg('配额已保存。') };
      this._placed = undefined;
      await this.reload();
    } catch (error) {
      console.error('order screen: saving a quota failed', error);
      this._notice = { tone: 'error', text: msg('配额没有存上。请检查后再保存。') };
    } finally {
      this._saving = false;
    }
  };

  private _deleteQuota = async (e: KioskQuotaDeleteEvent) => {
    if (this._saving || (!canDo('settings') && !(await askForOwner('settings')))) return;
    this._saving = true;
    try {
      await deleteQuota(e.code);
      this._placed = undefined;
      await this.reload();
    } catch (error) {
      console.error('order screen: deleting a quota failed', error);
      this._notice = { tone: 'error', text: msg('配额没有删掉。请再试一次。') };
    } finally {
      this._saving = false;
    }
  };
}

/** What the draft keeps: every line to order and every line the owner set (a 0 of theirs too). */
function draftLines(rows: readonly Row[]): OrderLine[] {
  return rows.filter((r) => r.line.units > 0 || r.line.ownerEdited).map((r) => r.line);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-order-screen': KioskOrderScreen;
  }
  interface HTMLElementEventMap {
    'kiosk-order-placed': KioskOrderPlacedEvent;
  }
}

