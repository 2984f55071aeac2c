/**
 * A catalog or display settings card: its title, a muted line saying what it
 * is for, then its controls (styled by catalogPanelStyles).
 */
import { html } from 'lit';

export function catalogCard(title: string, intro: string, body: unknown) {
  return html`<div class="card">
    <h2>${title}</h2>
    <p class="muted">${intro}</p>
    ${body}
  </div>`;
}
