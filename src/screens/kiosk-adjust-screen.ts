/**
 * Adjust (调整): the owner writes off damage, loss and own use, or books stock
 * found, or corrects a mistake — each with its reason, as its own movement.
 *
 * The sign follows the reason: damage, loss and own use take stock out, found
 * puts it in; only a correction may go either way (the +/− key). Owner only:
 * the owner check decides (OwnerController: the one PIN pad) and the data layer checks it again.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { NotAllowedError, UnknownProductError } from '../domain/errors.ts';
import { storageErrorText } from '../wording/storage-text.ts';
import { displayCode } from '../domain/barcode.ts';
import type { AdjustReason, Product } from '../domain/product.ts';
import type { RejectedScan, Scan } from '../domain/scan-protocol.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { MAX_COUNT } from '../domain/stocktake.ts';
import { lookupBarcode } from '../data/barcodes.ts';
import { kioskData } from '../data/kiosk-data.ts';
import { getProduct } from '../data/products.ts';
import { listProducts } from '../data/products.ts';
import type { KioskProductPickedEvent } from '../components/kiosk-product-search.ts';
import '../components/kiosk-product-search.ts';
import { canDo } from '../data/roles.ts';
import { WriteQueueController } from './write-queue-controller.ts';
import { OwnerController } from './owner-controller.ts';
import { markScanShown } from '../data/metrics.ts';
import { recordAdjustment } from '../data/adjustments.ts';
import { kioskBase } from '../styles.ts';
import { screenStyles } from './screen-styles.ts';
import { RegisterFlowController } from './register-flow-controller.ts';
import type { KioskKeypadPressEvent } from '../components/kiosk-keypad.ts';
import { reasonText } from '../wording/movement-text.ts';
import { productStockText, signedStockText, unitText } from '../wording/stock-text.ts';
import '../components/kiosk-keypad.ts';
import '../components/kiosk-banner.ts';
import '../components/kiosk-product-history.ts';
import { kioskEvent } from '../components/kiosk-event.ts';

export const ADJUST_REASONS: readonly AdjustReason[] = ['damage', 'loss', 'own-use', 'found', 'correction'];

/** The sign a reason forces: -1 out, +1 in, undefined = the owner chooses (correction). */
export function reasonSign(reason: AdjustReason): -1 | 1 | undefined {
  switch (reason) {
    case 'damage':
    case 'loss':
    case 'own-use':
      return -1;
    case 'found':
      return 1;
    case 'correction':
      return undefined;
  }
}

/** Events: an adjustment was recorded (the shell may refresh what it shows). */
export class KioskAdjustmentRecordedEvent extends kioskEvent<{ code: string; quantity: number; reason: AdjustReason }>()(
  'kiosk-adjustment-recorded',
) {}

interface Current {
  product: Product;
  link: BarcodeLink;
}

@customElement('kiosk-adjust-screen')
@localized()
export class KioskAdjustScreen extends LitElement {
  private readonly _owner = new OwnerController(this);
  /** Scans one after another: a commit's scans are handed over together, and the last one picks the product. */
  private readonly _scans = new WriteQueueController(this);
  @state() private _current?: Current;
  @state() private _reason?: AdjustReason;
  @state() private _sign: -1 | 1 = -1;
  @state() private _quantityText = '';
  @state() private _error?: string;
  @state() private _done?: { product: Product; quantity: number; reason: AdjustReason };
  @state() private _busy = false;
  /** The register form for an unknown code; scans while the owner types there are offered after it. */
  private readonly _register = new RegisterFlowController(this, {
    registered: async (product) => {
      const match = await lookupBarcode(product.code).catch(() => undefined);
      this._pick(match ?? { product, link: { code: product.code, productCode: product.code, multiplier: 1 } });
    },
    release: (scan) => this._offer(scan),
  });
  @state() private _historyCode?: string;

