/**
 * How far the stocktake has got (counted of expected) and closing it: 完成盘点,
 * then a confirmation that says what closing does to stock and how many
 * products were not counted.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { panelColumnStyles } from './panel-styles.ts';
import { progressBarStyles } from '../styles.ts';
import { stocktakeStyles } from './stocktake-styles.ts';
import { kioskSignal } from './kiosk-event.ts';

/** 完成盘点 tapped: ask before closing. */
export class KioskStocktakeFinishAskedEvent extends kioskSignal('kiosk-stocktake-finish-asked') {}
/** 返回继续盘点 on the confirmation. */
export class KioskStocktakeFinishCancelledEvent extends kioskSignal('kiosk-stocktake-finish-cancelled') {}
/** 确定完成 on the confirmation: close the stocktake. */
export class KioskStocktakeFinishConfirmedEvent extends kioskSignal('kiosk-stocktake-finish-confirmed') {}

@customElement('kiosk-stocktake-progress')
@localized()
export class KioskStocktakeProgress extends LitElement {
  /** Products counted and expected; undefined while it is worked out. */
  @property({ attribute: false }) progress?: { counted: number; expected: number } | undefined;
  /** The confirmation is showing. */
  @property({ type: Boolean }) confirming = false;
  /** Nothing to close yet, or a write is under way. */
  @property({ type: Boolean }) disabled = false;

  static override styles = [
    ...panelColumnStyles,
    stocktakeStyles,
    progressBarStyles,
    css`
      :host {
        gap: 12px;
      }
      .progress-text {
        font-size: var(--kiosk-font-body);
        font-weight: 700;
      }
      .bar {
        margin-top: 6px;
      }
      .bar > div {
        background: var(--_mode);
        transition: width 0.2s;
      }
      .actions button {
        font-size: var(--kiosk-font-body);
      }
      .confirm {
        border: 3px solid var(--_mode);
      }
    `,
  ];

  /** The progress card (first) and the closing controls (last) go either side of what the screen slots between them. */
  override render() {
    const progress = this.progress;
    const percent = progress && progress.expected > 0 ? Math.min(100, (progress.counted / progress.expected) * 100) : 0;
    return html`<div class="card">
        <div class="progress-text" data-counted=${progress?.counted ?? 0} data-expected=${progress?.expected ?? 0}>
          ${progress ? msg(str`已盘 ${progress.counted} / 应盘 ${progress.expected}`) : msg('正在计算进度…')}
        </div>
        <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax=${progress?.expected ?? 0} aria-valuenow=${progress?.counted ?? 0}>
          <div style="width:${percent}%"></div>
        </div>
      </div>
      <slot></slot>
      ${
        this.confirming
          ? this._renderConfirm()
          : html`<div class="actions">
            <button type="button" class="mode" name="finish" data-main-action ?disabled=${this.disabled} @click=${() => this.dispatchEvent(new KioskStocktakeFinishAskedEvent())}>
              ${msg('完成盘点')}
            </button>
          </div>`
      }`;
  }

  private _renderConfirm() {
    const missing = this.progress ? this.progress.expected - this.progress.counted : 0;
    return html`<div class="card confirm" role="alertdialog">
      <h2>${msg('确定完成这次盘点吗？')}</h2>
      <p>
        ${msg('有差异的商品会按实盘数调整库存（记为「盘点」）。')}
        ${
          missing === 1
            ? msg(str`还有 ${missing} 个商品没有盘点：它们只会列出来，库存不会改动。`, { id: 'not-counted-one' })
            : missing > 1
              ? msg(str`还有 ${missing} 个商品没有盘点：它们只会列出来，库存不会改动。`, { id: 'not-counted-other' })
              : nothing
        }
      </p>
      <div class="actions">
        <button type="button" name="cancel-finish" ?disabled=${this.disabled} @click=${() => this.dispatchEvent(new KioskStocktakeFinishCancelledEvent())}>
          ${msg('返回继续盘点')}
        </button>
        <button type="button" class="mode" name="confirm-finish" ?disabled=${this.disabled} @click=${() => this.dispatchEvent(new KioskStocktakeFinishConfirmedEvent())}>
          ${msg('确定完成')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-stocktake-progress': KioskStocktakeProgress;
  }
  interface HTMLElementEventMap {
    'kiosk-stocktake-finish-asked': KioskStocktakeFinishAskedEvent;
    'kiosk-stocktake-finish-cancelled': KioskStocktakeFinishCancelledEvent;
    'kiosk-stocktake-finish-confirmed': KioskStocktakeFinishConfirmedEvent;
  }
}
