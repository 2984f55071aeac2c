/**
 * Visit mode (客户经理拜访, issue 12): the rep's screen, reached only in a rep
 * session (the owner reaches it too, to confirm a visit and read the log;
 * nobody else: <kiosk-app> leaves the mode when the session ends).
 *
 * The rep starts a visit (its start time shows), then works through tabs:
 * 价签检查 (the counter scanner's scans land here), 驻店清单, 记录 (notes and
 * next actions), and 总结, where the rep closes the visit and the owner
 * confirms it with their PIN (the one PIN pad, through OwnerController); a
 * confirmed visit is read-only. 回顾 and 季度评价 are the evaluation's elements
 * (another part of issue 12), shown once they are defined.
 *
 * Everything is written as it happens (src/data/visits.ts), including the tab
 * the rep is on: a reload or a crash mid-visit comes back to the open visit,
 * on the same tab, once the rep has signed in again.
 */
import { LitElement, html, nothing } from 'lit';
import { Task } from '@lit/task';
import { evaluationData } from '../data/evaluation-data.ts';
import { exportVisitBundle, sendVisitBundle, type BundleUsb, type OutboxHandOver } from '../data/visit-bundle.ts';
import { HttpOutboxService, type OutboxService, type OutboxView } from '../data/outbox.ts';
import { HttpUsbService } from '../data/usb-files.ts';
import { localDay } from '../domain/product.ts';
import { storageKindText } from '../wording/storage-text.ts';
import '../components/kiosk-visit-review.ts';
import '../components/kiosk-quarter-evaluation.ts';
import { customElement, property, state, query } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { OwnerController } from './owner-controller.ts';
import { canDo, currentSession } from '../data/roles.ts';
import {
  closeVisit,
  confirmVisit,
  getOpenVisit,
  getVisitCadence,
  getVisitEvaluationInputs,
  pauseVisit,
  resumeVisit,
  setVisitTab,
  startVisit,
  type VisitRecord,
  type VisitTab,
} from '../data/visits.ts';
import type { Scan } from '../domain/scan-protocol.ts';
import type { VisitCadence } from '../domain/visit.ts';
import { visitCadenceText, visitStatusName, visitTabName } from '../wording/visit-text.ts';
import type { KioskVisitChangedEvent } from '../components/visit-events.ts';
import type { KioskVisitAudit } from './kiosk-visit-audit.ts';
import './kiosk-visit-audit.ts';
import './kiosk-visit-checklist.ts';
import './kiosk-visit-notes.ts';
import '../components/kiosk-visit-summary.ts';
import './kiosk-visit-log.ts';
import { visitScreenStyles } from './visit-screen-styles.ts';

const TABS: readonly VisitTab[] = ['audit', 'checklist', 'notes', 'review', 'quarter', 'summary'];

@customElement('kiosk-visit-screen')
@localized()
export class KioskVisitScreen extends LitElement {
  @state() private _visit?: VisitRecord | undefined;
  @state() private _cadence?: VisitCadence | undefined;
  @state() private _loaded = false;
  @state() private _showLog = false;
  @state() private _message = '';
  @state() private _busy = false;
  /** Where the signed report goes (the terminal service's USB endpoints; tests pass a fake). */
  @property({ attribute: false }) usb: BundleUsb = new HttpUsbService();
  /** The terminal service's outbox for the collector (tests pass a fake). */
  @property({ attribute: false }) outbox: OutboxService = new HttpOutboxService();
  /** The last hand-over to the outbox and the outbox as read after it. */
  @state() private _outbox?: { handOver: OutboxHandOver; view: OutboxView | undefined } | undefined;
  /** How the visit report is printed (tests replace it). */
  @property({ attribute: false }) printPage: () => void = () => window.print();
  /** What happened to the last "存到 U 盘". */
  @state() private _bundleNotice?: { tone: 'info' | 'warn' | 'error'; text: string } | undefined;
  /** What the review and the quarter's grade take from the visits; read when one of those tabs is open. */
  private _evaluationInputs = new Task(this, {
    task: ([visitId]) => (visitId ? getVisitEvaluationInputs(visitId) : Promise.resolve(undefined)),
    args: () => [this._visit && (this._visit.tab === 'review' || this._visit.tab === 'quarter') ? this._visit.id : undefined] as const,
  });
  @query('kiosk-visit-audit') private _audit?: KioskVisitAudit;

  private readonly _owner = new OwnerController(this);

