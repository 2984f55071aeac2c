/**
 * A scan the service could not accept, said in words with what to do. It sits
 * above the product and never blocks the next scan: the owner just scans again.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { RejectedScan } from '../domain/scan-protocol.ts';
import { kioskBase, hostBlock, markedStripStyles } from '../styles.ts';
import { kioskSignal } from './kiosk-event.ts';

export class KioskNoticeDismissedEvent extends kioskSignal('kiosk-notice-dismissed') {}

export function rejectReasonText(reason: RejectedScan['reason']): string {
  switch (reason) {
    case 'bad-check-digit':
      return msg('条码校验位错误，请重新扫描');
    case 'too-long':
      return msg('扫到的内容太长，不是商品条码。请对准商品条码重新扫描');
    case 'control-bytes':
      return msg('扫到的内容有乱码。请重新扫描；如果总是这样，请检查扫描枪的设置');
    case 'empty':
      return msg('没有扫到内容，请重新扫描');
    case 'disk-full':
      return msg('磁盘已满：这次扫码没有记录，请清理空间后重新扫码');
    case 'read-only':
      return msg('存储卡变成只读：这次扫码没有记录。请联系维护人员更换存储卡，然后重新扫码');
    case 'journal-error':
      return msg('存储出错：这次扫码没有记录，请重新扫码；如果总是这样，请联系维护人员');
  }
}

@customElement('kiosk-rejected-notice')
@localized()
export class KioskRejectedNotice extends LitElement {
  @property({ attribute: false }) rejected?: RejectedScan;

  static override styles = [
    kioskBase,
    hostBlock,
    markedStripStyles,
    css`
      .notice {
        gap: 16px;
        padding: 10px 12px 10px 20px;
        background: var(--kiosk-error-soft);
        border: 3px solid var(--kiosk-error);
        color: var(--kiosk-error);
      }
      .mark {
        width: 40px;
        height: 40px;
        background: var(--kiosk-error);
        font-size: 28px;
      }
      .words {
        flex: 1;
        min-width: 0;
      }
      .reason {
        font-size: 26px;
        font-weight: 700;
      }
      .detail {
        font-size: var(--kiosk-font-small);
        color: var(--kiosk-text);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      button {
        border-color: var(--kiosk-error);
        color: var(--kiosk-error);
      }
    `,
  ];

  override render() {
    const r = this.rejected;
    if (!r) return nothing;
    return html`<div class="notice strip" role="alert">
      <span class="mark" aria-hidden="true">!</span>
      <div class="words">
        <div class="reason">${rejectReasonText(r.reason)}</div>
        ${r.text ? html`<div class="detail">${msg(str`收到：${r.text}`)}</div>` : nothing}
      </div>
      <button type="button" @click=${() => this.dispatchEvent(new KioskNoticeDismissedEvent())}>
        ${msg('知道了')}
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-rejected-notice': KioskRejectedNotice;
  }
  interface HTMLElementEventMap {
    'kiosk-notice-dismissed': KioskNoticeDismissedEvent;
  }
}
