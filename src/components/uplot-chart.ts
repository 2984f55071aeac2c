/**
 * What every uPlot chart element of the report shares: uPlot's stylesheet
 * (the rules used, inside the shadow root), one instance made when connected
 * with data, redrawn on resize, destroyed when removed. Not an element itself:
 * kiosk-report-day-chart, kiosk-report-hour-strip, kiosk-report-bars and
 * kiosk-sales-chart extend it.
 */
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import uPlot from 'uplot';
import { hostBlock, kioskBase } from '../styles.ts';

export const uplotStyles = css`
  .uplot,
  .uplot * {
    box-sizing: border-box;
  }
  .uplot {
    font-family: var(--kiosk-font-family);
    line-height: 1.5;
    width: min-content;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under {
    position: absolute;
  }
  .u-under {
    overflow: hidden;
  }
  .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-axis {
    position: absolute;
  }
  .u-select {
    position: absolute;
    pointer-events: none;
  }
  .u-cursor-x,
  .u-cursor-y,
  .u-cursor-pt {
    display: none;
  }
`;

/**
 * The key above a chart of two lines (sales and forecast, this year and last):
 * the first line solid, the second dashed, in the colours the element sets as
 * --_solid and --_dashed on .key.
 */
export const lineKeyStyles = css`
  .key {
    display: flex;
    gap: 16px;
  }
  .key span::before {
    content: '';
    display: inline-block;
    width: 22px;
    margin-right: 6px;
    vertical-align: middle;
    border-top: 3px solid var(--_solid);
  }
  .key .dashed::before {
    border-top: 3px dashed var(--_dashed);
  }
`;

/** The key's words, for lineKeyStyles: hidden from screen readers (the plot's label says it). */
export const lineKey = (solid: string, dashed: string): TemplateResult =>
  html`<div class="key" aria-hidden="true"><span class="solid">${solid}</span><span class="dashed">${dashed}</span></div>`;

/**
 * What every chart here sets alike: its drawing size, no legend (the element's
 * key or labels say what is drawn) and no cursor (nothing is read by hovering).
 */
export const stillChart = (width: number, height: number) => ({ width, height, legend: { show: false }, cursor: { show: false } });

/** A y scale from 0 to a little over the highest value (`headroom` times it), and at least to 1 when all is 0. */
export const fromZero =
  (headroom = 1.1): uPlot.Range.Function =>
  (_u, _min, max) => [0, Math.max(1, max * headroom)];

/** A day (YYYY-MM-DD) as uPlot's x value: seconds since 1970 at that day's UTC midnight, so no time zone moves a bar. */
export function unixSeconds(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 1000;
}

export abstract class UplotChart extends LitElement {
  /** Drawing height in px. */
  @property({ type: Number }) height = 200;
  /** Narrowest drawing width in px, however narrow the element. */
  protected minWidth = 200;

  private _plot?: uPlot | undefined;
  private _resize?: ResizeObserver | undefined;
  private _lastWidth = 0;

  static override styles = [
    kioskBase,
    uplotStyles,
    hostBlock,
    css`
      :host {
        min-width: 0;
      }
      .plot {
        width: 100%;
        min-height: 40px;
      }
      .empty {
        padding: 16px 0;
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-small);
      }
    `,
  ];

  /** The uPlot instance while one is drawn (tests read its data). */
  get plot(): uPlot | undefined {
    return this._plot;
  }

  /** The chart's data in uPlot's columns, or undefined when there is nothing to draw. */
  protected abstract chartData(): uPlot.AlignedData | undefined;
  protected abstract chartOptions(width: number, colour: (name: string, fallback: string) => string): uPlot.Options;

  override connectedCallback(): void {
    super.connectedCallback();
    this._resize = new ResizeObserver(() => {
      const width = this._width();
      if (width !== this._lastWidth) this._draw();
    });
    this._resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize?.disconnect();
    this._resize = undefined;
    this._plot?.destroy();
    this._plot = undefined;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    this._draw();
  }

  private _host(): HTMLElement | null {
    return this.renderRoot.querySelector('.plot');
  }

  private _width(): number {
    return Math.max(this.minWidth, Math.floor(this._host()?.clientWidth || this.clientWidth || 480));
  }

  private _draw(): void {
    this._plot?.destroy();
    this._plot = undefined;
    const host = this._host();
    const data = this.chartData();
    if (!host || !data) return;
    const style = getComputedStyle(this);
    const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    this._lastWidth = this._width();
    this._plot = new uPlot(this.chartOptions(this._lastWidth, colour), data, host);
  }
}
