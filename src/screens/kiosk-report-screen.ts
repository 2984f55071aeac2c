/**
 * 经营报表: the owner's business report for a period — sales against the period
 * before and the same period last year, gross profit with its cost-price
 * coverage, 动销率 and the money in what did not sell, stock at cost with its
 * cover and turnover, structure by category, brand and price band, and how
 * long customers wait at each hour. Charts (uPlot), a CSV file and a printed
 * page. Loaded on first use (LAZY_SCREENS in kiosk-app.ts).
 *
 * Owner only: without canDo('view-report') the screen says so and loads
 * nothing; the data layer refuses too (loadReport throws NotAllowedError).
 * Scans in this mode are shown nowhere and write nothing.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { daysText } from '../wording/stock-text.ts';
import type { ReportData } from '../context.ts';
import { NotAllowedError } from '../domain/errors.ts';
import { formatCents, localDay } from '../domain/product.ts';
import { presetRange, type DayRange, type PeriodPreset } from '../domain/report/periods.ts';
import type { BandLine, BusinessReport, SalesFigures, StructureLine } from '../domain/report/report.ts';
import { reportCsv } from '../domain/report/report-csv.ts';
import { bandLimitsText, parseBandLimits } from '../domain/report/bands.ts';
import { reportData } from '../data/report-data.ts';
import { priceBandName } from '../wording/band-text.ts';
import { formattingLocale, getLocale } from '../localization.ts';
import { downloadTextFile } from '../components/download-file.ts';
import type { KioskReportPeriodChangeEvent } from '../components/kiosk-report-period.ts';
import type { FeedbackSummary } from '../domain/feedback.ts';
import '../components/kiosk-banner.ts';
import '../components/kiosk-feedback-summary.ts';
import '../components/kiosk-report-bars.ts';
import '../components/kiosk-report-day-chart.ts';
import { reportFigures } from '../components/report-figures.ts';
import '../components/kiosk-report-hour-strip.ts';
import '../components/kiosk-report-period.ts';
import '../components/kiosk-report-table.ts';
import { reportScreenStyles } from './report-screen-styles.ts';

type ScreenState = 'loading' | 'ready' | 'refused' | 'failed';

function percent(ratio: number | undefined): string {
  return ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

/** "+8.0%" / "−3.2%" of `now` against `before`; undefined when there is nothing to compare with. */
function change(now: number, before: number): number | undefined {
  return before > 0 ? (now - before) / before : undefined;
}

/**
 * One of the report's tables: `columns` are the headings, the first names the
 * line (商品, 时段, 品类…) and the others are figures; `kind` marks it for tests
 * and print; `limit` the lines shown before "more" (the table's own default).
 */
function figureTable(t: { kind?: string; caption?: string; columns: readonly string[]; rows: string[][]; limit?: number; empty?: string }) {
  const [first = '', ...figures] = t.columns;
  return html`<kiosk-report-table
    data-table=${t.kind ?? nothing}
    caption=${t.caption ?? nothing}
    .columns=${[{ label: first }, ...figures.map((label) => ({ label, numeric: true }))]}
    .rows=${t.rows}
    limit=${t.limit ?? nothing}
    empty=${t.empty ?? nothing}
  ></kiosk-report-table>`;
}

@customElement('kiosk-report-screen')
@localized()
export class KioskReportScreen extends LitElement {
  /** The shop's data (tests pass their own). */
  @property({ attribute: false }) data: ReportData = reportData;
  /** Wall-clock ms taken as now (tests); absent: Date.now() at each load. */
  @property({ attribute: false }) now?: number;
  /** The period shown first when the screen opens. */
  @property() period: PeriodPreset = 'today';

  @state() private _preset: PeriodPreset | undefined = 'today';
  @state() private _range: DayRange = presetRange('today', localDay(Date.now()));
  @state() private _state: ScreenState = 'loading';
  @state() private _report?: BusinessReport | undefined;
  /** The price-band editor: its two texts (元, comma-separated) while open, and what was wrong. */
  @state() private _bands?: { carton: string; pack: string; error?: 'invalid' | 'storage' | undefined } | undefined;
  @state() private _feedback?: FeedbackSummary | undefined;

