/**
 * The hour-of-day heat strip (uPlot): 24 cells, the darker the more money the
 * shop took in that hour over the period. Drawn in uPlot's draw hook over its
 * hour axis, so the strip lines up with the hours under it.
 */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type uPlot from 'uplot';
import { UplotChart, stillChart } from './uplot-chart.ts';

@customElement('kiosk-report-hour-strip')
@localized()
export class KioskReportHourStrip extends UplotChart {
  /** 24 values, hour 0 to 23 (sales in cents). */
  @property({ attribute: false }) values: number[] = [];

  override height = 90;

  override render() {
    return html`<div class="plot" role="img" aria-label=${msg('各小时销售额热度')}></div>`;
  }

  protected chartData(): uPlot.AlignedData | undefined {
    if (this.values.length !== 24) return undefined;
    return [this.values.map((_v, hour) => hour), this.values];
  }

  protected chartOptions(width: number, colour: (name: string, fallback: string) => string): uPlot.Options {
    const hot = colour('--kiosk-mode-report', '#9f1239');
    const values = this.values;
    const max = Math.max(1, ...values);
    return {
      ...stillChart(width, this.height),
      scales: { x: { time: false, range: [-0.5, 23.5] }, y: { range: [0, 1] } },
      axes: [
        {
          font: '14px sans-serif',
          stroke: '#475569',
          splits: () => [0, 3, 6, 9, 12, 15, 18, 21],
          values: (_u, splits) => splits.map((h) => `${h}:00`),
        },
        { show: false },
      ],
      series: [{}, { paths: () => null, points: { show: false } }],
      hooks: {
        draw: [
          (u: uPlot) => {
            const ctx = u.ctx;
            const top = u.bbox.top;
            const height = u.bbox.height;
            ctx.save();
            values.forEach((v, hour) => {
              const left = u.valToPos(hour - 0.5, 'x', true);
              const right = u.valToPos(hour + 0.5, 'x', true);
              ctx.globalAlpha = v > 0 ? 0.12 + 0.88 * (v / max) : 0.04;
              ctx.fillStyle = v > 0 ? hot : '#64748b';
              ctx.fillRect(left + 1, top, right - left - 2, height);
            });
            ctx.restore();
          },
        ],
      },
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-report-hour-strip': KioskReportHourStrip;
  }
}
