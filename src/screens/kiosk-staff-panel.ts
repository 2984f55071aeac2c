/**
 * The owner's panel (issue 10): the audit log (newest first, read only),
 * registering a clerk or a rep (name, staff number, their own PIN, confirmed
 * by the owner's PIN), and the idle lock. Shown only in an owner session.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase } from '../styles.ts';
import { overlayPanelStyles } from './screen-styles.ts';
import { readAudit, type AuditEntry } from '../data/audit.ts';
import { canDo, getIdleLockMinutes, listStaff, registerStaff, setIdleLockMinutes, type StaffListing } from '../data/roles.ts';
import { OwnerController } from './owner-controller.ts';
import { roleName } from '../wording/role-text.ts';
import type { KioskPinEnteredEvent } from '../components/kiosk-pin-pad.ts';
import '../components/kiosk-pin-pad.ts';
import './kiosk-owner-messages.ts';
import { kioskSignal } from '../components/kiosk-event.ts';

export class KioskStaffPanelClosedEvent extends kioskSignal('kiosk-staff-panel-closed') {}

/** The owner asks for the 数据安全 panel (backups, restore, storage, clock, version). */
export class KioskMaintenanceRequestedEvent extends kioskSignal('kiosk-maintenance-requested') {}

type Registering = { role: 'clerk' | 'rep'; name: string; staffNumber: string; step: 'details' | 'pin' | 'repeat' | 'owner'; pin?: string };

@customElement('kiosk-staff-panel')
@localized()
export class KioskStaffPanel extends LitElement {
  @state() private _audit: AuditEntry[] = [];
  @state() private _staff: StaffListing[] = [];
  @state() private _idleMinutes = 5;
  @state() private _registering?: Registering | undefined;
  @state() private _message = '';

