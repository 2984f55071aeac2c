/**
 * A full-width message strip: what happened and what to do. Errors and
 * warnings carry a mark and words as well as a colour.
 */
import { LitElement, html, css, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { kioskBase, hostBlock, markedStripStyles } from '../styles.ts';
import { kioskSignal } from './kiosk-event.ts';

export class KioskBannerDismissedEvent extends kioskSignal('kiosk-banner-dismissed') {}

/** A banner with a 知道了 button; `onDismiss` puts away whatever made it show. */
export function dismissibleBanner(tone: KioskBanner['tone'], kind: string, onDismiss: () => void, content: string | TemplateResult) {
  return html`<kiosk-banner tone=${tone} dismissible data-kind=${kind} @kiosk-banner-dismissed=${onDismiss}
    >${content}</kiosk-banner
  >`;
}

@customElement('kiosk-banner')
@localized()
export class KioskBanner extends LitElement {
  @property({ reflect: true }) tone: 'error' | 'warn' | 'info' = 'error';
  /** Show a close button ("知道了"). */
  @property({ type: Boolean }) dismissible = false;

  static override styles = [
    kioskBase,
    hostBlock,
    markedStripStyles,
    css`
      .banner {
        gap: 14px;
        padding: 8px 10px 8px 16px;
        border: 2px solid currentColor;
        font-size: var(--kiosk-font-small);
        line-height: 1.4;
      }
      :host([tone='error']) .banner {
        --_tone: var(--kiosk-error);
        color: var(--kiosk-error);
        background: var(--kiosk-error-soft);
      }
      :host([tone='warn']) .banner {
        --_tone: var(--kiosk-warn-mark);
        color: var(--kiosk-warn);
        background: var(--kiosk-warn-soft);
      }
      :host([tone='info']) .banner {
        --_tone: var(--kiosk-accent);
        color: var(--kiosk-accent-strong);
        background: var(--kiosk-accent-soft);
      }
      .mark {
        width: 32px;
        height: 32px;
        font-size: 22px;
        background: var(--_tone);
      }
      .text {
        flex: 1;
        color: var(--kiosk-text);
        font-weight: 500;
        /* A stack of banners on a short screen shows each in a few lines (kiosk-notice-stack). */
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: var(--kiosk-banner-lines, none);
        overflow: hidden;
      }
      ::slotted(strong),
      .text strong {
        color: inherit;
      }
      button {
        min-height: var(--kiosk-touch-min);
        border-color: currentColor;
        color: inherit;
      }
      /* Short screens: a banner is one or two lines, the screen under it keeps its room. */
      @media (max-height: 700px) {
        .banner {
          gap: 10px;
          padding: 4px 8px 4px 10px;
          font-size: 16px;
          line-height: 1.3;
        }
        .mark {
          width: 24px;
          height: 24px;
          font-size: 16px;
        }
        button {
          min-height: 44px;
          padding: 0 12px;
        }
      }
    `,
  ];

  override render() {
    return html`<div class="banner strip" role=${this.tone === 'error' ? 'alert' : 'status'}>
      <span class="mark" aria-hidden="true">${this.tone === 'info' ? 'i' : '!'}</span>
      <div class="text"><slot></slot></div>
      ${
        this.dismissible
          ? html`<button type="button" @click=${() => this.dispatchEvent(new KioskBannerDismissedEvent())}>
            ${msg('知道了')}
          </button>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-banner': KioskBanner;
  }
  interface HTMLElementEventMap {
    'kiosk-banner-dismissed': KioskBannerDismissedEvent;
  }
}
