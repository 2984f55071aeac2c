/**
 * Receiving (入库): a delivery is one session. Each scan adds to its list (a
 * carton scan says "1条 = 10盒", since stock is counted in packs); lines are
 * edited or voided like a sale's; the cost total can be checked against the
 * total on the supplier's delivery note before "完成入库" puts the stock in.
 *
 * The note total is typed on the keypad in yuan and saved with the delivery,
 * so a reload keeps it too.
 *
 * Orders: the delivery is compared with a placed order line by line as it is
 * scanned (相符, 少到, 多到, 换货; src/domain/delivery-check.ts). The order
 * sharing the most products (oldest first) is picked first; the owner may pick
 * another or none. Closing the delivery marks the picked order received with
 * that comparison, so its packs stop counting as on order and the shortfalls
 * stay on record.
 */
import { html, css, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { basketTotalCents, stockDeltasByProduct } from '../domain/basket.ts';
import { MAX_PRICE_CENTS, formatCents, parsePriceToCents } from '../domain/product.ts';
import { setDeliveryNoteTotal, type DeliverySession } from '../data/sessions.ts';
import { closeDelivery } from '../data/basket-closing.ts';
import { deliveryCheckContext, markOrderReceived, type DeliveryCheckContext, type Order } from '../data/orders.ts';
import { checkDelivery, type CheckedProduct, type DeliveryCheck } from '../domain/delivery-check.ts';
import type { KioskDeliveryOrderChooseEvent } from '../components/kiosk-delivery-check.ts';
import '../components/kiosk-delivery-check.ts';
import { formattingLocale } from '../localization.ts';
import { nextPriceText } from '../domain/keypad.ts';
import { unitText } from '../wording/stock-text.ts';
import type { KioskKeypadPressEvent } from '../components/kiosk-keypad.ts';
import '../components/kiosk-keypad.ts';
import { keypadShownStyles } from '../components/keypad-shown-styles.ts';
import { verdictStyles } from '../components/panel-styles.ts';
import { KioskBasketScreen } from './basket-screen.ts';
import { basketTotalCard, closeButton, panelAnswers } from './basket-panels.ts';

/** A delivery note is at most this (¥1,000,000): above it, a typing mistake. */
const MAX_NOTE_TOTAL_CENTS = MAX_PRICE_CENTS * 10;

@customElement('kiosk-receive-screen')
@localized()
export class KioskReceiveScreen extends KioskBasketScreen<DeliverySession> {
  protected readonly kind = 'delivery' as const;

  /** Typing the note total: the keypad is open with this text. */
  @state() private _noteText?: string | undefined;
  @state() private _noteError = false;
  /** The placed orders and products this delivery is checked against. */
  @state() private _context?: DeliveryCheckContext | undefined;
  /** The owner's pick of the order, for the delivery with this id (null: none); otherwise the likeliest. */
  @state() private _picked?: { sessionId: string; orderId: string | null } | undefined;
  /** The order marked received when the delivery just closed. */
  @state() private _receivedOrder?: Order | undefined;
  private _matchSeq = 0;
  /** The products (in line order) the order match was last looked up for. */
  private _matchedFor?: string;
  private _matching = false;
  private _matchAgain = false;

  static override styles = [
    ...KioskBasketScreen.sharedStyles,
    keypadShownStyles,
    verdictStyles,
    css`
      :host {
        --basket-mode: var(--kiosk-mode-receive);
        --basket-sum-size: 44px;
        --basket-close-height: 72px;
        --basket-close-font: 30px;
        --basket-closed-gap: 8px;
        --basket-closed-sum-size: 56px;
      }
      .total .sum {
        line-height: 1.15;
      }
      .total .packs {
        font-size: var(--kiosk-font-small);
      }
      button.note-entry {
        width: 100%;
        display: flex;
        justify-content: space-between;
        align-items: center;
        font-size: 26px;
        font-variant-numeric: tabular-nums;
        padding: 0 12px;
      }
      button.note-entry .placeholder {
        font-size: var(--kiosk-font-small);
        color: var(--kiosk-text-muted);
      }
      .diff {
        margin-top: 6px;
        font-size: var(--kiosk-font-small);
      }
      .note-pad {
        display: flex;
        flex-direction: column;
        gap: 8px;
        --kiosk-keypad-key-height: 52px;
        --keypad-shown-colour: var(--kiosk-mode-receive);
        --keypad-shown-background: var(--kiosk-mode-receive-soft);
        --keypad-shown-height: 60px;
        --keypad-shown-font-size: 34px;
        --keypad-shown-numeric: tabular-nums;
      }
      .note-pad .error {
        color: var(--kiosk-error);
        font-weight: 600;
        font-size: var(--kiosk-font-small);
      }
      .note-pad .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px;
      }
      /* 800×480: the total and the note's button both show above 完成入库 with a banner up. */
      @media (max-height: 540px) {
        .total .sum {
          font-size: 32px;
        }
        button.note-entry {
          min-height: 48px;
          font-size: 22px;
        }
      }
      .match {
        font-size: var(--kiosk-font-small);
        font-weight: 700;
        color: var(--kiosk-mode-receive);
        border-left: 6px solid var(--kiosk-mode-order);
      }
    `,
  ];

  protected _emptyLinesText() {
    return msg('这批货还没有商品，请扫描');
  }

  protected _voidQuestion() {
    return msg('作废这批入库？清单会全部去掉，库存不变。');
  }

  protected _renderIdle() {
    return html`<div class="card idle">
      <div class="prompt">${msg('请扫描送来的商品')}</div>
      <div>${msg('扫整条的条码会按条入库（1条 = 10盒）')}</div>
    </div>`;
  }

  protected _renderToolbar() {
    return html`<div class="toolbar">
      <button type="button" name="void" ?disabled=${!this._session || this._busy || this._closing} @click=${() => this._askVoid()}>
        ${msg('作废')}
      </button>
    </div>`;
  }

  protected _renderSide() {
    return this._renderNotePad() ?? this._renderSummary();
  }

  protected _renderClosed(delivery: DeliverySession) {
    const locale = formattingLocale();
    const packs = stockDeltasByProduct(delivery.basket).reduce((sum, d) => sum + d.packs, 0);
    return html`<div class="card closed" data-state="closed">
      <div class="done">${msg('✓ 已入库')}</div>
      <div class="sum">${formatCents(delivery.totalCents ?? basketTotalCents(delivery.basket), locale)}</div>
      <div class="next">${msg(str`共 ${packs} 盒已加到库存`)}</div>
      ${
        this._receivedOrder
          ? html`<div class="next" data-received-order=${this._receivedOrder.id}>${msg(str`订单 #${this._receivedOrder.placedSeq ?? ''} 已到货，不再算作在途`)}</div>
            ${
              this._receivedOrder.deliveryCheck && this._context
                ? html`<kiosk-delivery-check
                  data-panel="received-check"
                  .context=${{ ...this._context, orders: [this._receivedOrder] }}
                  .order=${this._receivedOrder}
                  .check=${{
                    lines: this._receivedOrder.deliveryCheck,
                    differences: this._receivedOrder.deliveryCheck.filter((l) => l.kind !== 'match').length,
                  }}
                ></kiosk-delivery-check>`
                : nothing
            }`
          : nothing
      }
      <div class="next">${msg('扫描商品开始下一批入库')}</div>
    </div>`;
  }

  private _renderSummary() {
    const locale = formattingLocale();
    const basket = this._session?.basket;
    const total = basket ? basketTotalCents(basket) : 0;
    const packs = basket ? stockDeltasByProduct(basket).reduce((sum, d) => sum + d.packs, 0) : 0;
    const empty = !basket || basket.lines.length === 0;
    const busy = this._busy || this._closing;
    const note = this._session?.noteTotalCents;
    // The figures the owner checks against the delivery note come first; the line-by-line check against the order follows.
    return html`
      ${basketTotalCard(basket, msg('进价合计'), html`<div class="packs">${msg(str`入库后库存 +${packs} ${unitText('pack', packs)}`)}</div>`)}
      <div class="card note" data-panel="note">
        <div class="label"><span>${msg('送货单金额')}</span></div>
        <button type="button" name="note-total" class="note-entry" ?disabled=${!this._session || busy} @click=${this._openNotePad}>
          ${
            note === undefined
              ? html`<span class="placeholder">${msg('点这里输入送货单上的合计')}</span>`
              : html`<span>${formatCents(note, locale)}</span>`
          }
        </button>
        ${note !== undefined ? this._renderDifference(note, total) : nothing}
      </div>
      ${
        this._context && this._context.orders.length > 0 && !empty
          ? html`<div class="card match" data-panel="order-match" data-order=${this._order()?.id ?? 'none'}>
            <kiosk-delivery-check
              .context=${this._context}
              .order=${this._order()}
              .check=${this._check()}
              pickable
              ?disabled=${busy}
              @kiosk-delivery-order-choose=${this._pickOrder}
            ></kiosk-delivery-check>
          </div>`
          : nothing
      }
      ${closeButton(msg('完成入库'), msg('正在入库…'), this._closeState, this._close)}
    `;
  }

  private _renderDifference(note: number, total: number) {
    const locale = formattingLocale();
    const diff = note - total;
    if (diff === 0) return html`<div class="diff verdict ok" data-diff="0">${msg('✓ 与送货单一致')}</div>`;
    const amount = formatCents(Math.abs(diff), locale);
    return html`<div class="diff verdict off" data-diff=${diff}>
      ${diff > 0 ? msg(str`✗ 相差 ${amount}：送货单比清单多`) : msg(str`✗ 相差 ${amount}：送货单比清单少`)}
    </div>`;
  }

  private _renderNotePad() {
    if (this._noteText === undefined) return undefined;
    const cents = parsePriceToCents(this._noteText);
    return html`<div class="card note-pad" data-panel="note-pad">
      <div class="label">${msg('送货单金额（元）')}</div>
      <div class="shown">¥ ${this._noteText === '' ? '' : this._noteText}</div>
      ${
        this._noteError
          ? html`<div class="error" role="alert">
            ${
              this._noteText === '' || cents === undefined
                ? msg('请用数字键输入金额，例如 1250.50')
                : msg(str`金额太大，请检查（最多 ${formatCents(MAX_NOTE_TOTAL_CENTS, formattingLocale())}）`)
            }
          </div>`
          : nothing
      }
      <kiosk-keypad decimal ?disabled=${this._busy} @kiosk-keypad-press=${this._onNoteKey}></kiosk-keypad>
      ${panelAnswers(
        { name: 'note-ok', tone: 'primary', label: msg('确定'), onClick: this._saveNote },
        { name: 'note-cancel', onClick: () => (this._noteText = undefined) },
        this._busy,
      )}
    </div>`;
  }

  protected override _afterScan(): void {
    this._closed = undefined;
    this._receivedOrder = undefined;
  }

  /** The order this delivery is compared with: the owner's pick, or the likeliest. */
  private _order(): Order | undefined {
    const context = this._context;
    const session = this._session;
    if (!context || !session) return undefined;
    const picked = this._picked?.sessionId === session.id ? this._picked.orderId : context.likelyOrderId;
    return picked === null || picked === undefined ? undefined : context.orders.find((o) => o.id === picked);
  }

  private _check(): DeliveryCheck | undefined {
    const order = this._order();
    const basket = this._session?.basket;
    if (!order || !basket || !this._context) return undefined;
    const products = this._context.products;
    const info = (code: string): CheckedProduct => products.get(code) ?? { code };
    return checkDelivery(
      order.lines.map((l) => ({ ...info(l.code), name: info(l.code).name ?? l.name, packs: l.packs })),
      stockDeltasByProduct(basket).map((d) => ({ ...info(d.productCode), packs: d.packs })),
    );
  }

  private _pickOrder = (e: KioskDeliveryOrderChooseEvent) => {
    const session = this._session;
    if (session) this._picked = { sessionId: session.id, orderId: e.detail };
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('_session')) void this._findOrder();
  }

  private async _findOrder() {
    const codes = this._session?.basket.lines.map((l) => l.productCode) ?? [];
    // Only a different set of products can match another order: most scans add
    // to a line already there, and a read of every order per scan competes with
    // the scans' own commits.
    // During a burst of new products one look-up runs at a time, then one more
    // for where the burst got to.
    const key = codes.join(' ');
    if (key === this._matchedFor) return;
    if (this._matching) {
      this._matchAgain = true;
      return;
    }
    this._matchedFor = key;
    this._matching = true;
    const seq = ++this._matchSeq;
    try {
      // Never change state inside updated() itself: one more render, not a render loop.
      const context = codes.length > 0 ? await deliveryCheckContext(codes) : await Promise.resolve(undefined);
      if (seq === this._matchSeq) this._context = context;
    } catch (error) {
      // Only a hint: receiving works without it.
      console.warn('receive screen: could not match the delivery to an order', error);
    } finally {
      this._matching = false;
    }
    if (this._matchAgain) {
      this._matchAgain = false;
      await this._findOrder();
    }
  }

  protected override _afterVoid(): void {
    this._notice = { tone: 'info', kind: 'voided', text: msg('这批入库已作废，库存没有变。') };
  }

  protected override _closePanels(): void {
    super._closePanels();
    this._noteText = undefined;
    this._noteError = false;
  }

  private _askVoid() {
    this._closePanels();
    this._confirmVoid = true;
  }

  private _openNotePad = () => {
    this._closePanels();
    const note = this._session?.noteTotalCents;
    // Start from what was typed before, in the same plain form the keypad writes.
    this._noteText = note === undefined ? '' : (note / 100).toFixed(2).replace(/\.00$/, '');
  };

  private _onNoteKey = (e: KioskKeypadPressEvent) => {
    this._noteError = false;
    this._noteText = nextPriceText(this._noteText ?? '', e.detail);
  };

  private _saveNote = () => {
    const text = this._noteText ?? '';
    const cents = parsePriceToCents(text);
    if (text === '' || cents === undefined || cents > MAX_NOTE_TOTAL_CENTS) {
      this._noteError = true;
      return;
    }
    return this._act(async () => {
      const session = this._session;
      if (!session) return;
      try {
        this._acceptSession(await setDeliveryNoteTotal(session.id, cents));
        this._noteText = undefined;
      } catch (error) {
        this._failed(error, 'note');
      }
    });
  };

  private _close = () =>
    this._closeSession(async (session) => {
      const closed = await closeDelivery(session.id, session.noteTotalCents);
      // Compared with what was closed, not what was on screen a moment before.
      const order = this._order();
      const check = order ? this._check() : undefined;
      this._receivedOrder = undefined;
      if (order) {
        try {
          this._receivedOrder = await markOrderReceived(order.id, closed.id, Date.now(), check?.lines);
        } catch (error) {
          // The stock is in; the order can still be closed from the order screen.
          console.warn('receive screen: could not mark the order received', error);
        }
      }
      return closed;
    });
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-receive-screen': KioskReceiveScreen;
  }
}
