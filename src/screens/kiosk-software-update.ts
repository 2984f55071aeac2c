/**
 * The software version in the owner's 数据安全 panel, and 安装更新: a release
 * bundle on the USB stick installed through the terminal service (POST /update;
 * the root updater checks, unpacks, switches, health-checks and rolls back by
 * itself). The owner sees each step, the result, and after a rollback whether
 * the old version runs again. The service restarts during an update, so it is
 * unreachable for a while: that is a step too, not a failure.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase } from '../styles.ts';
import { panelStyles, statusStyles } from '../components/panel-styles.ts';
import type { MaintenanceService, UpdateProgressReport, UpdateReport, VersionReport } from '../data/maintenance-service.ts';
import { kioskSignal } from '../components/kiosk-event.ts';
import { lastUpdateText, updateStepText } from '../wording/maintenance-text.ts';

/** The new release is running: the page reloads to run its new app too. */
export class KioskUpdateInstalledEvent extends kioskSignal('kiosk-update-installed') {}

/** The steps in the order an update goes through them (rolling back only when the new release fails). */
const STEPS: UpdateProgressReport['step'][] = ['copying', 'waiting', 'checking', 'unpacking', 'starting', 'rolling-back'];

type Installing =
  | { step: 'confirm'; name: string }
  /** `before`: the last result as it was, so a result is known to be this update's when it differs. */
  | { step: 'running'; name: string; before: string; progress: UpdateProgressReport | null; unreachable: boolean }
  | { step: 'done'; result: UpdateReport }
  | { step: 'failed'; why: string };

@customElement('kiosk-software-update')
@localized()
export class KioskSoftwareUpdate extends LitElement {
  @property({ attribute: false }) service?: MaintenanceService;
  /** How often a running update is asked about. */
  @property({ type: Number }) pollMs = 1000;

