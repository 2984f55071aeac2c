/**
 * The counter page's top bar: the shop's mark, the scanner state, the demo
 * shop's marker, customer mode, who is signed in, and the language.
 *
 * It only asks: the shell removes the demo shop (after the owner's PIN) and
 * covers the screen for the customer. The session chip's own events
 * (kiosk-sign-in, kiosk-manage-staff) bubble through to the shell.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { kioskBase } from '../styles.ts';
import { kioskSignal } from '../components/kiosk-event.ts';
import '../components/kiosk-scanner-status.ts';
import '../components/kiosk-language-switch.ts';
import './kiosk-session-chip.ts';

/** The owner asked to remove the demo shop (the shell asks for the PIN). */
export class KioskRemoveDemoEvent extends kioskSignal('kiosk-remove-demo') {}
/** Cover this screen with the customer display. */
export class KioskCustomerModeEvent extends kioskSignal('kiosk-customer-mode') {}

@customElement('kiosk-top-bar')
@localized()
export class KioskTopBar extends LitElement {
  /** The page shows the demo shop: marked in both languages, with its remove button. */
  @property({ type: Boolean, reflect: true }) demo = false;

  static override styles = [
    kioskBase,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        align-items: center;
        gap: 16px;
        min-height: 68px;
        padding: 8px var(--kiosk-gap);
        background: var(--kiosk-surface);
        border-bottom: 1px solid var(--kiosk-border);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 12px;
        flex: none;
      }
      .logo {
        width: 36px;
        height: 36px;
        border-radius: 10px;
        background: var(--kiosk-accent);
        display: grid;
        place-items: center;
      }
      .logo span {
        display: block;
        width: 18px;
        height: 16px;
        background: repeating-linear-gradient(90deg, #fff 0 2px, transparent 2px 4px, #fff 4px 5px, transparent 5px 7px);
      }
      h1 {
        margin: 0;
        font-size: 24px;
        font-weight: 700;
        white-space: nowrap;
      }
      kiosk-scanner-status {
        flex: 1;
        min-width: 0;
      }
      .demo {
        flex: none;
        display: flex;
        align-items: center;
        gap: 8px;
      }
      .demo-mark {
        padding: 6px 12px;
        border-radius: 999px;
        background: var(--kiosk-warn-soft);
        color: var(--kiosk-warn);
        border: 2px solid currentColor;
        font-weight: 800;
        white-space: nowrap;
      }
      .demo button {
        min-height: var(--kiosk-touch-min);
      }
      button[name='customer-mode'] {
        flex: none;
        min-height: var(--kiosk-touch-min);
        padding: 0 12px;
        white-space: nowrap;
      }
      @media (max-width: 1100px) {
        h1 {
          display: none;
        }
        header {
          gap: 10px;
        }
        .demo-mark {
          padding: 4px 8px;
          font-size: var(--kiosk-font-small);
        }
      }
      @media (max-width: 900px) {
        header {
          gap: 6px;
        }
        /* The scanner's state keeps its words; the other parts of the bar give way. */
        kiosk-scanner-status {
          flex: 0 0 auto;
        }
        .demo-mark {
          padding: 2px 6px;
          font-size: 14px;
        }
        header button {
          padding: 0 10px;
          font-size: 15px;
        }
      }
      @media (max-height: 700px) {
        header {
          min-height: 52px;
          padding: 4px var(--kiosk-gap);
        }
      }
    `,
  ];

  override render() {
    return html`<header>
      <div class="brand">
        <span class="logo" aria-hidden="true"><span></span></span>
        <h1>${msg('柜台终端')}</h1>
      </div>
      <kiosk-scanner-status></kiosk-scanner-status>
      ${
        this.demo
          ? html`<div class="demo" data-kind="demo-marker">
            <!-- In both languages whatever the switch says: nobody may take this for the shop's books. -->
            <span class="demo-mark">演示数据 demo data</span>
            <button name="remove-demo" @click=${() => this.dispatchEvent(new KioskRemoveDemoEvent())}>${msg('删除演示数据')}</button>
          </div>`
          : nothing
      }
      <button name="customer-mode" @click=${() => this.dispatchEvent(new KioskCustomerModeEvent())}>${msg('顾客模式')}</button>
      <kiosk-session-chip></kiosk-session-chip>
      <kiosk-language-switch></kiosk-language-switch>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-top-bar': KioskTopBar;
  }
  interface HTMLElementEventMap {
    'kiosk-remove-demo': KioskRemoveDemoEvent;
    'kiosk-customer-mode': KioskCustomerModeEvent;
  }
}
