/** A shop's weekly sales against the same weeks a year before (uPlot lines: this year solid, last year dashed). */
import { html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import uPlot from 'uplot';
import { UplotChart, fromZero, lineKey, lineKeyStyles, stillChart, unixSeconds } from '../../src/components/uplot-chart.ts';
import type { ShopPage } from './api.ts';

@customElement('fleet-sales-chart')
export class FleetSalesChart extends UplotChart {
  @property({ attribute: false }) weeks: ShopPage['weeks'] = [];
  @property({ type: Number }) override height = 240;

  static override styles = [
    ...UplotChart.styles,
    lineKeyStyles,
    css`
      .key {
        font-size: 0.85rem;
        color: #475569;
        --_solid: #0e7490;
        --_dashed: #94a3b8;
      }
    `,
  ];

  private get hasSales(): boolean {
    return this.weeks.some((w) => w.salesCents !== null || w.lastYearCents !== null);
  }

  override render() {
    return html`${lineKey('今年每周销售 Weekly sales', '去年同期 Same weeks last year')}
      <div class="plot" role="img" aria-label="每周销售与去年同期 Weekly sales against last year"></div>
      ${this.hasSales ? '' : html`<div class="empty">还没有销售数据 No sales received yet</div>`}`;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    if (!this.hasSales) return undefined;
    const yuanOf = (c: number | null) => (c === null ? null : c / 100);
    return [
      this.weeks.map((w) => unixSeconds(w.weekEnd)),
      this.weeks.map((w) => yuanOf(w.salesCents)),
      this.weeks.map((w) => yuanOf(w.lastYearCents)),
    ];
  }

  protected chartOptions(width: number): uPlot.Options {
    return {
      ...stillChart(width, this.height),
      scales: { x: { time: true }, y: { range: fromZero() } },
      axes: [{ font: '13px sans-serif' }, { font: '13px sans-serif', size: 64 }],
      series: [
        {},
        { label: '今年 This year', stroke: '#0e7490', width: 3, spanGaps: false },
        { label: '去年 Last year', stroke: '#94a3b8', width: 2, dash: [8, 6], spanGaps: false },
      ],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-sales-chart': FleetSalesChart;
  }
}