  @state() private _version?: VersionReport | undefined;
  @state() private _loaded = false;
  @state() private _installing?: Installing | undefined;
  private _timer?: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    kioskBase,
    panelStyles,
    statusStyles,
    css`
      /* One card of the 数据安全 panel's row, as high as the cards beside it. */
      :host {
        display: block;
      }
      .card {
        height: 100%;
      }
      h3 {
        margin: 0 0 8px;
      }
      p {
        margin: 4px 0;
      }
      button {
        min-height: var(--kiosk-touch-min);
        padding: 0 16px;
      }
      ul {
        list-style: none;
        margin: 4px 0;
        padding: 0;
        display: grid;
        gap: 6px;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
      }
      progress {
        width: 200px;
        height: 20px;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  /** Is an update being started or followed here (the panel stays open meanwhile)? */
  get busy(): boolean {
    return this._installing?.step === 'running';
  }

  async refresh(): Promise<void> {
    this._version = await this.service?.version().catch(() => undefined);
    this._loaded = true;
    // An update started earlier (another visit to the panel) is still going: follow it.
    const progress = this._version?.progress;
    if (progress && !this._installing) {
      this._installing = {
        step: 'running',
        name: progress.offered,
        before: JSON.stringify(this._version?.result ?? null),
        progress,
        unreachable: false,
      };
      this._poll();
    }
  }

  override render() {
    const v = this._version;
    return html`<section class="card" data-kind="version">
      <h3>${msg('软件版本')}</h3>
      ${
        !v
          ? html`<p>${this._loaded ? msg('连不上终端服务，无法读取版本。') : msg('正在读取…')}</p>`
          : html`<p>${msg(str`正在运行：${v.version}`)}</p>
              ${
                !v.result
                  ? html`<p>${msg('还没有安装过更新。')}</p>`
                  : html`<p class=${updateOk(v.result) ? 'ok' : 'warn'} data-kind="update-${v.result.outcome}">
                      ${lastUpdateText(v.result)} (${new Date(v.result.at).toLocaleString('zh-CN')})
                    </p>`
              }`
      }
      ${this._renderInstalling()} ${this._renderBundles()}
    </section>`;
  }

  private _renderBundles() {
    const bundles = this._version?.bundles ?? [];
    if (!this._version || this._installing?.step === 'running' || this._installing?.step === 'confirm') return nothing;
    if (bundles.length === 0) return html`<p data-kind="no-update-bundles">${msg('U 盘上没有更新包（.shoprelease）。')}</p>`;
    return html`<ul data-kind="update-bundles">
      ${bundles.map(
        (name) =>
          html`<li>
            <span>${name}</span>
            <button type="button" name="install-update" data-name=${name} @click=${() => (this._installing = { step: 'confirm', name })}>
              ${msg('安装更新')}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  private _renderInstalling() {
    const i = this._installing;
    if (!i) return nothing;
    switch (i.step) {
      case 'confirm':
        return html`<div data-kind="update-confirm">
          <p>${msg(str`安装 ${i.name}？终端服务会重新启动，大约一分钟；扫码会先记在日志里，不会丢。新版本启动不正常时会自动退回现在的版本。`)}</p>
          <button type="button" name="install-update-confirm" class="primary" @click=${() => void this.install(i.name)}>${msg('确认安装')}</button>
          <button type="button" name="install-update-cancel" @click=${() => (this._installing = undefined)}>${msg('取消')}</button>
        </div>`;
      case 'running': {
        const at = i.progress ? STEPS.indexOf(i.progress.step) + 1 : 0;
        return html`<div data-kind="update-progress" role="status">
          <p>${i.unreachable ? msg('终端服务正在重新启动…') : updateStepText(i.progress?.step, i.progress?.offered ?? i.name)}</p>
          <progress max=${STEPS.length - 1} .value=${Math.min(at, STEPS.length - 1)}></progress>
        </div>`;
      }
      case 'done':
        return html`<div data-kind="update-done" role="status">
          <p class=${updateOk(i.result) ? 'ok' : 'warn'} data-kind="update-done-${i.result.outcome}">${lastUpdateText(i.result)}</p>
          ${i.result.outcome === 'refused' ? html`<p>${i.result.message}</p>` : nothing}
          ${
            i.result.outcome === 'installed'
              ? html`<button type="button" name="reload-after-update" class="primary" @click=${() => this.dispatchEvent(new KioskUpdateInstalledEvent())}>
                  ${msg('重新启动柜台画面')}
                </button>`
              : html`<button type="button" name="update-dismiss" @click=${() => (this._installing = undefined)}>${msg('知道了')}</button>`
          }
        </div>`;
      case 'failed':
        return html`<div data-kind="update-failed" role="alert">
          <p class="warn">${msg(str`没能开始安装：${i.why}`)}</p>
          <button type="button" name="update-dismiss" @click=${() => (this._installing = undefined)}>${msg('知道了')}</button>
        </div>`;
    }
  }

  /** Hand the bundle to the service, then follow its steps until its result is written. */
  async install(name: string): Promise<void> {
    if (!this.service) return;
    const before = JSON.stringify(this._version?.result ?? null);
    this._installing = { step: 'running', name, before, progress: { step: 'copying', offered: name }, unreachable: false };
    try {
      await this.service.installUpdate(name);
    } catch (error) {
      this._installing = { step: 'failed', why: (error as Error).message };
      return;
    }
    this._poll();
  }

  private _poll(): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => void this._check(), this.pollMs);
  }

  private async _check(): Promise<void> {
    const i = this._installing;
    if (i?.step !== 'running' || !this.isConnected) return;
    const report = await this.service?.version().catch(() => undefined);
    if (!report) {
      // Restarting (the new release, or the old one after a rollback): keep asking.
      this._installing = { ...i, unreachable: true };
    } else {
      this._version = report;
      if (!report.progress && report.result && JSON.stringify(report.result) !== i.before) {
        this._installing = { step: 'done', result: report.result };
        return;
      }
      this._installing = { ...i, progress: report.progress ?? i.progress, unreachable: false };
    }
    this._poll();
  }
}

function updateOk(result: UpdateReport): boolean {
  return result.outcome === 'installed' || result.outcome === 'already-installed';
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-software-update': KioskSoftwareUpdate;
  }
  interface HTMLElementEventMap {
    'kiosk-update-installed': KioskUpdateInstalledEvent;
  }
}
