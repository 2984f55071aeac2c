/** Pieces every collector page draws the same way: its error line, its loading line, a data table. */
import { html, nothing, type TemplateResult } from 'lit';

/** The page's refusal or failure, read aloud by screen readers; nothing when there is none. */
export const errorLine = (error: string) => (error ? html`<div class="error" role="alert">${error}</div>` : nothing);

/** Until the page's data has come: its error if loading failed, else the loading line. */
export const loadingOr = (error: string) => (error ? errorLine(error) : html`<p class="muted">载入中… Loading…</p>`);

/**
 * A table of `rows` under `headers` (Chinese then English), each row drawn by `row` as its `<tr>`;
 * with `empty`, the muted line said instead of a table without rows.
 */
export function dataTable<T>(
  className: string,
  headers: readonly (string | TemplateResult)[],
  rows: readonly T[],
  row: (r: T) => TemplateResult,
  empty?: string,
): TemplateResult {
  if (rows.length === 0 && empty !== undefined) return html`<p class="muted">${empty}</p>`;
  return html`<table class=${className}>
    <thead>
      <tr>
        ${headers.map((h) => html`<th>${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(row)}
    </tbody>
  </table>`;
}