  static override styles = visitScreenStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    try {
      const [visit, cadence] = await Promise.all([getOpenVisit(), getVisitCadence()]);
      this._visit = visit;
      this._cadence = cadence;
    } catch (error) {
      console.error('visit screen', error);
      this._message = msg('拜访记录读不出来，请重新加载。');
    } finally {
      this._loaded = true;
    }
  }

  /** A counter scan in visit mode: a product for the price-tag audit. */
  async showScan(scan: Scan): Promise<void> {
    if (!this._loaded) await this._load();
    const visit = this._visit;
    if (!visit || visit.status !== 'open' || !canDo('visit')) {
      this._message = msg('扫码只用于价签检查：请先开始或继续拜访。');
      return;
    }
    this._message = '';
    if (visit.tab !== 'audit') await this._setTab('audit');
    await this.updateComplete;
    await this._audit?.showCode(scan.code);
  }

  private _changed = (e: KioskVisitChangedEvent) => {
    // A part that wrote gets the stored record back; keep the newest write, and
    // the tab on screen (a tab tapped meanwhile is written after it).
    const shown = this._visit;
    if (!shown || e.detail.id !== shown.id) this._visit = e.detail;
    else if (e.detail.rev >= shown.rev) this._visit = { ...e.detail, tab: shown.tab };
  };

  private async _do(work: () => Promise<VisitRecord | undefined>) {
    if (this._busy) return;
    this._busy = true;
    this._message = '';
    try {
      const visit = await work();
      if (visit) this._visit = visit;
    } catch (error) {
      console.error('visit', error);
      this._message =
        (error as { reason?: string }).reason === 'visit-confirmed'
          ? msg('这次拜访店主已确认，不能再修改。')
          : msg('没能完成，请再试一次。');
    } finally {
      this._busy = false;
    }
  }

  private _start = () => this._do(() => startVisit());

  /**
   * The tab shows at once and is written behind it (a tap on a tab is never
   * dropped while another write is on its way); writes of one store commit in
   * order, so the last tab tapped is the one stored.
   */
  private async _setTab(tab: VisitTab) {
    const visit = this._visit;
    if (!visit) return;
    this._visit = { ...visit, tab };
    // The owner looking on: only the screen changes, the visit is the rep's.
    if (!canDo('visit')) return;
    try {
      const stored = await setVisitTab(visit.id, tab);
      if (this._visit?.id === stored.id && stored.rev >= this._visit.rev) this._visit = { ...stored, tab: this._visit.tab };
    } catch (error) {
      console.error('visit tab', error);
    }
  }

  private _confirm = async () => {
    const visit = this._visit;
    if (!visit) return;
    if (!(await this._owner.ask('confirm-visit'))) return;
    await this._do(async () => {
      const confirmed = await confirmVisit(visit.id);
      this._cadence = await getVisitCadence();
      return confirmed;
    });
    const confirmed = this._visit;
    if (confirmed?.status === 'confirmed') void this._send(confirmed);
  };

  /** The confirmed visit's signed bundle into the service's outbox, for the collector. */
  private async _send(visit: VisitRecord) {
    try {
      const handOver = await sendVisitBundle(visit, this.outbox);
      this._outbox = { handOver, view: await this.outbox.state() };
    } catch (error) {
      console.error('visit bundle: making it for the outbox failed', error);
      this._outbox = { handOver: { status: 'failed', kind: 'refused', message: (error as Error).message }, view: undefined };
    }
  }

  private _renderOutbox() {
    if (!this._outbox) return nothing;
    const { handOver, view } = this._outbox;
    if (handOver.status === 'failed') {
      const text =
        handOver.kind === 'unreachable'
          ? msg('拜访报告没能交给终端的发件箱：终端服务没有响应。请把报告存到 U 盘带走。')
          : msg(str`拜访报告没能交给终端的发件箱（${handOver.message}）。请把报告存到 U 盘带走。`);
      return html`<p role="status" data-kind="outbox-result" data-outbox="failed" data-tone="error">${text}</p>`;
    }
    const refused = view?.refused.find((r) => r.name === handOver.fileName);
    const waiting = view?.pending.includes(handOver.fileName) ?? true;
    const [state, tone, text] = refused
      ? (['refused', 'error', msg(str`烟草公司的系统拒收了这份拜访报告：${refused.message}。请把报告存到 U 盘，交给公司处理。`)] as const)
      : !waiting
        ? (['sent', 'info', msg('拜访报告已发送给烟草公司。')] as const)
        : view?.collector
          ? (['waiting', 'info', msg('拜访报告在发件箱里等待发送，联网后会自动发给烟草公司。')] as const)
          : (['waiting', 'warn', msg('拜访报告在发件箱里。这台终端没有设置烟草公司的服务器，请把报告存到 U 盘带走。')] as const);
    return html`<p role="status" data-kind="outbox-result" data-outbox=${state} data-tone=${tone}>${text}</p>
      <button type="button" name="refresh-outbox" @click=${() => void this._refreshOutbox()}>${msg('刷新发送状态')}</button>`;
  }

  private async _refreshOutbox() {
    if (this._outbox) this._outbox = { ...this._outbox, view: await this.outbox.state() };
  }

  override render() {
    if (!this._loaded) return nothing;
    if (this._showLog) {
      return html`<div class="bar">
          <span class="title">${msg('拜访记录')}</span>
          <button type="button" name="close-log" @click=${() => (this._showLog = false)}>${msg('返回')}</button>
        </div>
        <kiosk-visit-log class="content"></kiosk-visit-log>`;
    }
    const rep = canDo('visit');
    // Only a rep or the owner; <kiosk-app> leaves the mode when the session ends, this is the second line.
    if (!rep && !canDo('confirm-visit')) {
      return html`<section class="card" data-kind="visit-sign-in"><p>${msg('请客户经理登录后再拜访。')}</p></section>`;
    }
    const visit = this._visit;
    // A visit just confirmed stays on screen (read only) until 完成.
    if (!visit) return this._renderStart(rep);
    return this._renderVisit(visit, rep);
  }

  private _renderCadence() {
    if (!this._cadence) return nothing;
    const overdue = this._cadence.kind !== 'exempt' && this._cadence.overdue;
    return html`<p class=${overdue ? 'overdue' : ''} data-kind="visit-cadence" data-overdue=${overdue ? 'true' : 'false'}>${visitCadenceText(this._cadence)}</p>`;
  }

  private _renderStart(rep: boolean) {
    const who = currentSession();
    return html`<section class="card start" data-kind="visit-start">
      <h2>${msg('客户经理拜访')}</h2>
      ${this._renderCadence()}
      <div class="row">
        ${
          rep
            ? html`<button type="button" class="primary big" name="start-visit" data-main-action ?disabled=${this._busy} @click=${this._start}>
              ${msg('开始拜访')}
            </button>`
            : nothing
        }
        <button type="button" name="open-log" @click=${() => (this._showLog = true)}>${msg('拜访记录')}</button>
      </div>
      ${
        rep
          ? html`<p>${msg(str`${who?.name ?? ''}：开始后，价签检查、驻店清单和记录都会随时保存，重新加载也不会丢失。`)}</p>`
          : html`<p>${msg('没有等确认的拜访。')}</p>`
      }
      ${this._message ? html`<p class="message" role="alert">${this._message}</p>` : nothing}
    </section>`;
  }

  private _renderVisit(visit: VisitRecord, rep: boolean) {
    const readonly = !rep || visit.status !== 'open';
    const started = new Date(visit.startedAt).toLocaleString('zh-CN', {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    return html`<div class="bar" data-kind="visit-bar" data-status=${visit.status}>
        <span class="title" data-kind="visit-started">${msg(str`拜访 · ${visit.repName} · ${started} 开始 · ${visitStatusName(visit.status)}`)}</span>
        ${
          rep && visit.status === 'open'
            ? html`<button type="button" name="pause-visit" ?disabled=${this._busy} @click=${() => this._do(() => pauseVisit(visit.id))}>${msg('暂停')}</button>`
            : nothing
        }
        ${
          rep && (visit.status === 'paused' || visit.status === 'awaiting-confirmation')
            ? html`<button type="button" name="resume-visit" class="primary" ?disabled=${this._busy} @click=${() => this._do(() => resumeVisit(visit.id))}>
              ${visit.status === 'paused' ? msg('继续拜访') : msg('继续修改')}
            </button>`
            : nothing
        }
        ${
          visit.status === 'confirmed'
            ? html`<button type="button" name="visit-finished" @click=${() => (this._visit = undefined)}>${msg('完成')}</button>`
            : nothing
        }
        <button type="button" name="open-log" @click=${() => (this._showLog = true)}>${msg('拜访记录')}</button>
      </div>
      ${this._cadence && this._cadence.kind !== 'exempt' && this._cadence.overdue && visit.status !== 'confirmed' ? this._renderCadence() : nothing}
      <nav role="tablist">
        ${TABS.map(
          (
            tab,
          ) => html`<button type="button" role="tab" data-tab=${tab} aria-selected=${visit.tab === tab ? 'true' : 'false'} @click=${() => void this._setTab(tab)}>
            ${visitTabName(tab)}
          </button>`,
        )}
      </nav>
      ${this._message ? html`<p class="message" role="alert">${this._message}</p>` : nothing}
      <div class="content" @kiosk-visit-changed=${this._changed}>${this._renderTab(visit, readonly, rep)}</div>`;
  }

  private async _exportBundle(visit: VisitRecord) {
    if (this._busy) return;
    this._busy = true;
    this._bundleNotice = undefined;
    try {
      const result = await exportVisitBundle(visit, this.usb, undefined, this.outbox);
      if (result.status === 'written' && result.outbox) this._outbox = { handOver: result.outbox, view: await this.outbox.state() };
      this._bundleNotice =
        result.status === 'no-stick'
          ? { tone: 'warn', text: msg('没有找到 U 盘。请插上 U 盘，等几秒后再点一次。') }
          : result.verified
            ? { tone: 'info', text: msg(str`已存到 U 盘：${result.fileName}。读回核对过，签名无误。`) }
            : { tone: 'error', text: msg('存到 U 盘的文件读回来和原文件不一致。请换一个 U 盘再试。') };
    } catch (error) {
      console.error('visit bundle: export failed', error);
      this._bundleNotice = { tone: 'error', text: msg('存到 U 盘失败。U 盘是不是拔掉了或者写保护了？请检查后再试。') };
    } finally {
      this._busy = false;
    }
  }

  /** The review since the last visit and the quarterly evaluation (their elements load the ledger's figures themselves). */
  private _renderEvaluation(tab: 'review' | 'quarter') {
    const today = localDay(Date.now());
    return this._evaluationInputs.render({
      pending: () => html`<p class="card">${msg('正在读取…')}</p>`,
      error: () => html`<p class="card" role="alert">${storageKindText('unknown')}</p>`,
      complete: (inputs) =>
        !inputs
          ? nothing
          : tab === 'review'
            ? html`<kiosk-visit-review .data=${evaluationData} since=${inputs.since} today=${today} .ownerMessages=${inputs.ownerMessages} .followUps=${inputs.followUps}></kiosk-visit-review>`
            : html`<kiosk-quarter-evaluation .data=${evaluationData} today=${today} .visits=${inputs.visits}></kiosk-quarter-evaluation>`,
    });
  }

  private _renderTab(visit: VisitRecord, readonly: boolean, rep: boolean) {
    switch (visit.tab) {
      case 'audit':
        return html`<kiosk-visit-audit .visit=${visit} ?readonly=${readonly}></kiosk-visit-audit>`;
      case 'checklist':
        return html`<kiosk-visit-checklist .visit=${visit} ?readonly=${readonly}></kiosk-visit-checklist>`;
      case 'notes':
        return html`<kiosk-visit-notes .visit=${visit} ?readonly=${readonly}></kiosk-visit-notes>`;
      case 'review':
      case 'quarter':
        return this._renderEvaluation(visit.tab);
      case 'summary':
        return html`<section class="card" data-kind="visit-summary-tab">
          <div class="confirm">
            ${
              rep && visit.status === 'open'
                ? html`<button type="button" class="primary" name="close-visit" data-main-action ?disabled=${this._busy} @click=${() => this._do(() => closeVisit(visit.id))}>
                  ${msg('结束拜访，请店主确认')}
                </button>`
                : nothing
            }
            ${
              visit.status === 'awaiting-confirmation'
                ? html`<button type="button" class="primary" name="confirm-visit" data-main-action ?disabled=${this._busy} @click=${this._confirm}>
                  ${msg('店主确认（输入店主密码）')}
                </button>`
                : nothing
            }
            ${
              visit.status === 'confirmed'
                ? html`<p data-kind="visit-confirmed">${msg('店主已确认，这次拜访的记录不能再修改。')}</p>
                  <button type="button" name="export-bundle" ?disabled=${this._busy} @click=${() => void this._exportBundle(visit)}>
                    ${msg('把签名的拜访报告存到 U 盘')}
                  </button>
                  <button type="button" name="print-visit" @click=${() => this.printPage()}>${msg('打印拜访报告')}</button>
                  ${this._bundleNotice ? html`<p role="status" data-kind="bundle-result" data-tone=${this._bundleNotice.tone}>${this._bundleNotice.text}</p>` : nothing}
                  ${this._renderOutbox()}`
                : nothing
            }
          </div>
          <kiosk-visit-summary .visit=${visit}></kiosk-visit-summary>
        </section>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-screen': KioskVisitScreen;
  }
}
