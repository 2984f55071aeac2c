/** The quarter's grade distribution as bars (uPlot): how many shops are 优秀, 良好, 合格, 不合格. */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import uPlot from 'uplot';
import { UplotChart, fromZero, stillChart } from '../../src/components/uplot-chart.ts';

export const GRADE_LABELS: [string, string][] = [
  ['优秀', 'Excellent'],
  ['良好', 'Good'],
  ['合格', 'Pass'],
  ['不合格', 'Fail'],
];

@customElement('fleet-grade-chart')
export class FleetGradeChart extends UplotChart {
  /** Shops by grade name (优秀 …), as the overview counts them. */
  @property({ attribute: false }) counts: Record<string, number> = {};

  override render() {
    return html`<div
      class="plot"
      role="img"
      aria-label=${`等级分布 Grade distribution: ${GRADE_LABELS.map(([g]) => `${g} ${this.counts[g] ?? 0}`).join(', ')}`}
    ></div>`;
  }

  protected chartData(): uPlot.AlignedData {
    return [GRADE_LABELS.map((_g, i) => i), GRADE_LABELS.map(([g]) => this.counts[g] ?? 0)];
  }

  protected chartOptions(width: number): uPlot.Options {
    return {
      ...stillChart(width, this.height),
      scales: {
        x: { time: false, range: [-0.5, GRADE_LABELS.length - 0.5] },
        y: { range: fromZero(1.15) },
      },
      axes: [
        {
          font: '13px sans-serif',
          splits: () => GRADE_LABELS.map((_g, i) => i),
          values: (_u, splits) => splits.map((i) => GRADE_LABELS[i]?.join(' ') ?? ''),
        },
        { font: '13px sans-serif', size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      ],
      series: [
        {},
        {
          stroke: '#0e7490',
          width: 0,
          fill: '#0e7490',
          paths: uPlot.paths.bars?.({ size: [0.6, 90] }),
          points: { show: false },
        },
      ],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-grade-chart': FleetGradeChart;
  }
}
