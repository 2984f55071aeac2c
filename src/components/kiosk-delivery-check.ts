/**
 * The delivery being received, compared with the placed order line by line
 * (到货核对): 相符, 少到, 多到 / 未订, 换货. The owner picks which placed order
 * the delivery brings (the likeliest is picked first), or none, since the best
 * guess can be wrong when two orders share products.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase, hostBlock } from '../styles.ts';
import type { DeliveryCheck, DeliveryLine } from '../domain/delivery-check.ts';
import type { DeliveryCheckContext, Order } from '../data/orders.ts';
import { productStockText } from '../wording/stock-text.ts';
import { deliveryLineText } from '../wording/order-text.ts';
import { kioskEvent } from './kiosk-event.ts';

/** The owner chose the order the delivery brings (null: none of them). */
export class KioskDeliveryOrderChooseEvent extends kioskEvent<string | null>()('kiosk-delivery-order-choose') {}

@customElement('kiosk-delivery-check')
@localized()
export class KioskDeliveryCheck extends LitElement {
  /** The placed orders and the products' units (from deliveryCheckContext). */
  @property({ attribute: false }) context?: DeliveryCheckContext;
  /** The order compared with, if any. */
  @property({ attribute: false }) order?: Order | undefined;
  @property({ attribute: false }) check?: DeliveryCheck | undefined;
  @property({ type: Boolean }) disabled = false;
  /** Offer the choice of order (not once the delivery is received). */
  @property({ type: Boolean }) pickable = false;

  static override styles = [
    kioskBase,
    hostBlock,
    css`
      :host {
        font-size: var(--kiosk-font-small);
        border-left: 6px solid var(--kiosk-mode-order);
        padding-left: 8px;
      }
      .choose {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-bottom: 6px;
      }
      .choose button {
        min-height: 40px;
        font-size: 16px;
        padding: 0 10px;
      }
      .head {
        font-weight: 700;
        color: var(--kiosk-mode-receive);
      }
      ul {
        list-style: none;
        margin: 4px 0 0;
        padding: 0;
        max-height: 30vh;
        overflow-y: auto;
      }
      li {
        display: grid;
        grid-template-columns: 3.2em 1fr;
        gap: 6px;
        padding: 3px 0;
        border-bottom: 1px solid var(--kiosk-border, #ccc);
      }
      .kind {
        font-weight: 800;
      }
      li[data-kind='match'] .kind {
        color: var(--kiosk-ok);
      }
      li:not([data-kind='match']) .kind {
        color: var(--kiosk-error);
      }
    `,
  ];

  private _packs(code: string, packs: number): string {
    return productStockText(packs, this.context?.products.get(code));
  }

  private _lineText(line: DeliveryLine) {
    const name = line.name ?? line.code;
    const ordered = this._packs(line.code, line.ordered);
    const came = this._packs(line.code, line.delivered);
    switch (line.kind) {
      case 'match':
        return `${name} ${came}`;
      case 'short':
        return msg(str`${name}：订 ${ordered}，到 ${came}，少 ${this._packs(line.code, line.ordered - line.delivered)}`);
      case 'over':
        return line.ordered === 0
          ? msg(str`${name}：没有订，到 ${came}`)
          : msg(str`${name}：订 ${ordered}，到 ${came}，多 ${this._packs(line.code, line.delivered - line.ordered)}`);
      case 'substitute': {
        const instead = line.instead!;
        return msg(
          str`订 ${name} ${ordered}（到 ${came}），换成 ${instead.name ?? instead.code} ${this._packs(instead.code, instead.packs)}`,
        );
      }
    }
  }

  override render() {
    const orders = this.context?.orders ?? [];
    if (orders.length === 0) return nothing;
    const check = this.check;
    return html`${
      this.pickable
        ? html`<div class="choose" role="group" aria-label=${msg('这批货是哪个订单的')}>
            ${orders.map(
              (o) => html`<button
                type="button"
                data-order=${o.id}
                aria-pressed=${this.order?.id === o.id ? 'true' : 'false'}
                ?disabled=${this.disabled}
                @click=${() => this.dispatchEvent(new KioskDeliveryOrderChooseEvent(o.id))}
              >
                ${msg(str`订单 #${o.placedSeq ?? ''}`)}
              </button>`,
            )}
            <button
              type="button"
              data-order="none"
              aria-pressed=${this.order === undefined ? 'true' : 'false'}
              ?disabled=${this.disabled}
              @click=${() => this.dispatchEvent(new KioskDeliveryOrderChooseEvent(null))}
            >
              ${msg('不对订单')}
            </button>
          </div>`
        : nothing
    }
      ${
        this.order && check
          ? html`<div class="head" data-differences=${check.differences}>
              ${
                check.differences === 0
                  ? msg(str`与订单 #${this.order.placedSeq ?? ''} 逐项相符`)
                  : check.differences === 1
                    ? msg(str`与订单 #${this.order.placedSeq ?? ''} 核对：${check.differences} 项不符`, { id: 'delivery-differs-one' })
                    : msg(str`与订单 #${this.order.placedSeq ?? ''} 核对：${check.differences} 项不符`, { id: 'delivery-differs-other' })
              }
            </div>
            <ul>
              ${check.lines.map(
                (l) =>
                  html`<li data-code=${l.code} data-kind=${l.kind}><span class="kind">${deliveryLineText(l)}</span><span>${this._lineText(l)}</span></li>`,
              )}
            </ul>`
          : html`<div class="head">${msg('不对订单：只入库，不核对')}</div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-delivery-check': KioskDeliveryCheck;
  }
}
