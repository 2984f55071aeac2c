/**
 * A scan the service could not accept, said in words with what to do. It sits
 * above the product and never blocks the next scan: the owner just scans again.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { RejectedScan } from '../domain/scan-protocol.ts';
import { kioskBase, hostBlock, markedStripStyles } from '../styles.ts';
import { rejectReasonText } from '../wording/scan-text.ts';
import { kioskSignal } from './kiosk-event.ts';

export class KioskNoticeDismissedEvent extends kioskSignal('kiosk-notice-dismissed') {}

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
