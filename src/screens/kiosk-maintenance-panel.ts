/**
 * The owner's 数据安全 panel (issue 14): back up now (with its progress), the
 * backups the service keeps (on the terminal and on a USB stick), restoring
 * one (what it holds, the owner's PIN once more, checksum, a clear result),
 * the storage used and free (warned at 80% of the browser's quota), the clock
 * (not synchronised, or it jumped) and the software version with offline
 * updates from the USB stick (<kiosk-software-update>). Shown only in an owner session; it closes itself
 * when the session does (idle lock, lock button).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { BackupError, createBackup, restoreBackup, verifyBackup, type BackupHeader } from '../data/backup.ts';
import { canDo, confirmOwnerPin } from '../data/roles.ts';
import { OwnerController } from './owner-controller.ts';
import { storageUse, type StorageUse } from '../data/retention.ts';
import {
  HttpMaintenanceService,
  clockLooksWrong,
  type ClockReport,
  type ListedBackup,
  type MaintenanceService,
} from '../data/maintenance-service.ts';
import type { KioskPinEnteredEvent } from '../components/kiosk-pin-pad.ts';
import '../components/kiosk-pin-pad.ts';
import './kiosk-software-update.ts';
import { kioskSignal } from '../components/kiosk-event.ts';
import { maintenancePanelStyles } from './maintenance-panel-styles.ts';
import { backupRefusalText, clockJumpText } from '../wording/maintenance-text.ts';

export class KioskMaintenancePanelClosedEvent extends kioskSignal('kiosk-maintenance-panel-closed') {}

/** A restore restarts the page: every screen and cache reads the restored data afresh. */
export class KioskRestoredEvent extends kioskSignal('kiosk-restored') {}

type BackingUp =
  | { step: 'export'; done: number; total: number }
  | { step: 'send' }
  | { step: 'done'; name: string; usb: number }
  | { step: 'failed'; why: string };

type Restoring =
  | { step: 'preview'; backup: ListedBackup }
  | { step: 'pin'; backup: ListedBackup; message?: string }
  | { step: 'read'; backup: ListedBackup }
  | { step: 'verify'; backup: ListedBackup }
  | { step: 'write'; backup: ListedBackup; done: number; total: number }
  | { step: 'done'; header: BackupHeader }
  | { step: 'failed'; why: string };

@customElement('kiosk-maintenance-panel')
@localized()
export class KioskMaintenancePanel extends LitElement {
  /** The terminal service (tests hand in a fake). */
  @property({ attribute: false }) service: MaintenanceService = new HttpMaintenanceService();

  @state() private _backups?: ListedBackup[] | undefined;
  @state() private _serviceDown = false;
  @state() private _storage?: StorageUse | undefined;
  @state() private _clock?: ClockReport | undefined;
  @state() private _backingUp?: BackingUp | undefined;
  @state() private _restoring?: Restoring | undefined;

  static override styles = maintenancePanelStyles;

  /** Closes the panel when the session that opened it ends (idle lock, lock button). */
  private readonly _owner = new OwnerController(this, () => this._changed());

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** The session closed (idle lock, lock button): the panel goes with it, once nothing is being written. */
  private _changed = () => {
    if (!this._owner.may('restore') && !this._busy()) this._close();
  };

  /** After a restore the page starts afresh whichever way the panel is left. */
  private _close() {
    this.dispatchEvent(this._restoring?.step === 'done' ? new KioskRestoredEvent() : new KioskMaintenancePanelClosedEvent());
  }

  private _busy(): boolean {
    const r = this._restoring?.step;
    const b = this._backingUp?.step;
    return r === 'read' || r === 'verify' || r === 'write' || b === 'export' || b === 'send';
  }

  /** Read again what the panel shows. */
  async refresh(): Promise<void> {
    const [backups, storage, clock] = await Promise.all([
      this.service.listBackups(),
      storageUse().catch(() => undefined),
      this.service.clock(),
    ]);
    this._backups = backups ?? [];
    this._serviceDown = backups === undefined;
    this._storage = storage;
    this._clock = clock;
  }

  override render() {
    if (!canDo('restore') && !this._busy()) return nothing;
    return html`<div class="top">
        <h2>${msg('数据安全')}</h2>
        <button type="button" name="back-up-now" class="primary" ?disabled=${this._busy()} @click=${() => void this.backUpNow()}>
          ${msg('立即备份')}
        </button>
        <button type="button" name="close-maintenance" ?disabled=${this._busy()} @click=${() => this._close()}>${msg('返回')}</button>
      </div>
      ${this._renderBackingUp()} ${this._renderRestoring()}
      <div class="facts">${this._renderStorage()} ${this._renderClock()} <kiosk-software-update .service=${this.service}></kiosk-software-update></div>
      ${this._renderBackups()}`;
  }

