/**
 * Selling (销售): each scan goes into the customer's basket; the sum is large;
 * a tap on a line opens the keypad to change its quantity or void it; "结账"
 * records the sale (stock goes out), "整单作废" drops the basket, and the last
 * closed sale can be reversed with a reason (its own movement, never an edit).
 *
 * The basket is saved on every change, so a reload or crash resumes it. After
 * closing, the sale's total and "已结账" stay on screen until the next scan
 * starts a new basket. Stock of the product just scanned is shown, with what
 * it will be after this sale; negative stock is flagged in red (负库存).
 */
import { html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { basketItemCount, basketTotalCents, emptyBasket, stockDelta } from '../domain/basket.ts';
import type { Scan } from '../domain/scan-protocol.ts';
import { formatCents, type Product } from '../domain/product.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { askForOwner, canDo } from '../data/roles.ts';
import type { SaleSession } from '../data/sessions.ts';
import { EmptyBasketError, MAX_REASON_LENGTH, ReversalReasonError, SaleAlreadyReversedError } from '../data/session-errors.ts';
import { closeSale, getLastClosedSale, reverseSale } from '../data/basket-closing.ts';
import { formattingLocale } from '../localization.ts';
import { itemsText, stockText } from '../wording/stock-text.ts';
import { reversalReasonText, type ReversalReasonKey } from '../wording/movement-text.ts';
import { KioskBasketScreen } from './basket-screen.ts';
import { basketTotalCard, closeButton, panelAnswers } from './basket-panels.ts';

@customElement('kiosk-sell-screen')
@localized()
export class KioskSellScreen extends KioskBasketScreen<SaleSession> {
  protected readonly kind = 'sale' as const;

  /** The product of the last scan, for its stock. */
  @state() private _scanned?: { product: Product; link: BarcodeLink } | undefined;
  /** The reverse-last-sale panel: the sale it would reverse (undefined: none yet). */
  @state() private _reverse?: { sale: SaleSession | undefined } | undefined;
  @state() private _reason?: ReversalReasonKey | 'other' | undefined;
  @state() private _otherText = '';
  @state() private _reasonError = false;

  static override styles = [
    ...KioskBasketScreen.sharedStyles,
    css`
      .scanned .name {
        font-size: var(--kiosk-font-body);
        font-weight: 700;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .scanned .stock {
        font-size: var(--kiosk-font-small);
        margin-top: 2px;
      }
      :host {
        --basket-mode: var(--kiosk-mode-sell);
      }
      .total {
        display: flex;
        flex-direction: column;
        gap: 0;
      }
      .total .sum {
        line-height: 1.1;
        white-space: nowrap;
      }
      .closed .sum {
        line-height: 1.1;
      }
      .closed.reversed {
        border-color: var(--kiosk-warn-mark);
      }
      .closed.reversed .done {
        color: var(--kiosk-warn);
      }
      .negatives {
        color: var(--kiosk-error);
        font-weight: 700;
        font-size: var(--kiosk-font-small);
      }
      .reverse h3 {
        margin: 0;
        font-size: var(--kiosk-font-body);
      }
      .reverse .which {
        font-size: var(--kiosk-font-small);
        color: var(--kiosk-text-muted);
      }
      .reasons {
        display: grid;
        grid-template-columns: 1fr 1fr 1fr;
        gap: 6px;
      }
      .reasons button {
        padding: 0 4px;
        font-size: 19px;
      }
      .reasons button[aria-pressed='true'] {
        background: var(--kiosk-accent);
        border-color: var(--kiosk-accent);
        color: var(--kiosk-on-accent);
        font-weight: 700;
      }
      .reverse input {
        font: inherit;
        font-size: var(--kiosk-font-body);
        height: 56px;
        width: 100%;
        padding: 0 12px;
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        user-select: text;
        -webkit-user-select: text;
      }
      .reverse input[aria-invalid='true'] {
        border-color: var(--kiosk-error);
      }
      .reverse .error {
        color: var(--kiosk-error);
        font-weight: 600;
        font-size: var(--kiosk-font-small);
      }
    `,
  ];

  /**
   * A scan not stored yet: shown at once, because a customer is waiting and a
   * Pi's commit can take longer than the next scan (see _previewScan). 入库 shows
   * only stored lines: a delivery is checked against its order as they land.
   */
  previewScan(scan: Scan, stored: Promise<unknown>): void {
    this._previewScan(scan, stored);
  }

  protected _emptyLinesText() {
    return msg('这一单还没有商品，请扫描');
  }

  protected _voidQuestion() {
    const items = itemsText(basketItemCount(this._shownBasket ?? emptyBasket()));
    return msg(str`作废这一单？${items}商品会全部去掉，不记销售。`);
  }

  protected _renderSide() {
    return this._renderReverse() ?? this._renderSummary();
  }

  protected _renderIdle() {
    return html`<div class="card idle">
      <div class="prompt">${msg('请扫描商品条码')}</div>
      <div>${msg('扫到的商品会加入这一单；点一行可以改数量')}</div>
    </div>`;
  }

  protected _renderClosed(sale: SaleSession) {
    const locale = formattingLocale();
    const reversed = sale.reversal !== undefined;
    const negatives = sale.basket.lines
      .map((l) => this._products.get(l.productCode))
      .filter((p, i, all): p is Product => p !== undefined && p.stock < 0 && all.indexOf(p) === i);
    return html`<div class="card closed ${reversed ? 'reversed' : ''}" data-state=${reversed ? 'reversed' : 'closed'}>
      <div class="done">${reversed ? msg('已撤销') : msg('✓ 已结账')}</div>
      <div class="sum">${formatCents(sale.totalCents ?? basketTotalCents(sale.basket), locale)}</div>
      <div class="next">${itemsText(basketItemCount(sale.basket))}</div>
      ${
        negatives.length > 0
          ? html`<div class="negatives">
            ${msg(str`负库存：${negatives.map((p) => `${p.name} ${stockText(p)}`).join('、')}。请盘点或补录入库。`)}
          </div>`
          : nothing
      }
      <div class="next">${msg('扫描下一件商品开始新的一单')}</div>
    </div>`;
  }

  private _renderSummary() {
    return html`
      ${this._renderScanned()} ${basketTotalCard(this._shownBasket, msg('合计'))} ${closeButton(msg('结账'), msg('正在结账…'), this._closeState, this._close)}
    `;
  }

  /** The rarer actions, under the basket: away from 结账 so a hurried tap does not hit them. */
  protected _renderToolbar() {
    const busy = this._busy || this._closing;
    return html`<div class="toolbar">
      <button type="button" name="reverse" ?disabled=${busy} @click=${this._openReverse}>
        ${msg('撤销上一单')}
      </button>
      <button type="button" name="void" ?disabled=${!this._shownBasket || busy} @click=${() => this._askVoid()}>
        ${msg('整单作废')}
      </button>
    </div>`;
  }

  /** The product just scanned: its stock now and after this sale. */
  private _renderScanned() {
    const scanned = this._scanned;
    const basket = this._shownBasket;
    if (!scanned || !basket) return nothing;
    const product = this._products.get(scanned.product.code) ?? scanned.product;
    const inBasket = basket.lines.filter((l) => l.productCode === product.code).reduce((sum, l) => sum + stockDelta(l), 0);
    // A v1 product counted in cartons moves one "pack" per scan of its own code: same arithmetic.
    const after = { ...product, stock: product.stock - inBasket };
    return html`<div class="card scanned" data-panel="scanned">
      <div class="name">${product.name}</div>
      <div class="stock">
        ${msg('库存')} <span class=${product.stock < 0 ? 'neg' : ''}>${stockText(product)}</span>
        → ${msg('结账后')} <span class=${after.stock < 0 ? 'neg' : ''} data-stock-after=${after.stock}>${stockText(after)}</span>
        ${after.stock < 0 ? html`<span class="tag-neg">${msg('负库存')}</span>` : nothing}
      </div>
    </div>`;
  }

  private _renderReverse() {
    const panel = this._reverse;
    if (!panel) return undefined;
    const sale = panel.sale;
    const locale = formattingLocale();
    if (!sale || sale.reversal) {
      return html`<div class="card confirm reverse" data-panel="reverse">
        <h3>${msg('撤销上一单')}</h3>
        <div class="question">
          ${!sale ? msg('还没有结过账的单，没有可以撤销的。') : msg('上一单已经撤销过了，不能再撤销。')}
        </div>
        <button type="button" name="keep" @click=${this._closeReverse}>${msg('返回')}</button>
      </div>`;
    }
    return html`<div class="card confirm reverse" data-panel="reverse">
      <h3>${msg('撤销上一单')}</h3>
      <div class="which">
        ${msg(str`上一单 ${formatCents(sale.totalCents ?? basketTotalCents(sale.basket), locale)}，${itemsText(basketItemCount(sale.basket))}。撤销后库存加回。`)}
      </div>
      <div class="question">${msg('原因')}</div>
      <div class="reasons" role="group">
        ${this._reasonButton('customer-return', reversalReasonText('customer-return'))}
        ${this._reasonButton('wrong-scan', reversalReasonText('wrong-scan'))} ${this._reasonButton('other', msg('其他'))}
      </div>
      ${
        this._reason === 'other'
          ? html`<input
            name="reason-text"
            maxlength=${MAX_REASON_LENGTH}
            autocomplete="off"
            placeholder=${msg('请写明原因')}
            aria-invalid=${this._reasonError ? 'true' : 'false'}
            .value=${this._otherText}
            @input=${(e: Event) => {
              this._otherText = (e.target as HTMLInputElement).value;
              this._reasonError = false;
            }}
          />`
          : nothing
      }
      ${
        this._reasonError
          ? html`<div class="error" role="alert">
            ${this._reason === undefined ? msg('请先选一个原因') : msg('请写明原因（最多 100 个字）')}
          </div>`
          : nothing
      }
      ${panelAnswers(
        { name: 'confirm-reverse', tone: 'danger', label: msg('确认撤销'), onClick: this._confirmReverse },
        { name: 'keep', onClick: this._closeReverse },
        this._busy,
      )}
    </div>`;
  }

  private _reasonButton(key: ReversalReasonKey | 'other', label: string) {
    return html`<button
      type="button"
      name=${`reason-${key}`}
      aria-pressed=${this._reason === key ? 'true' : 'false'}
      ?disabled=${this._busy}
      @click=${() => {
        this._reason = key;
        this._reasonError = false;
      }}
    >
      ${label}
    </button>`;
  }

  protected override _afterScan(found: { product: Product; link: BarcodeLink }): void {
    this._closed = undefined;
    this._reverse = undefined;
    this._scanned = found;
  }

  protected override _afterVoid(): void {
    this._scanned = undefined;
    this._notice = { tone: 'info', kind: 'voided', text: msg('这一单已作废，没有记销售。') };
  }

  protected override _closePanels(): void {
    super._closePanels();
    this._reverse = undefined;
  }

  private _askVoid() {
    this._closePanels();
    this._confirmVoid = true;
  }

  private _close = () =>
    this._closeSession(async (session) => {
      const closed = await closeSale(session.id);
      this._scanned = undefined;
      return closed;
    });

  protected override _closeFailed(error: unknown): void {
    if (error instanceof EmptyBasketError) {
      this._notice = { tone: 'warn', kind: 'empty', text: msg('这一单还没有商品，不能结账。请先扫描商品。') };
    } else super._closeFailed(error);
  }

  private _openReverse = async () => {
    // Straight on when the owner is signed in (no await: the panel opens in this tap's frame).
    if (!canDo('reverse-sale') && !(await askForOwner('reverse-sale'))) return;
    return this._act(async () => {
      this._closePanels();
      this._reason = undefined;
      this._otherText = '';
      this._reasonError = false;
      try {
        this._reverse = { sale: await getLastClosedSale() };
      } catch (error) {
        this._failed(error, 'reverse');
      }
    });
  };

  private _closeReverse = () => {
    this._reverse = undefined;
  };

  private _confirmReverse = async () => {
    const sale = this._reverse?.sale;
    if (!sale || this._busy) return;
    const reason =
      this._reason === 'other'
        ? (this.renderRoot.querySelector<HTMLInputElement>('input[name="reason-text"]')?.value ?? this._otherText).trim()
        : this._reason;
    if (reason === undefined || reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
      this._reasonError = true;
      return;
    }
    if (!canDo('reverse-sale') && !(await askForOwner('reverse-sale'))) return;
    return this._act(async () => {
      try {
        const reversed = await reverseSale(sale.id, reason);
        this._reverse = undefined;
        await this._rememberProducts(reversed.basket.lines.map((l) => l.productCode));
        if (!this._session) this._closed = reversed;
        this._notice = {
          tone: 'info',
          kind: 'reversed',
          text: msg(
            str`上一单（${formatCents(reversed.totalCents ?? basketTotalCents(reversed.basket), formattingLocale())}）已撤销，库存已加回。`,
          ),
        };
      } catch (error) {
        if (error instanceof SaleAlreadyReversedError) {
          this._reverse = { sale: { ...sale, reversal: { at: Date.now(), reason } } };
        } else if (error instanceof ReversalReasonError) {
          this._reasonError = true;
        } else this._failed(error, 'reverse');
      }
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-sell-screen': KioskSellScreen;
  }
}
