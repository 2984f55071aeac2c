/**
 * Always-visible state of the scanners and of the terminal service, one pill
 * each: colour plus words (never colour alone), and for a problem, what to do.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { connectionContext, scannerStatesContext, type ServiceConnection } from '../context.ts';
import type { ScannerState } from '../domain/scan-protocol.ts';
import { attentionTints, hostWrappingRow, kioskBase } from '../styles.ts';
import { scannerHintText, scannerStatusText } from '../wording/scan-text.ts';

type Tone = 'ok' | 'warn' | 'error' | 'off';

function tone(status: ScannerState['status']): Tone {
  switch (status) {
    case 'connected':
      return 'ok';
    case 'connecting':
      return 'warn';
    case 'off':
      return 'off';
    default:
      return 'error';
  }
}

@customElement('kiosk-scanner-status')
@localized()
export class KioskScannerStatus extends LitElement {
  @consume({ context: scannerStatesContext, subscribe: true })
  @property({ attribute: false })
  scanners: ScannerState[] = [];

  @consume({ context: connectionContext, subscribe: true })
  @property({ attribute: false })
  connection: ServiceConnection = 'connecting';

  /** The details of a problem are open below the chip (small screens; a tap toggles them). */
  @property({ type: Boolean, reflect: true }) open = false;

  static override styles = [
    kioskBase,
    hostWrappingRow,
    attentionTints,
    css`
      :host {
        position: relative;
        justify-content: flex-end;
      }
      .pill {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        min-height: 40px;
        padding: 4px 14px 4px 10px;
        border-radius: 999px;
        font-size: var(--kiosk-font-small);
        font-weight: 600;
        border: 2px solid currentColor;
        max-width: 100%;
      }
      /* The state is what matters: short of room, the scanner's name (扫描枪 2)
         goes, whole, before it. The state comes first in the row's order (which
         runs right to left) and the name shows to its left; when both do not
         fit on one line the name wraps onto a second line, which is cut off. */
      .text {
        display: flex;
        flex-direction: row-reverse;
        flex-wrap: wrap;
        justify-content: flex-end;
        column-gap: 0.3em;
        height: 1lh;
        overflow: hidden;
        min-width: 0;
      }
      .state {
        order: -1;
        white-space: nowrap;
      }
      .dot {
        flex: none;
        width: 14px;
        height: 14px;
        border-radius: 50%;
        background: currentColor;
      }
      .ok {
        color: var(--kiosk-ok);
        background: var(--kiosk-ok-soft);
      }
      .warn .dot {
        background: var(--kiosk-warn-mark);
      }
      .off {
        color: var(--kiosk-text-muted);
        background: var(--kiosk-surface-sunken);
      }
      /* Waiting for the service, one long sentence: it may give way (…) to the bar's other parts. */
      :host([waiting]) {
        min-width: 0;
      }
      /* Squeezed by the top bar's other parts (the signed-in person, 管理, 锁定 at
         800 px), it stays one line, cut with …, instead of growing the bar tall. */
      .one-line {
        min-width: 0;
      }
      .one-line .text {
        display: block;
        min-width: 0;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .hint {
        font-weight: 500;
        color: var(--kiosk-text);
      }
      button.pill {
        font: inherit;
        font-size: var(--kiosk-font-small);
        font-weight: 600;
        cursor: pointer;
        text-align: start;
      }
      /* A compact chip on a counter's screens up to 1280×800: one line, and what
         to do about a problem opens below it on a tap (inline, two pills with
         their advice took 200 px of a 600-px screen). */
      @media (max-width: 1599px), (max-height: 900px) {
        :host {
          flex-wrap: nowrap;
        }
        button.pill {
          white-space: nowrap;
        }
        .pill .hint {
          display: none;
        }
        /* Several scanners: each pill its state alone, side by side; which scanner
           it is, with what to do, opens on a tap. */
        :host([several]) .who {
          display: none;
        }
        :host([several]) .hint::before {
          content: attr(data-who) '：';
        }
        :host([several]:lang(en)) .hint::before {
          content: attr(data-who) ': ';
        }
        .hint .dot-before {
          display: none;
        }
        /* Below the chips, from their left edge: the title and the logo are there, not the screen's edge. */
        :host([open]) .pill .hint {
          display: block;
          position: absolute;
          top: calc(100% + 8px);
          left: 0;
          z-index: 20;
          width: max-content;
          max-width: min(520px, 90vw);
          white-space: normal;
          padding: 12px 16px;
          border-radius: var(--kiosk-radius-small);
          background: var(--kiosk-surface);
          box-shadow: var(--kiosk-shadow);
          border: 2px solid currentColor;
        }
      }
      /* A crowded bar (800 px): the state in words stays, the word 扫描枪 goes. */
      @media (max-width: 900px) {
        .pill .who {
          display: none;
        }
        .pill {
          padding: 4px 10px 4px 8px;
          gap: 6px;
        }
      }
    `,
  ];

  override render() {
    if (this.connection !== 'open') {
      // Without the service the scanner states are stale: show only what matters.
      const closed = this.connection === 'closed';
      const text = closed ? msg('终端服务已断开，正在重连…') : msg('正在连接终端服务…');
      return html`<span class="pill one-line ${closed ? 'error' : 'warn'}" role="status" data-state=${this.connection} title=${text}>
        <span class="dot" aria-hidden="true"></span>
        <span class="text">${text}</span>
      </span>`;
    }
    if (this.scanners.length === 0) {
      return html`<span class="pill warn" role="status" data-state="none">
        <span class="dot" aria-hidden="true"></span>${msg('没有找到扫描枪，请检查扫描枪的 USB 线')}
      </span>`;
    }
    return this.scanners.map((s) => this._pill(s));
  }

  protected override willUpdate(): void {
    this.toggleAttribute('several', this.connection === 'open' && this.scanners.length > 1);
    this.toggleAttribute('waiting', this.connection !== 'open');
  }

  private _pill(s: ScannerState) {
    const t = tone(s.status);
    const hint = s.status === 'connected' || s.status === 'off' ? undefined : scannerHintText(s.cause);
    // 'auto' found no port at all: nothing is broken, nothing is plugged in.
    const notPluggedIn = s.status === 'error' && s.cause === 'not-found' && s.path === null;
    const name = this.scanners.length > 1 ? msg(str`扫描枪 ${s.id}`) : msg('扫描枪');
    const state = notPluggedIn ? msg('未连接扫码枪') : scannerStatusText(s.status);
    return html`<button
      type="button"
      class="pill ${notPluggedIn ? 'warn' : t}"
      aria-live="polite"
      aria-expanded=${hint ? (this.open ? 'true' : 'false') : nothing}
      data-scanner=${s.id}
      data-state=${s.status}
      title=${s.path ?? ''}
      @click=${() => (this.open = !this.open)}
    >
      <span class="dot" aria-hidden="true"></span>
      <span class="text"><span class="who">${name} </span><span class="state">${state}</span></span>
      ${hint ? html`<span class="hint" data-who=${name}><span class="dot-before">· </span>${hint}</span>` : nothing}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-scanner-status': KioskScannerStatus;
  }
}
