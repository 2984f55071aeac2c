/**
 * The page's banners, stacked. On a short screen (the Pi's 800×480 display)
 * only the first is shown, with a count of the others ("还有 2 条提示") that
 * opens them all; the screen under the stack keeps its room. On taller screens
 * every banner shows. The banners are its children (light DOM), so whoever
 * renders them keeps them in its own tree and order: the first is the one that
 * matters most.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase } from '../styles.ts';

@customElement('kiosk-notice-stack')
@localized()
export class KioskNoticeStack extends LitElement {
  /** All banners shown on a short screen too (the count was tapped). */
  @property({ type: Boolean, reflect: true }) expanded = false;
  @state() private _count = 0;

  static override styles = [
    kioskBase,
    css`
      :host {
        display: flex;
        align-items: flex-start;
        gap: 8px;
      }
      .list {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: inherit;
      }
      button.more {
        display: none;
        flex: none;
        min-height: 44px;
        padding: 0 12px;
        font-size: 16px;
        font-weight: 600;
        white-space: nowrap;
      }
      @media (max-height: 700px) {
        :host(:not([expanded])) ::slotted(:not(:first-child)) {
          display: none;
        }
        :host(:not([expanded])) ::slotted(*) {
          /* Two lines of the banner's words at most: the count opens the rest. */
          --kiosk-banner-lines: 2;
        }
        button.more {
          display: block;
        }
      }
    `,
  ];

  override render() {
    const others = this._count - 1;
    return html`<div class="list"><slot @slotchange=${this._counted}></slot></div>
      ${
        others > 0 || this.expanded
          ? html`<button
              type="button"
              class="more"
              name="more-notices"
              aria-expanded=${this.expanded ? 'true' : 'false'}
              @click=${() => (this.expanded = !this.expanded)}
            >
              ${this.expanded ? msg('收起') : msg(str`还有 ${others} 条提示`)}
            </button>`
          : nothing
      }`;
  }

  private _counted(e: Event) {
    this._count = (e.target as HTMLSlotElement).assignedElements().length;
    if (this._count <= 1) this.expanded = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-notice-stack': KioskNoticeStack;
  }
}
