/**
 * Weekly sales with the forecast after them, drawn with uPlot (small and fast
 * enough for the Pi: one canvas, no DOM per point).
 *
 * The element owns its uPlot instance: made when it is connected and has data,
 * resized with the element, destroyed when it is removed. Sales are a solid
 * line, the forecast a dashed one starting at the last week of sales, so the
 * two read as one story.
 */
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import uPlot from 'uplot';
import { kioskBase } from '../styles.ts';
import { uplotStyles } from './uplot-chart.ts';

export interface SalesChartData {
  /** First day ('YYYY-MM-DD') of each week, oldest first: the sales weeks then the forecast weeks. */
  weeks: string[];
  /** Packs sold per week; null for the forecast weeks. */
  sold: (number | null)[];
  /** Packs forecast per week; null for the past weeks (except the last, where the line starts). */
  forecast: (number | null)[];
}

function unixSeconds(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 1000;
}

@customElement('kiosk-sales-chart')
@localized()
export class KioskSalesChart extends LitElement {
  @property({ attribute: false }) data?: SalesChartData;
  /** Drawing height in px. */
  @property({ type: Number }) height = 220;

  @query('.plot') private _plotHost?: HTMLDivElement;

  private _plot?: uPlot | undefined;
  private _resize?: ResizeObserver | undefined;

  static override styles = [
    kioskBase,
    uplotStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .plot {
        width: 100%;
        min-height: 40px;
      }
      .empty {
        padding: 24px 0;
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-small);
      }
      .key {
        display: flex;
        gap: 16px;
        font-size: 16px;
        color: var(--kiosk-text-muted);
      }
      .key span::before {
        content: '';
        display: inline-block;
        width: 22px;
        margin-right: 6px;
        vertical-align: middle;
        border-top: 3px solid var(--kiosk-mode-order);
      }
      .key .forecast::before {
        border-top: 3px dashed var(--kiosk-warn-mark);
      }
      /* uPlot's stylesheet comes from uplotStyles; this chart also shows the cursor and a selection. */
      .u-select {
        background: rgba(0, 0, 0, 0.07);
      }
      .u-cursor-x,
      .u-cursor-y {
        display: block;
        position: absolute;
        left: 0;
        top: 0;
        pointer-events: none;
      }
      .u-hz .u-cursor-x {
        height: 100%;
        border-right: 1px dashed #607d8b;
      }
      .u-hz .u-cursor-y {
        width: 100%;
        border-bottom: 1px dashed #607d8b;
      }
      .u-cursor-pt {
        display: block;
        position: absolute;
        top: 0;
        left: 0;
        border-radius: 50%;
        border: 0 solid;
        pointer-events: none;
        background-clip: padding-box !important;
      }
      .u-axis.u-off,
      .u-select.u-off,
      .u-cursor-x.u-off,
      .u-cursor-y.u-off,
      .u-cursor-pt.u-off {
        display: none;
      }
    `,
  ];

  /** The uPlot instance, while one is drawn (tests read its data). */
  get plot(): uPlot | undefined {
    return this._plot;
  }

  override render() {
    const has = (this.data?.weeks.length ?? 0) > 0;
    return html`<div class="key" aria-hidden="true">
        <span class="sold">${msg('每周销量')}</span><span class="forecast">${msg('预测')}</span>
      </div>
      <div class="plot" role="img" aria-label=${msg('近 12 个月每周销量和预测')}></div>
      ${has ? '' : html`<div class="empty">${msg('还没有销售记录，画不出图。')}</div>`}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._resize = new ResizeObserver(() => this._fit());
    this._resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize?.disconnect();
    this._resize = undefined;
    this._plot?.destroy();
    this._plot = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('data') || changed.has('height') || !this._plot) this._draw();
  }

  private _width(): number {
    return Math.max(240, Math.floor(this._plotHost?.clientWidth || this.clientWidth || 480));
  }

  private _draw() {
    const host = this._plotHost;
    this._plot?.destroy();
    this._plot = undefined;
    const data = this.data;
    if (!host || !data || data.weeks.length === 0) return;
    const aligned: uPlot.AlignedData = [data.weeks.map(unixSeconds), data.sold, data.forecast];
    const style = getComputedStyle(this);
    const soldColour = style.getPropertyValue('--kiosk-mode-order').trim() || '#0e7490';
    const forecastColour = style.getPropertyValue('--kiosk-warn-mark').trim() || '#d97706';
    this._plot = new uPlot(
      {
        width: this._width(),
        height: this.height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { font: '14px sans-serif', stroke: '#475569' },
          { font: '14px sans-serif', stroke: '#475569', size: 48 },
        ],
        series: [
          {},
          { label: msg('每周销量'), stroke: soldColour, width: 3, spanGaps: false },
          { label: msg('预测'), stroke: forecastColour, width: 3, dash: [8, 6], spanGaps: false },
        ],
      },
      aligned,
      host,
    );
  }

  private _fit() {
    if (this._plot) this._plot.setSize({ width: this._width(), height: this.height });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-sales-chart': KioskSalesChart;
  }
}
