/**
 * What every uPlot chart element of the report shares: uPlot's stylesheet
 * (the rules used, inside the shadow root), one instance made when connected
 * with data, redrawn on resize, destroyed when removed. Not an element itself:
 * kiosk-report-day-chart, kiosk-report-hour-strip, kiosk-report-bars and
 * kiosk-sales-chart extend it.
 */
import { LitElement, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import uPlot from 'uplot';
import { kioskBase } from '../styles.ts';

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
