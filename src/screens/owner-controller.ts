/**
 * The one owner check as the screens use it: re-renders its screen when
 * someone signs in or out (the idle lock, the lock button), and renders the
 * "owner needed" card whose button opens the one PIN pad (<kiosk-pin-gate>,
 * through askForOwner in src/data/roles.ts). Every screen uses this one
 * controller; none has its own PIN entry.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import { askForOwner, canDo, roleEvents, type RoleAction } from '../data/roles.ts';

export class OwnerController implements ReactiveController {
  /** `changed`: what the host does besides re-rendering when someone signs in or out (a panel closes itself). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly changed?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    roleEvents.addEventListener('change', this._changed);
  }

  hostDisconnected(): void {
    roleEvents.removeEventListener('change', this._changed);
  }

  /** May the person signed in now do it (no asking)? */
  may(action: RoleAction): boolean {
    return canDo(action);
  }

  /** Ask for the owner's PIN unless an owner session is open; true when the action may go ahead. */
  async ask(action: RoleAction): Promise<boolean> {
    const allowed = await askForOwner(action);
    this.host.requestUpdate();
    return allowed;
  }

  /** The card shown instead of an owner-only screen part: what is needed, and the button that asks. */
  renderNeeded(action: RoleAction, what: string) {
    return html`<div class="card denied" role="alert" data-kind="owner-needed">
      <h2>${msg('需要店主权限')}</h2>
      <p>${what}</p>
      <button type="button" name="owner-pin" class="primary" @click=${() => void this.ask(action)}>${msg('输入店主密码')}</button>
    </div>`;
  }

  private _changed = () => {
    this.host.requestUpdate();
    this.changed?.();
  };
}
