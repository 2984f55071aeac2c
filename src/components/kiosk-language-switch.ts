/**
 * 中文 / English, two big buttons; each language is named in itself. On the
 * Pi's 800 px wide display only the other language's button shows (a tap
 * switches to it): the words on screen already say which one is on.
 */
import { LitElement, html, css } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { allLocales, getLocale, setLocale, sourceLocale, type KioskLocale } from '../localization.ts';
import { kioskBase } from '../styles.ts';

const LANGUAGE_NAMES: Record<KioskLocale, string> = { 'zh-Hans': '中文', en: 'English' };
/** Chinese first, then the others. */
const ORDER: KioskLocale[] = [sourceLocale, ...allLocales.filter((l) => l !== sourceLocale)];

@customElement('kiosk-language-switch')
@localized()
export class KioskLanguageSwitch extends LitElement {
  static override styles = [
    kioskBase,
    css`
      :host {
        display: inline-flex;
      }
      .switch {
        display: inline-flex;
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        overflow: hidden;
      }
      button {
        min-height: var(--kiosk-touch-min);
        min-width: 88px;
        border: 0;
        border-radius: 0;
        font-size: var(--kiosk-font-small);
        background: var(--kiosk-surface);
      }
      @media (max-width: 1100px) {
        button {
          min-width: 0;
          padding: 0 12px;
        }
      }
      @media (max-width: 900px) {
        button[aria-pressed='true'] {
          display: none;
        }
      }
      button[aria-pressed='true'] {
        background: var(--kiosk-accent);
        color: var(--kiosk-on-accent);
        font-weight: 700;
      }
    `,
  ];

  override render() {
    const current = getLocale();
    return html`<div class="switch" role="group" aria-label=${msg('语言')}>
      ${ORDER.map(
        (locale) =>
          html`<button
            type="button"
            lang=${locale}
            data-locale=${locale}
            aria-pressed=${locale === current ? 'true' : 'false'}
            @click=${() => this._choose(locale)}
          >
            ${LANGUAGE_NAMES[locale]}
          </button>`,
      )}
    </div>`;
  }

  private async _choose(locale: KioskLocale) {
    if (locale === getLocale()) return;
    try {
      await setLocale(locale);
    } catch (error) {
      console.error('could not switch language', error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-language-switch': KioskLanguageSwitch;
  }
}
