/**
 * The stocktake before it starts: what it is, how counting beside selling
 * works, and 开始盘点 (or why the last attempt to read it failed).
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { stocktakeStepStyles } from './stocktake-styles.ts';
import { kioskSignal } from './kiosk-event.ts';
import { storageKindText } from '../wording/storage-text.ts';
import { stocktakeHelpText } from '../wording/stocktake-text.ts';

export class KioskStocktakeStartRequestedEvent extends kioskSignal('kiosk-stocktake-start-requested') {}

@customElement('kiosk-stocktake-start')
@localized()
export class KioskStocktakeStart extends LitElement {
  /** The open stocktake is still being read. */
  @property({ type: Boolean }) loading = false;
  /** Reading or opening the stocktake failed. */
  @property({ type: Boolean }) failed = false;
  @property({ type: Boolean }) busy = false;

  static override styles = [
    ...stocktakeStepStyles,
    css`
      .card {
        flex: 1;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 20px;
        text-align: center;
      }
      .prompt {
        font-size: 34px;
        font-weight: 700;
      }
      .error-text {
        color: var(--kiosk-error);
        font-weight: 600;
      }
    `,
  ];

  override render() {
    if (this.loading) return html`<div class="card"><div class="prompt">${msg('正在读取盘点…')}</div></div>`;
    return html`<div class="card">
      <div class="prompt">${msg('盘点：一个货架一个货架地清点库存')}</div>
      ${this.failed ? html`<div class="error-text">${storageKindText('unknown')}</div>` : nothing}
      <button type="button" class="mode" name="start" data-main-action ?disabled=${this.busy} @click=${() => this.dispatchEvent(new KioskStocktakeStartRequestedEvent())}>
        ${msg('开始盘点')}
      </button>
      <div class="help">${stocktakeHelpText()}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-stocktake-start': KioskStocktakeStart;
  }
  interface HTMLElementEventMap {
    'kiosk-stocktake-start-requested': KioskStocktakeStartRequestedEvent;
  }
}
