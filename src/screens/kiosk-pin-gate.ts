/**
 * The one place a PIN is typed (issue 10): a full-screen layer over the
 * counter with the big PIN pad. <kiosk-app> renders one; every owner-only
 * action reaches it through askForOwner() (src/data/roles.ts), which it
 * answers while it is connected.
 *
 * What it shows:
 *  - 'owner': the owner's PIN for an owner-only action (on a terminal without
 *    an owner PIN yet, it has the owner set one first);
 *  - 'sign-in': pick who signs in (owner, a clerk, a rep), then their PIN;
 *  - 'set-owner': first run or after `npm run reset-owner-pin`: the new PIN
 *    twice, then the one-time recovery code, shown once, to write down;
 *  - 'recover': the recovery code, then a new PIN twice, then a new code.
 * While the pad is locked after wrong PINs it counts the wait down.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase, overAppHost } from '../styles.ts';
import { formatRecoveryCode, RECOVERY_CODE_DIGITS } from '../domain/pin.ts';
import {
  OWNER_ID,
  claimTerminalReset,
  hasOwner,
  listStaff,
  lockoutRemainingMs,
  recoverOwner,
  roleEvents,
  setOwnerPrompt,
  setUpOwner,
  signIn,
  terminalResetPending,
  type PinCheck,
  type RoleAction,
  type StaffListing,
} from '../data/roles.ts';
import { roleName } from '../wording/role-text.ts';
import type { KioskPinEnteredEvent, KioskPinPad } from '../components/kiosk-pin-pad.ts';
import '../components/kiosk-pin-pad.ts';
import { kioskSignal } from '../components/kiosk-event.ts';

/** The pad closed (signed in or not): the session is as it will stay. */
export class KioskPinGateClosedEvent extends kioskSignal('kiosk-pin-gate-closed') {}

type View =
  | { kind: 'closed' }
  | { kind: 'owner'; action: RoleAction }
  | { kind: 'sign-in'; who?: StaffListing }
  | { kind: 'set-owner'; step: 'pin' | 'repeat' | 'code'; first?: string; code?: string }
  | { kind: 'recover'; step: 'code' | 'pin' | 'repeat' | 'shown'; typedCode?: string; first?: string; code?: string };

/** The side's title and what to do next. */
function sidePrompt(title: string, text: string) {
  return html`<h2>${title}</h2>
    <p>${text}</p>`;
}

@customElement('kiosk-pin-gate')
@localized()
export class KioskPinGate extends LitElement {
  @state() private _view: View = { kind: 'closed' };
  @state() private _message = '';
  @state() private _lockedMs = 0;
  @state() private _checking = false;
  @state() private _staff: StaffListing[] = [];
  @query('kiosk-pin-pad') private _pad?: KioskPinPad;

  private _resolve?: (() => void) | undefined;
  private _lockTimer?: ReturnType<typeof setInterval> | undefined;