  static override styles = [
    kioskBase,
    screenStyles,
    css`
      :host {
        --_mode: var(--kiosk-mode-adjust, #c2410c);
        --_mode-soft: var(--kiosk-mode-adjust-soft, #ffedd5);
      }
      .denied {
        flex: 1;
        display: grid;
        place-items: center;
        font-size: 34px;
        font-weight: 700;
        color: var(--kiosk-error);
        text-align: center;
      }
      .layout {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr) 320px;
        gap: var(--kiosk-gap);
      }
      .name {
        font-size: 30px;
        font-weight: 700;
      }
      .meta {
        display: flex;
        gap: 14px;
        align-items: center;
        flex-wrap: wrap;
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-small);
      }
      .stock {
        font-size: var(--kiosk-font-body);
      }
      /* One row of five in Chinese; a button is never narrower than its longest
         word, so English ("Correction") wraps the row, never a word. */
      .reasons {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      .reasons button {
        flex: 1 1 0;
        min-width: min-content;
        padding: 0 6px;
        font-size: var(--kiosk-font-body);
        font-weight: 600;
        min-height: 72px;
      }
      .reasons button[aria-pressed='true'] {
        background: var(--_mode);
        border-color: var(--_mode);
        color: #fff;
      }
      .qty {
        display: flex;
        gap: 8px;
        align-items: stretch;
      }
      .qty .sign {
        font-size: 30px;
        font-weight: 800;
        min-width: 88px;
      }
      .qty .value {
        flex: 1;
        display: flex;
        align-items: center;
        padding: 0 16px;
        min-height: var(--kiosk-touch);
        border: 2px solid var(--_mode);
        border-radius: var(--kiosk-radius-small);
        font-size: 32px;
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
      }
      .qty button.carton {
        font-size: var(--kiosk-font-small);
      }
      .error-text {
        color: var(--kiosk-error);
        font-weight: 600;
      }
      button.confirm {
        width: 100%;
      }
      .idle {
        text-align: center;
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-body);
        padding: 24px;
      }
      kiosk-keypad {
        --kiosk-keypad-key-height: 56px;
      }
      .done {
        font-size: var(--kiosk-font-body);
      }
    `,
  ];

  /** A scan in adjust mode picks the product; a carton scan pre-fills one carton. */
  showScan(scan: Scan): Promise<void> {
    return this._scans.run(() => this._showScan(scan));
  }

  private async _showScan(scan: Scan): Promise<void> {
    // Never throw away what the owner is typing into the form: the scan waits for it.
    if (canDo('adjust') && !this._register.hold(scan)) await this._offer(scan);
    await this.updateComplete;
    markScanShown(scan.id);
  }

  /** A scan's product, ready to adjust; or the register form for an unknown code. */
  private async _offer(scan: Scan): Promise<void> {
    try {
      const match = await lookupBarcode(scan.code);
      // Typing began during the look-up: still wait.
      if (this._register.take(scan)) return;
      if (match) this._pick(match);
      else {
        this._current = undefined;
        this._register.start(scan.code);
      }
    } catch (error) {
      console.error('lookupBarcode failed', error);
      this._error = storageErrorText(error);
    }
  }

  showRejected(_rejected: RejectedScan): void {
    this._error = msg('扫码没有读对，请再扫一次。');
  }

  private _pick(match: Current) {
    this._register.close();
    this._current = match;
    this._done = undefined;
    this._error = undefined;
    this._quantityText = match.link.multiplier > 1 ? String(match.link.multiplier) : '';
  }

  private _chooseReason(reason: AdjustReason) {
    this._reason = reason;
    this._sign = reasonSign(reason) ?? this._sign;
    this._error = undefined;
  }

  private _onKey = (e: KioskKeypadPressEvent) => {
    this._error = undefined;
    switch (e.detail) {
      case 'backspace':
        this._quantityText = this._quantityText.slice(0, -1);
        break;
      case 'clear':
        this._quantityText = '';
        break;
      case '.':
        break;
      default:
        // Eight digits is already far past MAX_COUNT: the message says so.
        if (this._quantityText.length < 8) this._quantityText = (this._quantityText === '0' ? '' : this._quantityText) + e.detail;
    }
  };

  private _addCarton() {
    const size = this._current?.product.packsPerCarton;
    if (!size) return;
    const now = /^\d+$/.test(this._quantityText) ? Number(this._quantityText) : 0;
    this._quantityText = String(now + size);
    this._error = undefined;
  }

