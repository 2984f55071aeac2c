/**
 * A row of figure tiles (<kiosk-report-figure>): the business report's
 * headline figures, the customers' feedback, the review since the last visit.
 * The tiles flow into as many columns as fit; an element that shows a row adds
 * reportFiguresStyles to its styles (and may set the row's margin).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { KioskReportFigure } from './kiosk-report-figure.ts';
import './kiosk-report-figure.ts';

/** One tile: which figure it is (data-figure, for tests and print) and what it shows. */
export interface ReportFigure {
  figure: string;
  label: string;
  value: string;
  note?: string;
  tone?: KioskReportFigure['tone'];
}

export function reportFigures(figures: readonly ReportFigure[]): TemplateResult {
  return html`<div class="figures">
    ${figures.map(
      (f) =>
        html`<kiosk-report-figure
          data-figure=${f.figure}
          label=${f.label}
          value=${f.value}
          note=${f.note ?? nothing}
          tone=${f.tone ?? nothing}
        ></kiosk-report-figure>`,
    )}
  </div>`;
}

export const reportFiguresStyles = css`
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
    gap: 8px;
    margin: 0 0 8px;
  }
`;
