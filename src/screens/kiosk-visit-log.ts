/**
 * The visit log: every visit, newest first (by sequence, never the wall
 * clock), each in full and read only. Confirmed visits cannot be changed
 * anywhere; one not confirmed yet is marked so.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { panelColumnStyles } from '../components/panel-styles.ts';
import { getVisits } from '../data/visits.ts';
import type { VisitRecord } from '../data/schema.ts';
import '../components/kiosk-visit-summary.ts';

@customElement('kiosk-visit-log')
@localized()
export class KioskVisitLog extends LitElement {
  @state() private _visits?: VisitRecord[];

  static override styles = [
    ...panelColumnStyles,
    css`
      :host {
        gap: 8px;
        min-height: 0;
        overflow: auto;
      }
      .card {
        padding: 8px 12px;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  async reload(): Promise<void> {
    this._visits = (await getVisits()).reverse();
  }

  override render() {
    if (!this._visits) return nothing;
    if (this._visits.length === 0) return html`<p data-kind="visit-log-empty">${msg('还没有拜访记录。')}</p>`;
    return html`${this._visits.map(
      (v) => html`<section class="card" data-kind="visit-log-entry" data-seq=${v.seq}>
        <kiosk-visit-summary .visit=${v}></kiosk-visit-summary>
      </section>`,
    )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-log': KioskVisitLog;
  }
}
