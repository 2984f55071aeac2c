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
import { LitElement, html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { Scan } from '../domain/scan-protocol.ts';
import { formatCents, localDay } from '../domain/product.ts';
import { orderUnitsText } from '../wording/reorder-text.ts';
import type { Quota, ReorderProduct } from '../domain/reorder/engine.ts';
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
import { orderCsv } from '../domain/order-csv.ts';
import { suggestOrdersInWorker } from '../workers/reorder-client.ts';
import { getOrderDraft, orderTotalCents, placeOrder, saveOrderDraft, type Order, type OrderLine } from '../data/orders.ts';
import { lookupBarcode } from '../data/barcodes.ts';
import { formattingLocale } from '../localization.ts';
import type { KioskOrderSettingsSaveEvent, KioskQuotaDeleteEvent, KioskQuotaSaveEvent } from '../components/kiosk-order-settings.ts';
import type { KioskOrderLineSelectEvent } from '../components/kiosk-order-lines.ts';
import { draftLines, orderRows, orderUnitOf, type OrderRow } from '../domain/reorder/order-rows.ts';
import '../components/kiosk-order-lines.ts';
import '../components/kiosk-order-line-detail.ts';
import '../components/kiosk-order-insights.ts';
import '../components/kiosk-order-printout.ts';
import '../components/kiosk-order-settings.ts';
import '../components/kiosk-monthly-supply.ts';
import { getPriceBands } from '../data/report.ts';
import { monthForecastSettings, monthlyAgreement, monthProducts, nextMonth, type MonthlyAgreement } from '../domain/monthly-supply.ts';
import { dismissibleBanner } from '../components/kiosk-banner.ts';
import { kioskEvent } from '../components/kiosk-event.ts';
import { taskShown } from '../components/task-shown.ts';
import { orderScreenStyles } from './order-screen-styles.ts';

type Panel = 'list' | 'settings' | 'insights' | 'month';

export class KioskOrderPlacedEvent extends kioskEvent<Order>()('kiosk-order-placed') {}

@customElement('kiosk-order-screen')
@localized()
export class KioskOrderScreen extends LitElement {
  /** The day the order is made on ('YYYY-MM-DD'); the local day today when not set. */
  @property() today?: string;
  /** How the printable page is printed (tests replace it). */
  @property({ attribute: false }) printPage: () => void = () => window.print();

  @state() private _rows: OrderRow[] = [];
  @state() private _error?: string | undefined;
  @state() private _notice?: { tone: 'info' | 'warn' | 'error'; text: string } | undefined;
  @state() private _selected?: string | undefined;
  @state() private _panel: Panel = 'list';
  @state() private _settings?: ReorderSettingsRecord;
  @state() private _quotas: Quota[] = [];
  @state() private _placing = false;
  @state() private _saving = false;
  /** The order just placed: the button shows it until something changes. */
  @state() private _placed?: Order | undefined;

  private _inputs: ReorderProduct[] = [];
  @state() private _loadMonth?: () => Promise<MonthlyAgreement>;
  /** One more on every "重新计算" or change of settings: the suggestions are computed again. */
  @state() private _reloads = 0;
  /** The suggestions for the order day; a computation overtaken by a newer one is dropped. */
  private _suggestions = new Task(this, {
    task: ([day]) => loadOrder(day),
    args: () => [this.orderDay, this._reloads] as const,
    onComplete: ({ inputs, rows, settings, quotas }) => {
      // A new loader with each load (reload, new settings): the agreement is computed again then, not on every render.
      const day = this.orderDay;
      this._loadMonth = () => loadMonthlyAgreement(day, inputs, settings, quotas);
      this._inputs = inputs;
      this._rows = rows;
      this._settings = settings;
      this._quotas = quotas;
      this._error = undefined;
    },
    onError: (error) => {
      console.error('order screen: loading failed', error);
      this._error = msg('读取销售记录或计算订货建议时出错。什么都没有改动；请点“重新计算”再试，还不行请重启终端。');
    },
  });

  static override styles = orderScreenStyles;

  /** The day the order is for. */
  get orderDay(): string {
    return this.today ?? localDay(Date.now());
  }

  /** Resolves when the suggestions shown are loaded (tests, and after a save). */
  loaded(): Promise<void> {
    return taskShown(this, this._suggestions);
  }

  /** Read history, settings and the draft again and recompute the suggestions. */
  reload(): Promise<void> {
    this._reloads++;
    return this.loaded();
  }

  /** A scan jumps to that product's line (nothing is recorded in this mode). */
  async showScan(scan: Scan): Promise<void> {
    const match = await lookupBarcode(scan.code);
    await this.loaded();
    const code = match?.product.code;
    if (!code || !this._rows.some((r) => r.product.code === code)) {
      this._notice = { tone: 'warn', text: msg('扫到的商品不在店里的商品目录里，没有它的订货建议。请先在“商品”里登记。') };
      return;
    }
    this._notice = undefined;
    this._panel = 'list';
    this._select(code);
    await this.updateComplete;
    await this.renderRoot.querySelector('kiosk-order-lines')?.reveal(code);
  }

  private get _loadingSuggestions(): boolean {
    return this._suggestions.status === TaskStatus.PENDING || this._suggestions.status === TaskStatus.INITIAL;
  }

  override render() {
    return html`
      ${this._notice ? dismissibleBanner(this._notice.tone, 'notice', () => (this._notice = undefined), this._notice.text) : nothing}
      ${this._error ? html`<kiosk-banner tone="error" data-kind="error">${this._error}</kiosk-banner>` : nothing}
      ${this._renderToolbar()}
      ${
        this._panel === 'settings'
          ? this._renderSettings()
          : this._panel === 'insights'
            ? this._renderInsights()
            : this._panel === 'month'
              ? this._renderMonth()
              : this._renderList()
      }
      ${this._panel === 'month' ? nothing : this._renderPrintable()}
    `;
  }

  private _orderLines(): OrderLine[] {
    return this._rows.filter((r) => r.line.units > 0).map((r) => r.line);
  }

  private _renderToolbar() {
    const lines = this._orderLines();
    const busy = this._placing || this._saving || this._loadingSuggestions;
    return html`<div class="toolbar">
      <button type="button" name="panel-list" aria-pressed=${this._panel === 'list' ? 'true' : 'false'} @click=${() => (this._panel = 'list')}>${msg('订货单')}</button>
      <button type="button" name="panel-insights" aria-pressed=${this._panel === 'insights' ? 'true' : 'false'} @click=${() => (this._panel = 'insights')}>
        ${msg('滞销 / 二八')}
      </button>
      <button type="button" name="panel-month" aria-pressed=${this._panel === 'month' ? 'true' : 'false'} @click=${() => (this._panel = 'month')}>
        ${msg('月度约定')}
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
    if (this._loadingSuggestions && this._rows.length === 0)
      return html`<div class="full" data-state="loading">${msg('正在按销量计算订货建议…')}</div>`;
    if (this._rows.length === 0)
      return html`<div class="full" data-state="empty">${msg('还没有商品。请先在“商品”里登记或导入商品目录。')}</div>`;
    const lines = this._orderLines();
    const units = lines.reduce((s, l) => s + l.units, 0);
    const cost = orderTotalCents(lines);
    const budget = this._settings?.budgetCents;
    const selected = this._rows.find((r) => r.product.code === this._selected);
    return html`<div class="body">
        <kiosk-order-lines .rows=${this._rows} .selected=${this._selected} @kiosk-order-line-select=${(e: KioskOrderLineSelectEvent) => this._select(e.detail)}></kiosk-order-lines>
        ${
          selected
            ? html`<div class="side" data-panel="detail">
              <kiosk-order-line-detail
                .row=${selected}
                today=${this.orderDay}
                ?busy=${this._saving || this._placing}
                .setUnits=${this._setUnits}
                @kiosk-order-detail-close=${() => (this._selected = undefined)}
              ></kiosk-order-line-detail>
            </div>`
            : nothing
        }
      </div>
      <div class="totals" data-panel="totals">
        <span>${msg('合计')} <strong data-total-units=${units}>${orderUnitsText(units)}</strong></span>
        <span>${msg('进货金额')} <strong data-total-cents=${cost}>${formatCents(cost, formattingLocale())}</strong></span>
        ${budget !== undefined ? html`<span>${msg(str`预算 ${formatCents(budget, formattingLocale())}`)}</span>` : nothing}
        ${lines.some((l) => l.unitCostCents === 0) ? html`<span class="chip">${msg('有商品没填进价，金额不全')}</span>` : nothing}
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
    return html`<div class="full" data-panel="insights"><kiosk-order-insights .products=${this._inputs}></kiosk-order-insights></div>`;
  }

  private _renderMonth() {
    return html`<div class="full" data-panel="month">
      <kiosk-monthly-supply .load=${this._loadMonth} .printPage=${this.printPage}></kiosk-monthly-supply>
    </div>`;
  }

  /** The printed order: hidden on screen, the only thing on paper. */
  private _renderPrintable() {
    return html`<kiosk-order-printout
      data-print
      .lines=${this._orderLines()}
      .orderUnits=${new Map(this._rows.map((r) => [r.product.code, orderUnitOf(r.product)]))}
      day=${this.orderDay}
    ></kiosk-order-printout>`;
  }

  private _select(code: string) {
    this._selected = code;
  }

  /** Change one line and save the draft at once; false when it could not be saved (nothing changed then). */
  private _setUnits = async (code: string, units: number, ownerEdited: boolean): Promise<boolean> => {
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
  };

  private _place = async () => {
    if (this._placing || this._saving || this._placed) return;
    const lines = this._orderLines();
    if (lines.length === 0) return;
    if (!canDo('place-order') && !(await askForOwner('place-order'))) return;
    this._placing = true;
    try {
      const draft = await saveOrderDraft(draftLines(this._rows));
      const placed = await placeOrder(draft.id);
      this._notice = {
        tone: 'info',
        text: msg(
          str`已下单：${orderUnitsText(placed.lines.reduce((s, l) => s + l.units, 0))}，${formatCents(placed.totalCents, formattingLocale())}。到货入库前，这些货算作“在途”。`,
        ),
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

  private _saveSettings = (e: KioskOrderSettingsSaveEvent) =>
    this._changeSettings({
      change: async () => {
        this._settings = await putReorderSettings(e.detail);
      },
      done: msg('设置已保存，订货建议已按新设置重新计算。'),
      failed: msg('设置没有存上，还是原来的设置。请检查后再保存。'),
      logged: 'saving settings',
    });

  private _saveQuota = (e: KioskQuotaSaveEvent) =>
    this._changeSettings({
      change: async () => {
        await putQuota(e.detail);
        this._quotas = await getQuotas();
      },
      done: msg('配额已保存。'),
      failed: msg('配额没有存上。请检查后再保存。'),
      logged: 'saving a quota',
    });

  private _deleteQuota = (e: KioskQuotaDeleteEvent) =>
    this._changeSettings({
      change: () => deleteQuota(e.detail),
      failed: msg('配额没有删掉。请再试一次。'),
      logged: 'deleting a quota',
    });

  /**
   * A change to the owner's settings or quotas: the owner's PIN if nobody
   * allowed is signed in, one change at a time, then the suggestions worked
   * out again (a placed order's confirmation no longer stands for them).
   */
  private async _changeSettings(how: { change: () => Promise<void>; done?: string; failed: string; logged: string }) {
    if (this._saving || (!canDo('settings') && !(await askForOwner('settings')))) return;
    this._saving = true;
    try {
      await how.change();
      if (how.done !== undefined) this._notice = { tone: 'info', text: how.done };
      this._placed = undefined;
      await this.reload();
    } catch (error) {
      console.error(`order screen: ${how.logged} failed`, error);
      this._notice = { tone: 'error', text: how.failed };
    } finally {
      this._saving = false;
    }
  }
}

/** The coming month's agreement: the engine's forecast to the month's end (in its worker), by category, band and quota. */
async function loadMonthlyAgreement(
  day: string,
  inputs: ReorderProduct[],
  settings: ReorderSettingsRecord,
  quotas: Quota[],
): Promise<MonthlyAgreement> {
  const month = nextMonth(day);
  const [suggestions, bands] = await Promise.all([suggestOrdersInWorker(inputs, monthForecastSettings(day, month)), getPriceBands()]);
  return monthlyAgreement({
    month,
    businessFormat: settings.businessFormat,
    volumeBand: settings.volumeBand,
    products: monthProducts(inputs, suggestions, day, month),
    quotas,
    bands,
  });
}

/** Everything the order screen shows for one day: history, settings, the draft, and the engine's suggestions. */
async function loadOrder(day: string) {
  const [inputs, engineSettings, settings, draft] = await Promise.all([
    getReorderInputs(day),
    getEngineSettings(day),
    getReorderSettings(),
    getOrderDraft(),
  ]);
  // in the reorder worker: the counter keeps scanning while the engine works
  const suggestions = await suggestOrdersInWorker(inputs, engineSettings);
  return { inputs, rows: orderRows(inputs, suggestions, draft), settings, quotas: engineSettings.quotas ?? [] };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-order-screen': KioskOrderScreen;
  }
  interface HTMLElementEventMap {
    'kiosk-order-placed': KioskOrderPlacedEvent;
  }
}
