/**
 * The counter page's banners: what the shell knows the owner must see (the
 * scanner taken by another window, the journal that cannot write, the clock,
 * storage, a first start, the owner PIN, an overdue visit, the report's
 * backfill, the demo shop, a screen that failed to load), most urgent first,
 * in one <kiosk-notice-stack>. It gets the facts as one property and says what
 * was tapped through events; the shell keeps the state.
 *
 * No shadow root: the banners stay in the shell's tree (its styles and the
 * tests that look for a banner by data-kind reach them there).
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { JournalState } from '../domain/scan-protocol.ts';
import type { StorageErrorKind } from '../domain/errors.ts';
import type { ClockReport } from '../data/maintenance-service.ts';
import type { KioskMode } from '../wording/mode-text.ts';
import { journalProblemText, scansNotStoredText } from '../wording/scan-text.ts';
import { kioskEvent, kioskSignal } from './kiosk-event.ts';
import { dismissibleBanner, type KioskBanner } from './kiosk-banner.ts';
import './kiosk-notice-stack.ts';

export interface AppNotices {
  replaced: boolean;
  journal: JournalState['status'];
  /** The service's clock report, only while it warns and was not dismissed. */
  clock?: ClockReport | undefined;
  persistDenied: boolean;
  wedgeUnsent: boolean;
  storeError?: StorageErrorKind | undefined;
  firstRun: boolean;
  noOwnerPin: boolean;
  visitOverdue: string;
  reportBackfill?: { done: number; total: number } | undefined;
  demoState?: 'loading' | 'ready' | 'failed' | 'not-allowed' | undefined;
  screenLoadFailed?: KioskMode | undefined;
}

/** The banners a tap on 知道了 puts away. */
export type DismissibleNotice = 'clock' | 'persist' | 'wedge' | 'first-run' | 'visit-overdue' | 'demo-not-allowed';

export class KioskAppNoticeDismissedEvent extends kioskEvent<DismissibleNotice>()('kiosk-app-notice-dismissed') {}
/** 演示 demo on the first-run banner. */
export class KioskDemoRequestedEvent extends kioskSignal('kiosk-demo-requested') {}
/** 设置店主密码 on the owner-PIN banner. */
export class KioskSetOwnerPinEvent extends kioskSignal('kiosk-set-owner-pin') {}

/** Whether any banner is up: the shell leaves the stack out otherwise. */
export function anyNotice(n: AppNotices): boolean {
  return (
    n.persistDenied ||
    n.wedgeUnsent ||
    n.storeError !== undefined ||
    n.journal !== 'ok' ||
    n.replaced ||
    n.reportBackfill !== undefined ||
    n.screenLoadFailed !== undefined ||
    n.firstRun ||
    n.noOwnerPin ||
    n.clock !== undefined ||
    n.visitOverdue !== '' ||
    (n.demoState !== undefined && n.demoState !== 'ready')
  );
}

@customElement('kiosk-app-banners')
@localized()
export class KioskAppBanners extends LitElement {
  @property({ attribute: false }) notices?: AppNotices;

  protected override createRenderRoot() {
    return this;
  }

  private _dismiss(notice: DismissibleNotice) {
    this.dispatchEvent(new KioskAppNoticeDismissedEvent(notice));
  }

  /** A banner 知道了 puts away (the shell keeps it away until its cause comes again). */
  private _dismissible(notice: DismissibleNotice, tone: KioskBanner['tone'], content: string | TemplateResult) {
    return dismissibleBanner(tone, notice, () => this._dismiss(notice), content);
  }

  /** A banner's button that asks the shell to act (演示 demo, 设置店主密码). */
  private _action(name: string, label: string, event: () => Event) {
    return html`<button name=${name} @click=${() => this.dispatchEvent(event())}>${label}</button>`;
  }