  static override styles = [
    kioskBase,
    overlayPanelStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 12px 16px;
        background: var(--kiosk-bg);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: var(--kiosk-font-small);
      }
      td {
        border-bottom: 1px solid var(--kiosk-border);
        padding: 4px 8px;
      }
      .register {
        display: flex;
        gap: 16px;
        flex-wrap: wrap;
        align-items: flex-start;
      }
      input {
        min-height: var(--kiosk-touch-min);
        font-size: var(--kiosk-font-body);
      }
      .message {
        color: var(--kiosk-error);
        font-weight: 700;
      }
    `,
  ];

  /** Closes the panel when the session that opened it ends (idle lock, lock button). */
  private readonly _owner = new OwnerController(this, () => this._changed());

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  /** The session closed (idle lock, lock button): the panel goes with it. */
  private _changed = () => {
    if (!this._owner.may('read-audit')) this.dispatchEvent(new KioskStaffPanelClosedEvent());
  };

  private async _load() {
    if (!canDo('read-audit')) return;
    [this._audit, this._staff, this._idleMinutes] = await Promise.all([readAudit(200), listStaff(), getIdleLockMinutes()]);
  }

  override render() {
    if (!canDo('read-audit')) return nothing;
    return html`<div class="top">
        <h2>${msg('店主管理')}</h2>
        <label
          >${msg('无操作自动锁定（分钟）')}
          <input
            name="idle-minutes"
            type="number"
            min="1"
            max="60"
            .value=${String(this._idleMinutes)}
            @change=${(e: Event) => void this._setIdle(Number((e.target as HTMLInputElement).value))}
        /></label>
        <button type="button" name="maintenance" @click=${() => this.dispatchEvent(new KioskMaintenanceRequestedEvent())}>${msg('数据安全')}</button>
        <button type="button" name="register-rep" @click=${() => this._startRegistering('rep')}>${msg('登记客户经理')}</button>
        <button type="button" name="register-clerk" @click=${() => this._startRegistering('clerk')}>${msg('登记店员')}</button>
        <button type="button" name="close-panel" class="primary" @click=${() => this.dispatchEvent(new KioskStaffPanelClosedEvent())}>
          ${msg('返回')}
        </button>
      </div>
      ${this._message ? html`<p class="message" role="alert">${this._message}</p>` : nothing}
      ${this._registering ? this._renderRegistering(this._registering) : nothing}
      <kiosk-owner-messages></kiosk-owner-messages>
      <section>
        <h3>${msg('可以登录的人')}</h3>
        <ul data-kind="staff">
          ${this._staff.map((p) => html`<li>${roleName(p.role)} · ${p.name}${p.staffNumber ? ` (${p.staffNumber})` : ''}</li>`)}
        </ul>
      </section>
      <section>
        <h3>${msg('操作记录（只读）')}</h3>
        <table data-kind="audit">
          ${this._audit.map(
            (entry) => html`<tr data-kind=${entry.kind}>
              <td>${entry.seq}</td>
              <td>${new Date(entry.at).toLocaleString('zh-CN')}</td>
              <td>${entry.role ? roleName(entry.role) : ''} ${entry.name ?? ''}</td>
              <td>${auditText(entry)}</td>
            </tr>`,
          )}
        </table>
      </section>`;
  }

  private _renderRegistering(r: Registering) {
    const title = r.role === 'rep' ? msg('登记客户经理') : msg('登记店员');
    if (r.step === 'details') {
      return html`<div class="register" data-kind="register">
        <h3>${title}</h3>
        <input name="staff-name" placeholder=${msg('姓名')} .value=${r.name} @input=${(e: Event) => (r.name = (e.target as HTMLInputElement).value)} />
        ${
          r.role === 'rep'
            ? html`<input
              name="staff-number"
              placeholder=${msg('工号')}
              .value=${r.staffNumber}
              @input=${(e: Event) => (r.staffNumber = (e.target as HTMLInputElement).value)}
            />`
            : nothing
        }
        <button type="button" name="details-ok" class="primary" @click=${() => this._detailsDone(r)}>${msg('下一步')}</button>
        <button type="button" name="register-cancel" @click=${() => (this._registering = undefined)}>${msg('取消')}</button>
      </div>`;
    }
    const prompt =
      r.step === 'pin'
        ? msg(str`${r.name}：请输入自己的密码（4–8 位数字）。`)
        : r.step === 'repeat'
          ? msg(str`${r.name}：请再输入一次。`)
          : msg('店主请输入店主密码确认。');
    return html`<div class="register" data-kind="register" data-step=${r.step}>
      <div>
        <h3>${title}</h3>
        <p>${prompt}</p>
        <button type="button" name="register-cancel" @click=${() => (this._registering = undefined)}>${msg('取消')}</button>
      </div>
      <kiosk-pin-pad @kiosk-pin-entered=${(e: KioskPinEnteredEvent) => void this._pinEntered(r, e.detail)}></kiosk-pin-pad>
    </div>`;
  }

  private _startRegistering(role: 'clerk' | 'rep') {
    this._message = '';
    this._registering = { role, name: '', staffNumber: '', step: 'details' };
  }

  private _detailsDone(r: Registering) {
    if (!r.name.trim() || (r.role === 'rep' && !r.staffNumber.trim())) {
      this._message = r.role === 'rep' ? msg('请填写姓名和工号。') : msg('请填写姓名。');
      return;
    }
    this._message = '';
    this._registering = { ...r, step: 'pin' };
  }

  private async _pinEntered(r: Registering, pin: string) {
    this._message = '';
    if (r.step === 'pin') {
      this._registering = { ...r, step: 'repeat', pin };
      return;
    }
    if (r.step === 'repeat') {
      if (pin !== r.pin) {
        this._message = msg('两次输入的密码不一样，请重新输入。');
        this._registering = { ...r, step: 'pin' };
        return;
      }
      this._registering = { ...r, step: 'owner' };
      return;
    }
    const result = await registerStaff({ role: r.role, name: r.name, staffNumber: r.staffNumber, pin: r.pin ?? '' }, pin);
    if (result.ok) {
      this._registering = undefined;
      await this._load();
      return;
    }
    this._message = result.reason === 'locked' ? msg('密码错误次数太多，请稍后再试。') : msg('店主密码不对。');
    await this._load();
  }

  private async _setIdle(minutes: number) {
    this._idleMinutes = await setIdleLockMinutes(minutes);
    await this._load();
  }
}

function auditText(entry: AuditEntry): string {
  switch (entry.kind) {
    case 'session-opened':
      return msg('登录');
    case 'session-closed':
      return entry.detail === 'idle' ? msg('无操作自动锁定') : msg('锁定 / 退出');
    case 'pin-failed':
      return msg('密码错误');
    case 'pin-locked':
      return msg(str`暂时锁定：${entry.detail ?? ''}`);
    case 'owner-action':
      return msg(str`店主操作：${entry.action ?? ''}`);
    case 'owner-pin-set':
      return msg('设置店主密码');
    case 'owner-pin-recovered':
      return msg('用恢复码重设店主密码');
    case 'owner-pin-reset-on-terminal':
      return msg('在终端上重设店主密码（npm run reset-owner-pin）');
    case 'staff-registered':
      return msg(str`登记：${entry.detail ?? ''}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-staff-panel': KioskStaffPanel;
  }
  interface HTMLElementEventMap {
    'kiosk-staff-panel-closed': KioskStaffPanelClosedEvent;
    'kiosk-maintenance-requested': KioskMaintenanceRequestedEvent;
  }
}
