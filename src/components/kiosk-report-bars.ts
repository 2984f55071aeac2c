/** Bars with a name under each (uPlot): sales by category, or any few named amounts in cents. */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import uPlot from 'uplot';
import { UplotChart, fromZero, stillChart } from './uplot-chart.ts';

@customElement('kiosk-report-bars')
@localized()
export class KioskReportBars extends UplotChart {
  @property({ attribute: false }) labels: string[] = [];
  /** One amount in cents per label. */
  @property({ attribute: false }) cents: number[] = [];
  /** What the bars show, for screen readers. */
  @property() label = '';

  override render() {
    return html`<div class="plot" role="img" aria-label=${this.label}></div>
      ${this.labels.length === 0 ? html`<div class="empty">${msg('没有数据。')}</div>` : ''}`;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    if (this.labels.length === 0) return undefined;
    return [this.labels.map((_l, i) => i), this.cents.map((c) => c / 100)];
  }

  protected chartOptions(width: number, colour: (name: string, fallback: string) => string): uPlot.Options {
    const bar = colour('--kiosk-mode-report', '#9f1239');
    const labels = this.labels;
    return {
      ...stillChart(width, this.height),
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: fromZero() } },
      axes: [
        {
          font: '15px sans-serif',
          stroke: '#334155',
          splits: () => labels.map((_l, i) => i),
          values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
        },
        { font: '14px sans-serif', stroke: '#475569', size: 64 },
      ],
      series: [{}, { stroke: bar, fill: bar, width: 0, paths: uPlot.paths.bars?.({ size: [0.7, 80] }), points: { show: false } }],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-report-bars': KioskReportBars;
  }
}
