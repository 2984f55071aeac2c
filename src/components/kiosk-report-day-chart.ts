/** Sales by day as bars (uPlot): one bar per day of the report's period, in yuan. */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import uPlot from 'uplot';
import { UplotChart, fromZero, stillChart, unixSeconds } from './uplot-chart.ts';

@customElement('kiosk-report-day-chart')
@localized()
export class KioskReportDayChart extends UplotChart {
  /** 'YYYY-MM-DD', oldest first. */
  @property({ attribute: false }) days: string[] = [];
  /** Sales per day in cents, one per day. */
  @property({ attribute: false }) cents: number[] = [];

  override render() {
    return html`<div class="plot" role="img" aria-label=${msg('每日销售额')}></div>
      ${this.days.length === 0 ? html`<div class="empty">${msg('这段时间没有销售。')}</div>` : ''}`;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    if (this.days.length === 0) return undefined;
    return [this.days.map(unixSeconds), this.cents.map((c) => c / 100)];
  }

  protected chartOptions(width: number, colour: (name: string, fallback: string) => string): uPlot.Options {
    const bar = colour('--kiosk-mode-report', '#9f1239');
    return {
      ...stillChart(width, this.height),
      scales: { x: { time: true, utc: true } as uPlot.Scale, y: { range: fromZero() } },
      axes: [
        { font: '14px sans-serif', stroke: '#475569' },
        { font: '14px sans-serif', stroke: '#475569', size: 64 },
      ],
      series: [{}, { stroke: bar, fill: bar, width: 0, paths: uPlot.paths.bars?.({ size: [0.8, 48] }), points: { show: false } }],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-report-day-chart': KioskReportDayChart;
  }
}
