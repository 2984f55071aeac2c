/**
 * A table of the report (products without a cost price, stockouts, structure…):
 * a caption, columns (numbers right-aligned), the first rows, and a big button
 * for the rest, so a long list never pushes the other sections off the screen.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase, hostBlock } from '../styles.ts';

export interface ReportColumn {
  label: string;
  numeric?: boolean;
}

@customElement('kiosk-report-table')
@localized()
export class KioskReportTable extends LitElement {
  @property() caption = '';
  @property({ attribute: false }) columns: ReportColumn[] = [];
  @property({ attribute: false }) rows: string[][] = [];
  /** Rows shown before "show all". */
  @property({ type: Number }) limit = 8;
  /** Shown instead of an empty table. */
  @property() empty = '';

  @state() private _all = false;

  static override styles = [
    kioskBase,
    hostBlock,
    css`
      :host {
        min-width: 0;
        /* A wide table scrolls inside its section instead of widening the page. */
        overflow-x: auto;
      }
      h3 {
        margin: 0 0 6px;
        font-size: 20px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 17px;
      }
      th,
      td {
        padding: 6px 8px;
        border-bottom: 1px solid var(--kiosk-border);
        text-align: left;
      }
      th {
        color: var(--kiosk-text-muted);
        font-weight: 600;
      }
      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .empty {
        color: var(--kiosk-text-muted);
        font-size: 17px;
      }
      button {
        margin-top: 6px;
        min-height: var(--kiosk-touch-min);
        font-size: 18px;
      }
      @media print {
        button {
          display: none;
        }
      }
    `,
  ];

  override render() {
    const shown = this._all ? this.rows : this.rows.slice(0, this.limit);
    return html`${this.caption ? html`<h3>${this.caption}</h3>` : ''}
    ${
      this.rows.length === 0
        ? html`<div class="empty">${this.empty}</div>`
        : html`<table>
              <thead>
                <tr>
                  ${this.columns.map((c) => html`<th class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${shown.map(
                  (row) =>
                    html`<tr>
                      ${row.map((cell, i) => html`<td class=${this.columns[i]?.numeric ? 'num' : ''}>${cell}</td>`)}
                    </tr>`,
                )}
              </tbody>
            </table>
            ${
              this.rows.length > shown.length
                ? html`<button type="button" @click=${() => (this._all = true)}>${msg(str`显示全部 ${this.rows.length} 行`)}</button>`
                : ''
            }`
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-report-table': KioskReportTable;
  }
}