  private async _confirm() {
    const current = this._current;
    if (!current || this._busy) return;
    if (!this._reason) {
      this._error = msg('请先选择原因（报损、丢失、自用、盘盈或更正）。');
      return;
    }
    const quantity = /^\d+$/.test(this._quantityText) ? Number(this._quantityText) : NaN;
    if (Number.isNaN(quantity)) {
      this._error = msg('请用数字键输入数量（盒）。');
      return;
    }
    if (quantity === 0) {
      this._error = msg('数量不能是 0。请输入要调整的盒数。');
      return;
    }
    if (quantity > MAX_COUNT) {
      this._error = msg(str`数量太大（最多 ${MAX_COUNT} 盒），是不是多按了数字？请清空后重新输入。`);
      return;
    }
    const signed = this._sign * quantity;
    const reason = this._reason;
    this._busy = true;
    try {
      await recordAdjustment({ code: current.product.code, quantity: signed, reason });
      const product = (await getProduct(current.product.code)) ?? current.product;
      this._done = { product, quantity: signed, reason };
      this._current = { ...current, product };
      this._quantityText = '';
      this._error = undefined;
      this.dispatchEvent(new KioskAdjustmentRecordedEvent({ code: product.code, quantity: signed, reason }));
    } catch (error) {
      console.error('recordAdjustment failed', error);
      this._error =
        error instanceof NotAllowedError
          ? msg('需要店主权限才能调整库存。')
          : error instanceof UnknownProductError
            ? msg('这个商品已经不在商品目录里了。请重新扫描。')
            : storageErrorText(error);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    if (!this._owner.may('adjust')) return this._owner.renderNeeded('adjust', msg('调整库存只能由店主操作。'));
    return html`
      ${this._error ? html`<kiosk-banner tone="error" data-kind="error">${this._error}</kiosk-banner>` : nothing}
      ${this._done ? this._renderDone() : nothing}
      <div class="layout">
        <div class="scroll-column">
          ${this._register.open ? html`${this._register.renderHeld()}${this._register.render()}` : this._renderForm()}
        </div>
        <div class="scroll-column">
          <div class="card search">
            <kiosk-product-search
              .search=${searchProducts}
              @kiosk-product-picked=${(e: KioskProductPickedEvent) => this._pick({ product: e.detail, link: { code: e.detail.code, productCode: e.detail.code, multiplier: 1 } })}
            ></kiosk-product-search>
          </div>
        </div>
      </div>
      ${
        this._historyCode
          ? html`<kiosk-product-history .data=${kioskData} .code=${this._historyCode} @kiosk-history-closed=${() => (this._historyCode = undefined)}></kiosk-product-history>`
          : nothing
      }
    `;
  }

  private _renderDone() {
    const { product, quantity, reason } = this._done!;
    return html`<kiosk-banner tone="info" data-kind="done" class="done">
      ${msg(str`已记录：${product.name} ${reasonText(reason)} ${signedStockText(quantity, product)}。现在库存 ${productStockText(product.stock, product)}`)}
      ${product.stock < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
    </kiosk-banner>`;
  }

  private _renderForm() {
    const current = this._current;
    if (!current) return html`<div class="card idle">${msg('请扫描要调整的商品，或在右边按名称查找。')}</div>`;
    const { product, link } = current;
    const forced = this._reason ? reasonSign(this._reason) : undefined;
    const ppc = product.packsPerCarton;
    return html`<div class="card product">
        <div class="name">${product.name}</div>
        <div class="meta">
          <span>${displayCode(link.code)}</span>
          <span class="stock ${product.stock < 0 ? 'negative' : ''}" data-stock=${product.stock}>
            ${msg(str`现在库存 ${productStockText(product.stock, product)}`)}${product.stock < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
          </span>
          <button type="button" name="history" @click=${() => (this._historyCode = product.code)}>${msg('库存记录')}</button>
        </div>
      </div>
      <div class="card">
        <div class="reasons" role="group" aria-label=${msg('原因')}>
          ${ADJUST_REASONS.map(
            (
              r,
            ) => html`<button type="button" name="reason" data-reason=${r} aria-pressed=${this._reason === r ? 'true' : 'false'} @click=${() => this._chooseReason(r)}>
              ${reasonText(r)}
            </button>`,
          )}
        </div>
      </div>
      <div class="card">
        <div class="qty">
          <button
            type="button"
            class="sign"
            name="sign"
            aria-label=${this._sign < 0 ? msg('减少库存') : msg('增加库存')}
            ?disabled=${forced !== undefined}
            @click=${() => (this._sign = this._sign < 0 ? 1 : -1)}
          >
            ${this._sign < 0 ? '−' : '+'}
          </button>
          <div class="value" data-quantity=${this._quantityText}>${this._quantityText || '0'} ${unitText('pack', Number(this._quantityText || 0))}</div>
          ${ppc && ppc > 1 ? html`<button type="button" class="carton" name="add-carton" @click=${this._addCarton}>${msg(str`+1条（${ppc}盒）`)}</button>` : nothing}
        </div>
        <kiosk-keypad @kiosk-keypad-press=${this._onKey}></kiosk-keypad>
      </div>
      <button type="button" class="confirm mode" name="confirm" ?disabled=${this._busy} @click=${() => void this._confirm()}>${msg('确认调整')}</button>`;
  }
}

/** Up to eight products for a typed name, brand or barcode digits. */
function searchProducts(text: string): Promise<Product[]> {
  return listProducts({ search: text, limit: 8 });
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-adjust-screen': KioskAdjustScreen;
  }
  interface HTMLElementEventMap {
    'kiosk-adjustment-recorded': KioskAdjustmentRecordedEvent;
  }
}