  static override styles = [
    kioskBase,
    overAppHost,
    css`
      :host {
        display: none;
      }
      :host([open]) {
        display: flex;
        align-items: center;
        justify-content: center;
        background: rgb(15 23 42 / 0.55);
      }
      .panel {
        display: flex;
        gap: 24px;
        align-items: stretch;
        max-width: 100%;
        max-height: 100%;
        overflow: auto;
        padding: 16px 20px;
        background: var(--kiosk-bg);
        border-radius: var(--kiosk-radius);
        box-shadow: var(--kiosk-shadow);
      }
      .side {
        display: flex;
        flex-direction: column;
        gap: 12px;
        width: min(340px, 40vw);
      }
      h2 {
        margin: 0;
        font-size: var(--kiosk-font-title);
      }
      p {
        margin: 0;
      }
      .message {
        color: var(--kiosk-error);
        font-weight: 700;
      }
      .code {
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
        font-size: 36px;
        font-weight: 800;
        letter-spacing: 2px;
        padding: 8px 12px;
        background: var(--kiosk-warn-soft);
        border: 2px dashed var(--kiosk-warn);
        border-radius: var(--kiosk-radius-small);
        text-align: center;
      }
      .people {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      button {
        min-height: var(--kiosk-touch);
      }
      .spacer {
        flex: 1;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    setOwnerPrompt((action) => this.askOwner(action));
    roleEvents.addEventListener('change', this._roleChanged);
    // A reset left by `npm run reset-owner-pin` on the terminal: set the new PIN now.
    void claimTerminalReset().then((granted) => {
      if (granted) this._open({ kind: 'set-owner', step: 'pin' });
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    setOwnerPrompt(undefined);
    roleEvents.removeEventListener('change', this._roleChanged);
    clearInterval(this._lockTimer);
    this._finish();
  }

  /** Ask for the owner's PIN for `action`; resolves when the layer closes (signed in or not). */
  async askOwner(action: RoleAction): Promise<void> {
    const owner = await hasOwner();
    return this._open(owner && !terminalResetPending() ? { kind: 'owner', action } : { kind: 'set-owner', step: 'pin' });
  }

  /** The top bar's 登录: pick who, then the PIN. */
  async signIn(): Promise<void> {
    this._staff = await listStaff();
    if (this._staff.length === 0) return this._open({ kind: 'set-owner', step: 'pin' });
    return this._open({ kind: 'sign-in' });
  }

  /** The first-run screen: the owner sets the PIN. */
  setOwner(): Promise<void> {
    return this._open({ kind: 'set-owner', step: 'pin' });
  }

  private _open(view: View): Promise<void> {
    this._finish();
    this._view = view;
    this._message = '';
    this.toggleAttribute('open', true);
    void this._refreshLock();
    return new Promise((resolve) => (this._resolve = resolve));
  }

  private _close = () => {
    this._view = { kind: 'closed' };
    this.toggleAttribute('open', false);
    this._finish();
    this.dispatchEvent(new KioskPinGateClosedEvent());
  };

  private _finish() {
    const resolve = this._resolve;
    this._resolve = undefined;
    resolve?.();
  }

  private _roleChanged = () => void this._refreshLock();

  private async _refreshLock() {
    this._lockedMs = await lockoutRemainingMs().catch(() => 0);
    clearInterval(this._lockTimer);
    if (this._lockedMs > 0 && this._view.kind !== 'closed') {
      this._lockTimer = setInterval(() => {
        void lockoutRemainingMs().then((ms) => {
          this._lockedMs = ms;
          if (ms <= 0) clearInterval(this._lockTimer);
        });
      }, 1_000);
    }
  }

  override render() {
    const view = this._view;
    if (view.kind === 'closed') return nothing;
    return html`<div class="panel" role="dialog" aria-modal="true" data-view=${view.kind} data-step=${'step' in view ? view.step : nothing}>
      <div class="side">
        ${this._renderSide(view)}
        ${this._message ? html`<p class="message" role="alert" data-kind="pin-message">${this._message}</p>` : nothing}
        ${
          this._lockedMs > 0
            ? html`<p class="message" data-kind="locked">${msg(str`密码错误次数太多，请等 ${Math.ceil(this._lockedMs / 1000)} 秒再试。`)}</p>`
            : nothing
        }
        <span class="spacer"></span>
        ${
          view.kind === 'owner'
            ? html`<button type="button" name="recover" @click=${() => (this._view = { kind: 'recover', step: 'code' })}>
              ${msg('忘记密码？用恢复码')}
            </button>`
            : nothing
        }
        ${
          view.kind === 'set-owner' && view.step === 'code'
            ? nothing
            : view.kind === 'recover' && view.step === 'shown'
              ? nothing
              : html`<button type="button" name="cancel" @click=${this._close}>${msg('取消')}</button>`
        }
      </div>
      ${this._renderPad(view)}
    </div>`;
  }

  private _renderSide(view: View) {
    switch (view.kind) {
      case 'owner':
        return sidePrompt(msg('请输入店主密码'), msg('这个操作只能由店主进行。'));
      case 'sign-in':
        if (!view.who) {
          return html`<h2>${msg('谁要登录？')}</h2>
            <div class="people">
              ${this._staff.map(
                (
                  person,
                ) => html`<button type="button" data-staff=${person.id} @click=${() => (this._view = { kind: 'sign-in', who: person })}>
                  ${roleName(person.role)} · ${person.name}${person.staffNumber ? ` (${person.staffNumber})` : ''}
                </button>`,
              )}
            </div>`;
        }
        return sidePrompt(`${roleName(view.who.role)} · ${view.who.name}`, msg('请输入密码。'));
      case 'set-owner':
        if (view.step === 'code') return this._renderCode(view.code ?? '');
        return sidePrompt(
          msg('设置店主密码'),
          view.step === 'pin'
            ? msg('店主的密码保护调整库存、撤销销售、导入和修改商品、订货、设置和数据恢复。请输入 4–8 位数字。')
            : msg('请再输入一次同样的密码。'),
        );
      case 'recover':
        if (view.step === 'shown') return this._renderCode(view.code ?? '');
        return sidePrompt(
          msg('用恢复码重设店主密码'),
          view.step === 'code'
            ? msg('请输入设置密码时抄下的 12 位恢复码。')
            : view.step === 'pin'
              ? msg('恢复码正确。请输入新的店主密码（4–8 位数字）。')
              : msg('请再输入一次新的密码。'),
        );
      case 'closed':
        return nothing;
    }
  }

  private _renderCode(code: string) {
    return html`${sidePrompt(msg('请抄下恢复码'), msg('忘记店主密码时，用这个恢复码可以重设密码。它只显示这一次，用过一次就作废。请抄在纸上，放在安全的地方。'))}
      <div class="code" data-kind="recovery-code">${formatRecoveryCode(code)}</div>
      <button type="button" name="code-noted" class="primary" @click=${this._close}>${msg('我已抄下')}</button>`;
  }

  private _renderPad(view: View) {
    if ((view.kind === 'set-owner' && view.step === 'code') || (view.kind === 'recover' && view.step === 'shown')) return nothing;
    if (view.kind === 'sign-in' && !view.who) return nothing;
    const recoveryCode = view.kind === 'recover' && view.step === 'code';
    return html`<kiosk-pin-pad
      .minDigits=${recoveryCode ? RECOVERY_CODE_DIGITS : 4}
      .maxDigits=${recoveryCode ? RECOVERY_CODE_DIGITS : 8}
      .reveal=${recoveryCode}
      ?disabled=${this._checking || this._lockedMs > 0}
      @kiosk-pin-entered=${this._entered}
    ></kiosk-pin-pad>`;
  }

  private _entered = (e: KioskPinEnteredEvent) => void this._handle(e.detail);

  private async _handle(pin: string) {
    const view = this._view;
    this._message = '';
    this._checking = true;
    try {
      switch (view.kind) {
        case 'owner':
          return this._after(await signIn(OWNER_ID, pin));
        case 'sign-in':
          if (view.who) return this._after(await signIn(view.who.id, pin));
          return;
        case 'set-owner':
          if (view.step === 'pin') {
            this._view = { kind: 'set-owner', step: 'repeat', first: pin };
          } else if (view.step === 'repeat') {
            if (pin !== view.first) {
              this._message = msg('两次输入的密码不一样，请重新设置。');
              this._view = { kind: 'set-owner', step: 'pin' };
              return;
            }
            const code = await setUpOwner(pin);
            this._view = { kind: 'set-owner', step: 'code', code };
          }
          return;
        case 'recover':
          if (view.step === 'code') {
            this._view = { kind: 'recover', step: 'pin', typedCode: pin };
          } else if (view.step === 'pin') {
            this._view = { ...view, step: 'repeat', first: pin };
          } else if (view.step === 'repeat') {
            if (pin !== view.first) {
              this._message = msg('两次输入的密码不一样，请重新输入新密码。');
              this._view = { ...view, step: 'pin' };
              return;
            }
            const result = await recoverOwner(view.typedCode ?? '', pin);
            if (result.ok) this._view = { kind: 'recover', step: 'shown', code: result.recoveryCode ?? '' };
            else {
              this._view = { kind: 'recover', step: 'code' };
              this._explain(result);
            }
          }
          return;
        case 'closed':
          return;
      }
    } catch (error) {
      console.error('PIN pad', error);
      this._message = msg('出错了，请再试一次。');
    } finally {
      this._checking = false;
      this._pad?.clear();
      await this._refreshLock();
    }
  }

  private _after(result: PinCheck) {
    if (result.ok) {
      this._close();
      return;
    }
    this._explain(result);
  }

  private _explain(result: Exclude<PinCheck, { ok: true }>) {
    if (result.reason === 'wrong') {
      this._message =
        result.lockedMs > 0 ? msg('密码不对。') : msg(str`密码不对，请再试一次（已错 ${result.failures} 次，错 5 次会暂时锁定）。`);
    } else if (result.reason === 'unknown') {
      this._message = msg('没有找到这个人或恢复码。');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-pin-gate': KioskPinGate;
  }
  interface HTMLElementEventMap {
    'kiosk-pin-gate-closed': KioskPinGateClosedEvent;
  }
}
