/** The links between the collector's pages; posting to the board is a manager's, so a rep is not offered it. */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Session } from './api.ts';
import { touchFormStyles } from './styles.ts';

@customElement('fleet-nav')
export class FleetNav extends LitElement {
  @property({ attribute: false }) session?: Session;

  static override styles = [
    touchFormStyles,
    css`
      a {
        color: #0e7490;
        display: inline-flex;
        align-items: center;
        min-height: 44px;
      }
    `,
  ];

  override render() {
    const manager = this.session?.role === 'manager';
    return html`<nav class="pages">
      <a href="/">片区概览 Overview</a>
      ${manager ? html`<a href="/board.html">发布看板 Post to the board</a>` : ''}
      <a href="/enrol.html">登记终端 Enrol a terminal</a>
      <a href="/import.html">U 盘导入 USB import</a>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-nav': FleetNav;
  }
}
