/** One figure of the report as a tile: what it is, the number, and a line that compares or explains it. */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { kioskBase, hostBlock } from '../styles.ts';

@customElement('kiosk-report-figure')
export class KioskReportFigure extends LitElement {
  @property() label = '';
  @property() value = '';
  /** Under the number: a comparison ("上期 ¥1,200.00 +8%") or what the number leaves out. */
  @property() note = '';
  /** 'up' / 'down' colour the note; 'warn' marks a figure to look at. */
  @property({ reflect: true }) tone: '' | 'up' | 'down' | 'warn' = '';

  static override styles = [
    kioskBase,
    hostBlock,
    css`
      :host {
        padding: 10px 14px;
        background: var(--kiosk-surface);
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        min-width: 0;
      }
      .label {
        font-size: 16px;
        color: var(--kiosk-text-muted);
      }
      .value {
        font-size: clamp(24px, 3.2vw, 36px);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .note {
        font-size: 15px;
        color: var(--kiosk-text-muted);
        min-height: 1.2em;
      }
      :host([tone='up']) .note {
        color: var(--kiosk-ok);
      }
      :host([tone='down']) .note {
        color: var(--kiosk-error);
      }
      :host([tone='warn']) {
        border-color: var(--kiosk-warn-mark);
        background: var(--kiosk-warn-soft);
      }
    `,
  ];

  override render() {
    return html`<div class="label">${this.label}</div>
      <div class="value" data-value>${this.value}</div>
      <div class="note">${this.note}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-report-figure': KioskReportFigure;
  }
}