  private _renderBackingUp() {
    const b = this._backingUp;
    if (!b) return nothing;
    switch (b.step) {
      case 'export':
        return html`<div class="card row" data-kind="backup-progress" role="status">
          ${msg(str`正在导出：${b.done} / ${b.total} 条记录`)} <progress max=${b.total} .value=${b.done}></progress>
        </div>`;
      case 'send':
        return html`<div class="card" data-kind="backup-progress" role="status">${msg('正在保存到终端和 U 盘…')}</div>`;
      case 'done':
        return html`<div class="card ok" data-kind="backup-done" role="status">
          ${b.usb > 0 ? msg(str`备份完成：${b.name}（已复制到 U 盘）`) : msg(str`备份完成：${b.name}（没有插 U 盘，只存在终端上）`)}
        </div>`;
      case 'failed':
        return html`<div class="error" data-kind="backup-failed" role="alert">${msg(str`备份没有成功：${b.why}`)}</div>`;
    }
  }

  private _renderStorage() {
    const s = this._storage;
    return html`<section class="card" data-kind="storage">
      <h3>${msg('存储空间')}</h3>
      ${
        s
          ? html`<p>${msg(str`已用 ${megabytes(s.usedBytes)}，可用 ${megabytes(s.freeBytes)}（共 ${megabytes(s.quotaBytes)}）`)}</p>
              ${
                s.warn
                  ? html`<p class="warn" data-kind="storage-warn">
                      ${msg(str`已用 ${Math.round((100 * s.usedBytes) / s.quotaBytes)}%：空间快满了。请备份到 U 盘，并联系维护人员。`)}
                    </p>`
                  : nothing
              }`
          : html`<p>${msg('浏览器没有提供存储空间的数字。')}</p>`
      }
    </section>`;
  }

  private _renderClock() {
    const c = this._clock;
    const lastJump = c?.jumps[c.jumps.length - 1];
    return html`<section class="card" data-kind="clock">
      <h3>${msg('时钟')}</h3>
      ${
        !c
          ? html`<p>${msg('连不上终端服务，无法检查时钟。')}</p>`
          : html`<p>${msg(str`终端时间：${new Date(c.now).toLocaleString('zh-CN')}`)}</p>
              ${
                c.synchronized === true
                  ? html`<p class="ok" data-kind="clock-synced">${msg('已与网络时间同步')}</p>`
                  : c.synchronized === false
                    ? html`<p class="warn" data-kind="clock-unsynced">
                        ${msg('时钟还没有同步：日期可能不对。请连上网络，或请维护人员设置时间。')}
                      </p>`
                    : html`<p>${msg('不知道时钟是否同步（没有 timesyncd）。')}</p>`
              }
              ${c.implausible ? html`<p class="warn" data-kind="clock-implausible">${msg('日期早于 2025 年，肯定不对。')}</p>` : nothing}
              ${
                lastJump
                  ? html`<p class=${clockLooksWrong(c) ? 'warn' : ''} data-kind="clock-jump">
                      ${msg(str`时钟跳了 ${clockJumpText(lastJump.byMs)}（${new Date(lastJump.at).toLocaleString('zh-CN')}）。这之前记录的时间可能不对；扫码和库存的先后顺序不受影响。`)}
                    </p>`
                  : nothing
              }`
      }
    </section>`;
  }

  private _renderBackups() {
    if (this._serviceDown) {
      return html`<section class="card" data-kind="backups"><p class="warn">${msg('连不上终端服务：看不到备份。')}</p></section>`;
    }
    const list = this._backups;
    return html`<section class="card" data-kind="backups">
      <h3>${msg('备份')}</h3>
      ${
        !list
          ? html`<p>${msg('正在读取…')}</p>`
          : list.length === 0
            ? html`<p data-kind="no-backups">${msg('还没有备份。')}</p>`
            : html`<table>
                <tr>
                  <th>${msg('日期')}</th>
                  <th>${msg('位置')}</th>
                  <th>${msg('商品')}</th>
                  <th>${msg('库存记录')}</th>
                  <th>${msg('最后一笔销售')}</th>
                  <th></th>
                </tr>
                ${list.map(
                  (b) =>
                    html`<tr data-kind="backup" data-name=${b.name}>
                      <td>${new Date(b.header.createdAt).toLocaleString('zh-CN')}</td>
                      <td>${b.where === 'usb' ? msg('U 盘') : msg('终端')}</td>
                      <td>${b.header.summary.products}</td>
                      <td>${b.header.summary.movements}</td>
                      <td>${lastSaleText(b.header)}</td>
                      <td>
                        <button
                          type="button"
                          name="restore"
                          ?disabled=${this._busy()}
                          @click=${() => (this._restoring = { step: 'preview', backup: b })}
                        >
                          ${msg('恢复…')}
                        </button>
                      </td>
                    </tr>`,
                )}
              </table>`
      }
    </section>`;
  }