  override render() {
    const n = this.notices;
    if (!n || !anyNotice(n)) return nothing;
    return html`<kiosk-notice-stack class="banners">
      ${
        n.replaced
          ? html`<kiosk-banner tone="error" data-kind="replaced"
              >${msg('另一个窗口已接管扫码。这个窗口不再接收扫码；要在这里扫码，请关闭另一个窗口后重新加载本页。')}</kiosk-banner
            >`
          : nothing
      }
      ${
        n.journal !== 'ok'
          ? html`<kiosk-banner tone="error" data-kind="journal-${n.journal}">${journalProblemText(n.journal)}</kiosk-banner>`
          : nothing
      }
      ${
        n.clock
          ? this._dismissible(
              'clock',
              'warn',
              n.clock.warn || n.clock.implausible
                ? msg('终端的时钟还没有同步，屏幕和记录上的日期可能不对。扫码和库存不受影响。请连上网络，或请维护人员设置时间。')
                : msg('终端的时钟刚刚跳变过，之前记录的日期可能不对。扫码和库存不受影响。详情见 管理 → 数据安全。'),
            )
          : nothing
      }
      ${
        n.persistDenied
          ? this._dismissible(
              'persist',
              'warn',
              msg(
                '浏览器没有同意长期保存本机数据：磁盘空间紧张时，商品和扫描记录可能被清除。请用终端的启动脚本以 kiosk 模式打开，或联系维护人员。',
              ),
            )
          : nothing
      }
      ${
        n.wedgeUnsent
          ? this._dismissible('wedge', 'error', msg('刚才的扫描没有送到终端服务（连接已断开）。请等上方显示“已连接”后再扫一次。'))
          : nothing
      }
      ${
        n.storeError
          ? html`<kiosk-banner tone="error" data-kind="store-${n.storeError}">${scansNotStoredText(n.storeError)}</kiosk-banner>`
          : nothing
      }
      ${
        n.firstRun
          ? this._dismissible(
              'first-run',
              'info',
              html`${msg('这台终端还没有商品：扫一下商品条码就能登记，或在“商品”里导入供应商目录。想先看看一家开了两年的店是什么样？')}
              ${this._action('demo', msg('演示 demo'), () => new KioskDemoRequestedEvent())}`,
            )
          : nothing
      }
      ${
        n.noOwnerPin
          ? html`<kiosk-banner tone="info" data-kind="set-owner-pin"
              >${msg('还没有设置店主密码：调整库存、撤销销售、导入和修改商品、订货和设置都需要店主密码。')}
              ${this._action('set-owner-pin', msg('设置店主密码'), () => new KioskSetOwnerPinEvent())}</kiosk-banner
            >`
          : nothing
      }
      ${n.visitOverdue ? this._dismissible('visit-overdue', 'warn', n.visitOverdue) : nothing}
      ${
        n.reportBackfill
          ? html`<kiosk-banner tone="info" data-kind="report-backfill"
              >${msg(str`正在为经营报表整理以前的记录：${n.reportBackfill.done} / ${n.reportBackfill.total}。请稍候，扫码不会丢失。`)}</kiosk-banner
            >`
          : nothing
      }
      ${
        n.demoState === 'loading'
          ? html`<kiosk-banner tone="info" data-kind="demo-loading">${msg('正在生成演示商店（约 150 种商品、两年的销售）…')}</kiosk-banner>`
          : nothing
      }
      ${
        n.demoState === 'failed'
          ? html`<kiosk-banner tone="error" data-kind="demo-failed">${msg('演示商店没能生成。请重启终端再试。')}</kiosk-banner>`
          : nothing
      }
      ${n.demoState === 'not-allowed' ? this._dismissible('demo-not-allowed', 'warn', msg('只有店主可以删除演示数据。')) : nothing}
      ${
        n.screenLoadFailed
          ? html`<kiosk-banner tone="error" data-kind="screen-load"
              >${msg('这个功能没能打开（程序文件读取失败）。请切换到别的模式再切回来重试；如果一直这样，请重启终端。')}</kiosk-banner
            >`
          : nothing
      }
    </kiosk-notice-stack>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-app-banners': KioskAppBanners;
  }
  interface HTMLElementEventMap {
    'kiosk-app-notice-dismissed': KioskAppNoticeDismissedEvent;
    'kiosk-demo-requested': KioskDemoRequestedEvent;
    'kiosk-set-owner-pin': KioskSetOwnerPinEvent;
  }
}
