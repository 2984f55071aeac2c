/**
 * The top bar's part of the roles: who is signed in, 锁定 (lock now) while a
 * session is open, 登录 when nobody is, and 管理 (staff, audit log, idle lock)
 * for the owner. It only asks; <kiosk-app> opens the PIN pad or the panel.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { kioskBase } from '../styles.ts';
import { currentSession, roleEvents, signOut } from '../data/roles.ts';
import { roleName } from '../wording/role-text.ts';
import { kioskSignal } from '../components/kiosk-event.ts';

export class KioskSignInEvent extends kioskSignal('kiosk-sign-in') {}

export class KioskManageStaffEvent extends kioskSignal('kiosk-manage-staff') {}

@customElement('kiosk-session-chip')
@localized()
export class KioskSessionChip extends LitElement {
  static override styles = [
    kioskBase,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 8px;
        flex: 0 1 auto;
      }
      /* Short of room (English, two scanners, the demo shop at 800 px) the name
         goes, whole, and 管理 and 锁定 stay: it wraps onto a second line, cut
         off. */
      .who-line {
        display: flex;
        flex-wrap: wrap;
        min-width: 0;
        height: 1lh;
        overflow: hidden;
        font-weight: 700;
      }
      /* A zero-width space: the first line's height, so a name that does not fit goes to the second. */
      .who-line::before {
        content: '\\200b';
      }
      /* Not nowrap: the chip may then shrink to its buttons (and one word). */
      .who {
        min-width: 0;
      }
      button {
        flex: none;
      }
      /* On the small screens 管理 is in the top bar's ⋯ menu (kiosk-top-bar.ts, the same width). */
      @media (max-width: 1599px) {
        button[name='manage'] {
          display: none;
        }
      }
      button {
        min-height: var(--kiosk-touch-min);
        min-width: 64px;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    roleEvents.addEventListener('change', this._changed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    roleEvents.removeEventListener('change', this._changed);
  }

  private _changed = () => this.requestUpdate();

  override render() {
    const session = currentSession();
    if (!session) {
      return html`<button type="button" name="sign-in" @click=${() => this.dispatchEvent(new KioskSignInEvent())}>${msg('登录')}</button>`;
    }
    return html`<span class="who-line"><span class="who" data-role=${session.role}>${roleName(session.role)} · ${session.name}</span></span>
      ${
        session.role === 'owner'
          ? html`<button type="button" name="manage" @click=${() => this.dispatchEvent(new KioskManageStaffEvent())}>${msg('管理')}</button>`
          : nothing
      }
      <button type="button" name="lock" @click=${() => void signOut('lock-button')}>${msg('锁定')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-session-chip': KioskSessionChip;
  }
  interface HTMLElementEventMap {
    'kiosk-sign-in': KioskSignInEvent;
    'kiosk-manage-staff': KioskManageStaffEvent;
  }
}