  private _loading: Promise<void> = Promise.resolve();
  private _loadSeq = 0;

  static override styles = reportScreenStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    this._preset = this.period;
    this._range = presetRange(this.period, this._today());
    void this._load();
  }

  /** Resolves when the report shown is the one for the current period (tests, the bench). */
  settled(): Promise<void> {
    return this._loading.then(() => this.updateComplete).then(() => undefined);
  }

  /** The figures shown now, if any. */
  get report(): BusinessReport | undefined {
    return this._report;
  }

  /** The customers' feedback shown now, if any. */
  get feedback(): FeedbackSummary | undefined {
    return this._feedback;
  }

  /** The CSV file of the report shown. */
  csv(): string | undefined {
    const report = this._report;
    if (!report) return undefined;
    const names = new Map(report.structure.byBand.map((b) => [b.key, priceBandName(b)]));
    return reportCsv(report, (key) => names.get(key) ?? key);
  }

  private _today(): string {
    return localDay(this.now ?? Date.now());
  }

  /** Choose the period (as a tap on the period bar does) and load its report. */
  async showRange(range: DayRange, preset?: PeriodPreset): Promise<void> {
    this._range = range;
    this._preset = preset;
    await this._load();
  }

  private _load(): Promise<void> {
    const seq = ++this._loadSeq;
    const run = async () => {
      if (!this.data.canDo('view-report')) {
        this._state = 'refused';
        this._report = undefined;
        this._feedback = undefined;
        return;
      }
      this._state = 'loading';
      try {
        const [report, feedback] = await Promise.all([
          this.data.loadReport(this._range, this.now === undefined ? {} : { now: this.now }),
          this.data.loadFeedback(this._range),
        ]);
        // A newer period was chosen meanwhile: its load shows, not this one.
        if (seq !== this._loadSeq) return;
        this._report = report;
        this._feedback = feedback;
        this._state = 'ready';
      } catch (error) {
        if (seq !== this._loadSeq) return;
        this._report = undefined;
        this._feedback = undefined;
        this._state = error instanceof NotAllowedError ? 'refused' : 'failed';
        if (!(error instanceof NotAllowedError)) console.error('report: loading failed', error);
      }
    };
    this._loading = this._loading.then(run, run);
    return this._loading;
  }

  private _onPeriod = (e: KioskReportPeriodChangeEvent) => {
    void this.showRange(e.detail.range, e.detail.preset);
  };

  private _money(cents: number): string {
    return formatCents(Math.round(cents), formattingLocale(getLocale()));
  }

  private _exportCsv = () => {
    const text = this.csv();
    if (text === undefined) return;
    downloadTextFile(this.renderRoot, `经营报表-${this._range.from}-${this._range.to}.csv`, text);
  };

  private _askOwner = async () => {
    if (await this.data.askForOwner('view-report')) await this._load();
  };

  private _print = () => {
    window.print();
  };

  override render() {
    if (this._state === 'refused') {
      return html`<div class="refused" data-state="refused" role="alert">
        <p>${msg('经营报表只有店主能看。请店主输入 PIN。')}</p>
        <button type="button" name="sign-in" @click=${this._askOwner}>${msg('店主输入密码')}</button>
      </div>`;
    }
    return html`<div class="top">
        <h2>${msg('经营报表')}</h2>
        <div class="actions">
          <button type="button" data-action="csv" ?disabled=${!this._report} @click=${this._exportCsv}>${msg('导出 CSV')}</button>
          <button type="button" data-action="print" ?disabled=${!this._report} @click=${this._print}>${msg('打印')}</button>
        </div>
      </div>
      <kiosk-report-period
        .range=${this._range}
        .preset=${this._preset ?? ''}
        .rangeOf=${(p: PeriodPreset) => presetRange(p, this._today())}
        @kiosk-report-period-change=${this._onPeriod}
      ></kiosk-report-period>
      ${this._state === 'failed' ? html`<kiosk-banner tone="error">${msg('报表读取失败，请再试一次。')}</kiosk-banner>` : nothing}
      ${this._report ? this._body(this._report) : html`<p class="note" data-state="loading">${msg('正在计算…')}</p>`}`;
  }

  private _compare(
    now: SalesFigures,
    before: SalesFigures,
    field: 'salesCents' | 'sales' | 'packs',
    label: string,
  ): { note: string; tone: '' | 'up' | 'down' } {
    const c = change(now[field], before[field]);
    if (c === undefined) return { note: msg(str`${label}：无`), tone: '' };
    const sign = c >= 0 ? '+' : '−';
    return { note: `${label} ${sign}${Math.abs(c * 100).toFixed(1)}%`, tone: c >= 0 ? 'up' : 'down' };
  }

  private _body(r: BusinessReport) {
    const s = r.sales;
    const vsPrev = this._compare(s, s.previous, 'salesCents', msg('比上期'));
    const vsYear = this._compare(s, s.lastYear, 'salesCents', msg('比去年同期'));
    const countPrev = this._compare(s, s.previous, 'sales', msg('比上期'));
    const p = r.profit;
    const st = r.stock;
    const m = r.movement;
    const w = r.waiting;
    const seconds = (v: number | undefined) => (v === undefined ? '—' : msg(str`${v} 秒`));
    // The structure's three tables are one table over different lines: what names a line is the only difference.
    const structureTable = (kind: string, caption: string, heading: string, lines: StructureLine[], name: (l: StructureLine) => string) =>
      figureTable({
        kind,
        caption,
        columns: [heading, msg('销售额'), msg('销量(包)'), msg('毛利'), msg('毛利率')],
        rows: lines.map((l) => [name(l), this._money(l.salesCents), String(l.packs), this._money(l.grossProfitCents), percent(l.margin)]),
      });
    return html`<p class="period-line" data-range>${r.range.from} — ${r.range.to} · ${daysText(r.days)}</p>
      ${reportFigures([
        { figure: 'sales', label: msg('销售额'), value: this._money(s.salesCents), ...vsPrev },
        { figure: 'sales-last-year', label: msg('去年同期'), value: this._money(s.lastYear.salesCents), ...vsYear },
        { figure: 'count', label: msg('笔数'), value: String(s.sales), ...countPrev },
        {
          figure: 'average',
          label: msg('客单价'),
          value: s.averageSaleCents === undefined ? '—' : this._money(s.averageSaleCents),
          note: msg(str`上期 ${s.previous.averageSaleCents === undefined ? '—' : this._money(s.previous.averageSaleCents)}`),
        },
        { figure: 'packs', label: msg('销量(包)'), value: String(s.packs), note: msg(str`上期 ${s.previous.packs}`) },
        { figure: 'profit', label: msg('毛利'), value: this._money(p.grossProfitCents), note: msg(str`毛利率 ${percent(p.margin)}`) },
        {
          figure: 'coverage',
          label: msg('进价覆盖'),
          value: percent(p.coverage),
          note: msg(str`${p.uncosted.length} 种商品缺进价`),
          tone: p.coverage < 1 ? 'warn' : '',
        },
        { figure: 'movement', label: msg('动销率'), value: percent(m.rate), note: msg(str`${m.moved} / ${m.stocked} 种有销售`) },
        {
          figure: 'stock-cost',
          label: msg('库存金额(进价)'),
          value: this._money(st.atCostCents),
          note: msg(str`零售价 ${this._money(st.atRetailCents)}`),
          tone: st.uncostedProducts > 0 ? 'warn' : '',
        },
        {
          figure: 'cover',
          label: msg('周转天数'),
          value: st.daysOfCover === undefined ? '—' : st.daysOfCover.toFixed(1),
          note: msg(str`一年周转 ${st.turnsPerYear === undefined ? '—' : st.turnsPerYear.toFixed(1)} 次`),
        },
        {
          figure: 'wait',
          label: msg('等待中位 / 90%'),
          value: w.sales === 0 ? '—' : msg(str`${w.medianSeconds} / ${w.p90Seconds} 秒`),
          note: msg(str`${w.sales} 笔`),
        },
      ])}

      <div class="grid">
        <section data-section="by-day">
          <h3>${msg('每日销售额')}</h3>
          <kiosk-report-day-chart .days=${s.byDay.map((d) => d.day)} .cents=${s.byDay.map((d) => d.salesCents)}></kiosk-report-day-chart>
        </section>
        <section data-section="by-hour">
          <h3>${msg('各小时销售热度')}</h3>
          <kiosk-report-hour-strip .values=${s.byHour.map((h) => h.salesCents)}></kiosk-report-hour-strip>
          ${figureTable({
            columns: [msg('时段'), msg('笔数'), msg('销售额'), msg('等待中位'), msg('等待 90%')],
            rows: s.byHour
              .filter((h) => h.sales !== 0 || h.salesCents !== 0)
              .map((h) => {
                const wait = w.byHour[h.hour]!;
                return [`${h.hour}:00`, String(h.sales), this._money(h.salesCents), seconds(wait.medianSeconds), seconds(wait.p90Seconds)];
              }),
            limit: 6,
            empty: msg('这段时间没有销售。'),
          })}
        </section>
      </div>

      <section data-section="profit">
        <h3>${msg('毛利')}</h3>
        <p>
          ${msg(str`有进价的销售额 ${this._money(p.costedSalesCents)}，销售成本 ${this._money(p.costOfSalesCents)}，毛利 ${this._money(p.grossProfitCents)}（${percent(p.margin)}）。`)}
        </p>
        <p class="note">${msg(str`进价覆盖 ${percent(p.coverage)}：没有进价的商品不算毛利，也不当作零成本。`)}</p>
        ${figureTable({
          kind: 'uncosted',
          caption: msg('缺进价的商品'),
          columns: [msg('商品'), msg('销售额'), msg('销量(包)')],
          rows: p.uncosted.map((u) => [u.name, this._money(u.salesCents), String(u.packs)]),
          empty: msg('卖出的商品都有进价。'),
        })}
      </section>

      <div class="grid">
        <section data-section="movement">
          <h3>${msg('动销')}</h3>
          <p>${msg(str`动销率 ${percent(m.rate)}：有库存的 ${m.stocked} 种商品中 ${m.moved} 种至少卖出一次。`)}</p>
          <p class="note">
            ${msg(str`未动销商品占用资金（进价）${this._money(m.tiedUpCents)}`)}${m.tiedUpUncosted > 0 ? msg(str`，另有 ${m.tiedUpUncosted} 种没有进价`) : ''}
          </p>
          ${figureTable({
            kind: 'not-moved',
            caption: msg('没有卖出的商品'),
            columns: [msg('商品'), msg('库存'), msg('占用资金')],
            rows: m.notMoved.map((n) => [n.name, String(n.stock), n.costCents === undefined ? msg('无进价') : this._money(n.costCents)]),
            empty: msg('有库存的商品都卖出过。'),
          })}
        </section>
        <section data-section="stock">
          <h3>${msg('库存与成本')}</h3>
          <p>
            ${msg(str`库存金额：进价 ${this._money(st.atCostCents)}，零售价 ${this._money(st.atRetailCents)}；日均销售成本 ${this._money(st.averageDailyCostCents)}。`)}
          </p>
          ${st.uncostedProducts > 0 ? html`<p class="note">${msg(str`${st.uncostedProducts} 种有库存的商品没有进价，没有算进库存金额。`)}</p>` : nothing}
          ${figureTable({
            kind: 'stockouts',
            caption: msg('断货天数'),
            columns: [msg('商品'), msg('天数')],
            rows: st.stockouts.map((o) => [o.name, String(o.days)]),
            limit: 6,
            empty: msg('这段时间没有断货。'),
          })}
          ${figureTable({
            kind: 'negative',
            caption: msg('负库存商品'),
            columns: [msg('商品'), msg('库存')],
            rows: st.negative.map((n) => [n.name, String(n.stock)]),
            limit: 6,
            empty: msg('没有负库存。'),
          })}
        </section>
      </div>

      <section data-section="structure">
        <h3>${msg('结构')}</h3>
        <kiosk-report-bars
          label=${msg('各品类销售额')}
          .labels=${r.structure.byCategory.map((l) => l.key || msg('未分类'))}
          .cents=${r.structure.byCategory.map((l) => l.salesCents)}
        ></kiosk-report-bars>
        <div class="grid">
          ${structureTable('by-category', msg('按品类'), msg('品类'), r.structure.byCategory, (l) => l.key || msg('未分类'))}
          ${structureTable('by-band', msg('按价位'), msg('价位'), r.structure.byBand, (l) => priceBandName(l as BandLine))}
          ${this._renderBands()}
          ${structureTable('by-brand', msg('按品牌'), msg('品牌'), r.structure.byBrand, (l) => l.key || msg('无品牌'))}
        </div>
      </section>

      ${
        this._feedback
          ? html`<section data-section="feedback">
            <h3>${msg('顾客评价')}</h3>
            <kiosk-feedback-summary .summary=${this._feedback}></kiosk-feedback-summary>
          </section>`
          : nothing
      }`;
  }

  private _renderBands() {
    const b = this._bands;
    if (!b) {
      return html`<div class="bands">
        <div class="row"><button type="button" name="edit-bands" @click=${this._openBands}>${msg('设置价位段')}</button></div>
      </div>`;
    }
    return html`<div class="bands" data-form="bands">
      <label
        >${msg('卷烟按整条价，元（从小到大，用逗号隔开）')}
        <input name="carton-bands" inputmode="decimal" .value=${b.carton} @input=${(e: Event) => (this._bands = { ...b, carton: (e.target as HTMLInputElement).value, error: undefined })}
      /></label>
      <label
        >${msg('其他商品按单价，元')}
        <input name="pack-bands" inputmode="decimal" .value=${b.pack} @input=${(e: Event) => (this._bands = { ...b, pack: (e.target as HTMLInputElement).value, error: undefined })}
      /></label>
      ${
        b.error
          ? html`<div class="error" role="alert">
            ${b.error === 'invalid' ? msg('请输入从小到大的金额，用逗号隔开，例如 100, 200, 300') : msg('没有保存：存储出了问题，请再试一次。')}
          </div>`
          : nothing
      }
      <div class="row">
        <button type="button" name="cancel-bands" @click=${() => (this._bands = undefined)}>${msg('取消')}</button>
        <button type="button" class="primary" name="save-bands" @click=${this._saveBands}>${msg('保存价位段')}</button>
      </div>
    </div>`;
  }

  private _openBands = async () => {
    const bands = await this.data.getPriceBands();
    this._bands = { carton: bandLimitsText(bands.cartonLimitsCents), pack: bandLimitsText(bands.packLimitsCents) };
  };

  private _saveBands = async () => {
    const b = this._bands;
    if (!b) return;
    const carton = parseBandLimits(b.carton);
    const pack = parseBandLimits(b.pack);
    if (!carton || !pack) {
      this._bands = { ...b, error: 'invalid' };
      return;
    }
    // Bands are a setting: the owner's.
    if (!(await this.data.askForOwner('settings'))) return;
    try {
      await this.data.putPriceBands({ cartonLimitsCents: carton, packLimitsCents: pack });
    } catch (error) {
      console.error('report: saving the price bands failed', error);
      this._bands = { ...b, error: 'storage' };
      return;
    }
    this._bands = undefined;
    await this._load();
  };

  /** Scans in the report show nothing and write nothing. */
  showScan(): void {}
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-report-screen': KioskReportScreen;
  }
}
