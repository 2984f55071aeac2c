/**
 * Weekly sales with the forecast after them, drawn with uPlot (small and fast
 * enough for the Pi: one canvas, no DOM per point).
 *
 * The uPlot instance's life (made with data, redrawn on resize, destroyed when
 * removed) is UplotChart's, as for the report's charts. Sales are a solid
 * line, the forecast a dashed one starting at the last week of sales, so the
 * two read as one story.
 */
import { html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import uPlot from 'uplot';
import { UplotChart, fromZero, lineKey, lineKeyStyles, stillChart, unixSeconds } from './uplot-chart.ts';
import type { WeeklySales } from '../domain/reorder/weekly-sales.ts';

@customElement('kiosk-sales-chart')
@localized()
export class KioskSalesChart extends UplotChart {
  @property({ attribute: false }) data?: WeeklySales;
  /** Drawing height in px. */
  @property({ type: Number }) override height = 220;
  protected override minWidth = 240;

  static override styles = [
    ...UplotChart.styles,
    lineKeyStyles,
    css`
      .empty {
        padding: 24px 0;
      }
      .key {
        font-size: 16px;
        color: var(--kiosk-text-muted);
        --_solid: var(--kiosk-mode-order);
        --_dashed: var(--kiosk-warn-mark);
      }
    `,
  ];

  override render() {
    const has = (this.data?.weeks.length ?? 0) > 0;
    return html`${lineKey(msg('每周销量'), msg('预测'))}
      <div class="plot" role="img" aria-label=${msg('近 12 个月每周销量和预测')}></div>
      ${has ? '' : html`<div class="empty">${msg('还没有销售记录，画不出图。')}</div>`}`;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    const data = this.data;
    if (!data || data.weeks.length === 0) return undefined;
    return [data.weeks.map(unixSeconds), data.sold, data.forecast];
  }

  protected chartOptions(width: number, colour: (name: string, fallback: string) => string): uPlot.Options {
    return {
      ...stillChart(width, this.height),
      scales: { x: { time: true }, y: { range: fromZero() } },
      axes: [
        { font: '14px sans-serif', stroke: '#475569' },
        { font: '14px sans-serif', stroke: '#475569', size: 48 },
      ],
      series: [
        {},
        { label: msg('每周销量'), stroke: colour('--kiosk-mode-order', '#0e7490'), width: 3, spanGaps: false },
        { label: msg('预测'), stroke: colour('--kiosk-warn-mark', '#d97706'), width: 3, dash: [8, 6], spanGaps: false },
      ],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-sales-chart': KioskSalesChart;
  }
}
