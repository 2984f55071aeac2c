/**
 * The counter page's top bar: the shop's mark, the scanner state, the demo
 * shop's marker, customer mode, who is signed in, and the language.
 *
 * It only asks: the shell removes the demo shop (after the owner's PIN) and
 * covers the screen for the customer. The session chip's own events
 * (kiosk-sign-in, kiosk-manage-staff) bubble through to the shell; on a small
 * screen 管理 (staff) is in the ⋯ menu and sends the same event.
 *
 * On a counter's screens up to 1280×800 (in English the longest words) the
 * bar keeps what must always show (scanner state, the demo marker, who is
 * signed in, the language) and puts the occasional actions (customer mode,
 * removing the demo shop, 管理 staff) under a ⋯ button; on the Pi's 7"
 * display (800 px) the language switch shows only the other language.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { kioskBase } from '../styles.ts';
import { kioskSignal } from '../components/kiosk-event.ts';
import '../components/kiosk-scanner-status.ts';
import '../components/kiosk-language-switch.ts';
import { KioskManageStaffEvent } from './kiosk-session-chip.ts';
import { OwnerController } from './owner-controller.ts';

/** The owner asked to remove the demo shop (the shell asks for the PIN). */
export class KioskRemoveDemoEvent extends kioskSignal('kiosk-remove-demo') {}
/** Cover this screen with the customer display. */
export class KioskCustomerModeEvent extends kioskSignal('kiosk-customer-mode') {}

@customElement('kiosk-top-bar')
@localized()
export class KioskTopBar extends LitElement {
  /** The page shows the demo shop: marked in both languages, with its remove button. */
  @property({ type: Boolean, reflect: true }) demo = false;
  /** Small screens: the ⋯ menu with the occasional actions is open. */
  @state() private _menuOpen = false;
  /** Re-renders on sign-in and sign-out: 管理 (staff) is in the ⋯ menu for the owner. */
  private readonly _owner = new OwnerController(this);

  static override styles = [
    kioskBase,
    css`
      :host {
        display: block;
      }
      header {
        position: relative;
        display: flex;
        align-items: center;
        gap: 16px;
        min-height: 68px;
        padding: 8px var(--kiosk-gap);
        background: var(--kiosk-surface);
        border-bottom: 1px solid var(--kiosk-border);
      }
      /* Short of room (English, the demo shop's marker and buttons), the bar's
         title goes first, whole: it wraps onto a second line that is cut off, so
         the scanner's state keeps its words and nothing spills over. */
      .brand {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        align-content: flex-start;
        column-gap: 12px;
        flex: 0 1000 auto;
        min-width: 36px;
        height: 36px;
        overflow: hidden;
      }
      .logo {
        flex: none;
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
      /* Never narrower than its state in words: the title goes first, then
         扫描枪 inside the pill. */
      kiosk-scanner-status {
        flex: 1 1 auto;
      }
      /* Who is signed in and the language keep their words on one line. */
      kiosk-language-switch {
        flex: none;
      }
      /* In the bar's row on a wide screen; a drop-down under ⋯ on a small one. */
      .actions {
        display: contents;
      }
      button[name='more'] {
        display: none;
      }
      .demo-mark {
        flex: none;
        padding: 6px 12px;
        border-radius: 999px;
        background: var(--kiosk-warn-soft);
        color: var(--kiosk-warn);
        border: 2px solid currentColor;
        font-weight: 800;
        white-space: nowrap;
      }
      /* The session chip has its own 管理 beside the name; this one is for the ⋯ menu. */
      .actions button[name='manage-staff'] {
        display: none;
      }
      .actions button {
        flex: none;
        min-height: var(--kiosk-touch-min);
        padding: 0 12px;
        white-space: nowrap;
      }
      /* The title is not hidden by width: it wraps out of sight only when the
         row needs its room (above). */
      @media (max-width: 1100px) {
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
        /* Both languages stay, on two lines. */
        .demo-mark {
          display: flex;
          flex-direction: column;
          align-items: center;
          padding: 2px 10px;
          font-size: 14px;
          line-height: 1.15;
          border-radius: 12px;
        }
        header button {
          padding: 0 10px;
          font-size: 15px;
        }
      }
      /* A counter's screens up to 1280×800 (in English the demo shop, two
         scanners and the owner signed in fill the row): the occasional actions
         go under ⋯. */
      @media (max-width: 1599px) {
        button[name='more'] {
          display: block;
          flex: none;
          min-width: var(--kiosk-touch-min);
          min-height: var(--kiosk-touch-min);
          padding: 0;
          font-size: 24px;
          line-height: 1;
        }
        button[name='more'][aria-expanded='true'] {
          background: var(--kiosk-accent);
          color: var(--kiosk-on-accent);
        }
        .actions {
          display: none;
        }
        .actions[data-open] {
          position: absolute;
          top: 100%;
          right: var(--kiosk-gap);
          z-index: 60;
          display: flex;
          flex-direction: column;
          gap: 8px;
          padding: 8px;
          background: var(--kiosk-surface);
          border: 1px solid var(--kiosk-border);
          border-radius: var(--kiosk-radius-small);
          box-shadow: 0 6px 20px rgb(15 23 42 / 0.25);
        }
        .actions button {
          font-size: var(--kiosk-font-small);
          padding: 0 16px;
        }
        /* The session chip hides its own 管理 at this same width (kiosk-session-chip.ts). */
        .actions button[name='manage-staff'] {
          display: block;
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
      <!-- In both languages whatever the switch says: nobody may take the demo shop for the shop's books. -->
      ${this.demo ? html`<span class="demo-mark" data-kind="demo-marker"><span>演示数据</span> <span>demo data</span></span>` : nothing}
      <div class="actions" ?data-open=${this._menuOpen}>
        ${
          this.demo
            ? html`<button name="remove-demo" @click=${() => this._act(new KioskRemoveDemoEvent())}>${msg('删除演示数据')}</button>`
            : nothing
        }
        <button name="customer-mode" @click=${() => this._act(new KioskCustomerModeEvent())}>${msg('顾客模式')}</button>
        ${
          this._owner.may('register-staff')
            ? html`<button name="manage-staff" @click=${() => this._act(new KioskManageStaffEvent())}>${msg('管理')}</button>`
            : nothing
        }
      </div>
      <button
        name="more"
        aria-label=${msg('更多')}
        aria-haspopup="true"
        aria-expanded=${this._menuOpen ? 'true' : 'false'}
        @click=${() => (this._menuOpen = !this._menuOpen)}
      >
        ⋯
      </button>
      <kiosk-session-chip></kiosk-session-chip>
      <kiosk-language-switch></kiosk-language-switch>
    </header>`;
  }

  override updated(): void {
    // A tap anywhere else closes the menu, as a drop-down does.
    if (this._menuOpen) window.addEventListener('pointerdown', this._tapOutside, true);
    else window.removeEventListener('pointerdown', this._tapOutside, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pointerdown', this._tapOutside, true);
  }

  private _tapOutside = (e: PointerEvent) => {
    if (!e.composedPath().includes(this)) this._menuOpen = false;
  };

  /** One of the bar's actions: asked of the shell, and the menu closes. */
  private _act(event: Event): void {
    this._menuOpen = false;
    this.dispatchEvent(event);
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
