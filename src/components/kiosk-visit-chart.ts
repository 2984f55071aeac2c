/**
 * The rep's charts (issue 12, uPlot through UplotChart): a few series over
 * labelled points — sales by day beside last year's, each stocktake's error
 * rate against the 10% line, the evaluation's total by quarter. The x axis is
 * the points' order; `labels` name them.
 */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import uPlot from 'uplot';
import { UplotChart } from './uplot-chart.ts';

export interface VisitChartSeries {
  label: string;
  /** One per label; null: no value there (a gap). */
  values: (number | null)[];
  kind: 'line' | 'bars' | 'dashed';
  /** A CSS custom property to colour it, with its fallback. */
  colour: [name: string, fallback: string];
}

@customElement('kiosk-visit-chart')
export class KioskVisitChart extends UplotChart {
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) series: VisitChartSeries[] = [];
  /** Shown when there are no points. */
  @property() empty = '';
  /** What the chart shows, for a screen reader. */
  @property() label = '';
  /** Smallest top of the y axis (e.g. 15 for a 10% line to show). */
  @property({ type: Number }) yMin = 1;

  override render() {
    return html`<div class="plot" role="img" aria-label=${this.label}></div>
      ${this.labels.length === 0 ? html`<div class="empty">${this.empty}</div>` : ''}`;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    if (this.labels.length === 0) return undefined;
    return [this.labels.map((_, i) => i), ...this.series.map((s) => s.values)] as uPlot.AlignedData;
  }

  protected chartOptions(width: number, colour: (name: string, fallback: string) => string): uPlot.Options {
    const labels = this.labels;
    const yMin = this.yMin;
    return {
      width,
      height: this.height,
      legend: { show: this.series.length > 1 },
      cursor: { show: false },
      scales: {
        x: { time: false, range: (_u, min, max) => [min - 0.6, max + 0.6] },
        y: { range: (_u, _min, max) => [0, Math.max(yMin, (max ?? 0) * 1.1)] },
      },
      axes: [
        {
          font: '14px sans-serif',
          stroke: '#475569',
          values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? (labels[v] ?? '') : '')),
        },
        { font: '14px sans-serif', stroke: '#475569', size: 60 },
      ],
      series: [
        {},
        ...this.series.map((s): uPlot.Series => {
          const c = colour(s.colour[0], s.colour[1]);
          if (s.kind === 'bars')
            return {
              label: s.label,
              stroke: c,
              fill: c,
              width: 0,
              paths: uPlot.paths.bars?.({ size: [0.7, 40] }),
              points: { show: false },
            };
          return {
            label: s.label,
            stroke: c,
            width: 2,
            dash: s.kind === 'dashed' ? [6, 4] : undefined,
            points: { show: labels.length < 20 },
            spanGaps: false,
          } as uPlot.Series;
        }),
      ],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-chart': KioskVisitChart;
  }
}