  private _renderRestoring() {
    const r = this._restoring;
    if (!r) return nothing;
    switch (r.step) {
      case 'preview':
      case 'pin':
        return html`<section class="card restore" data-kind="restore-${r.step}">
          <div>
            <h3>${msg('恢复这个备份')}</h3>
            ${holds(r.backup.header)}
            <p>${msg('恢复只能在空的终端上进行（新终端，或数据已清除）。本机的店主密码、员工和操作记录保持不变。')}</p>
            ${r.step === 'pin' && r.message ? html`<p class="error" role="alert">${r.message}</p>` : nothing}
            <div class="row">
              ${
                r.step === 'preview'
                  ? html`<button
                      type="button"
                      name="restore-confirm"
                      class="primary"
                      @click=${() => (this._restoring = { step: 'pin', backup: r.backup })}
                    >
                      ${msg('确认恢复')}
                    </button>`
                  : html`<span>${msg('店主请输入密码确认。')}</span>`
              }
              <button type="button" name="restore-cancel" @click=${() => (this._restoring = undefined)}>${msg('取消')}</button>
            </div>
          </div>
          ${
            r.step === 'pin'
              ? html`<kiosk-pin-pad @kiosk-pin-entered=${(e: KioskPinEnteredEvent) => void this._restore(r.backup, e.detail)}></kiosk-pin-pad>`
              : nothing
          }
        </section>`;
      case 'read':
        return html`<div class="card" data-kind="restore-progress" role="status">${msg('正在读取备份文件…')}</div>`;
      case 'verify':
        return html`<div class="card" data-kind="restore-progress" role="status">${msg('正在检查校验和…')}</div>`;
      case 'write':
        return html`<div class="card row" data-kind="restore-progress" role="status">
          ${msg(str`正在恢复：${r.done} / ${r.total} 条记录。请不要关闭终端。`)} <progress max=${r.total} .value=${r.done}></progress>
        </div>`;
      case 'done':
        return html`<div class="card restore" data-kind="restore-done" role="status">
          <div>
            <p class="ok">${msg('恢复完成，校验和正确。')}</p>
            ${holds(r.header)}
            <button type="button" name="restart-after-restore" class="primary" @click=${() => this.dispatchEvent(new KioskRestoredEvent())}>
              ${msg('重新启动柜台画面')}
            </button>
          </div>
        </div>`;
      case 'failed':
        return html`<div class="error" data-kind="restore-failed" role="alert">
          ${r.why}
          <button type="button" name="restore-dismiss" @click=${() => (this._restoring = undefined)}>${msg('知道了')}</button>
        </div>`;
    }
  }

  /** Export the database, hand it to the service (which keeps it and copies it to a stick). */
  async backUpNow(): Promise<void> {
    if (this._busy()) return;
    this._backingUp = { step: 'export', done: 0, total: 0 };
    try {
      const { bytes } = await createBackup(Date.now(), (done, total) => (this._backingUp = { step: 'export', done, total }));
      this._backingUp = { step: 'send' };
      const saved = await this.service.saveBackup(bytes);
      this._backingUp = { step: 'done', name: saved.name, usb: saved.usb.length };
    } catch (error) {
      this._backingUp = { step: 'failed', why: (error as Error).message };
    }
    // The session may have locked meanwhile: the panel goes now that nothing is written.
    this._changed();
    await this.refresh();
  }

  private async _restore(backup: ListedBackup, pin: string): Promise<void> {
    const check = await confirmOwnerPin(pin);
    if (!check.ok) {
      const message = check.reason === 'locked' ? msg('密码错误次数太多，请稍后再试。') : msg('店主密码不对。');
      this._restoring = { step: 'pin', backup, message };
      return;
    }
    try {
      this._restoring = { step: 'read', backup };
      const bytes = await this.service.readBackup(backup.name, backup.where);
      this._restoring = { step: 'verify', backup };
      // Checked here first so the owner sees this step; restoreBackup checks again before writing.
      await verifyBackup(bytes);
      this._restoring = { step: 'write', backup, done: 0, total: 0 };
      const header = await restoreBackup(bytes, (done, total) => (this._restoring = { step: 'write', backup, done, total }));
      this._restoring = { step: 'done', header };
    } catch (error) {
      this._restoring = {
        step: 'failed',
        why:
          error instanceof BackupError
            ? backupRefusalText(error.reason)
            : msg(str`恢复没有成功，终端里的数据已恢复原样（空）：${(error as Error).message}`),
      };
    }
    this._changed();
  }
}

function holds(header: BackupHeader) {
  return html`<dl data-kind="backup-holds">
    <dt>${msg('备份时间')}</dt>
    <dd>${new Date(header.createdAt).toLocaleString('zh-CN')}</dd>
    <dt>${msg('商品')}</dt>
    <dd>${header.summary.products}</dd>
    <dt>${msg('库存记录')}</dt>
    <dd>${header.summary.movements}</dd>
    <dt>${msg('扫码记录')}</dt>
    <dd>${header.summary.scans}</dd>
    <dt>${msg('最后一笔销售')}</dt>
    <dd>${lastSaleText(header)}</dd>
  </dl>`;
}

function lastSaleText(header: BackupHeader): string {
  const sale = header.summary.lastSale;
  if (!sale) return msg('没有销售');
  return `${sale.day} ${sale.code} × ${-sale.quantity}`;
}

function megabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-maintenance-panel': KioskMaintenancePanel;
  }
  interface HTMLElementEventMap {
    'kiosk-maintenance-panel-closed': KioskMaintenancePanelClosedEvent;
    'kiosk-restored': KioskRestoredEvent;
  }
}
