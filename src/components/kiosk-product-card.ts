/**
 * The product just scanned, big enough to read at arm's length: name, price,
 * stock with its unit, and the code the way it is printed under the bars. A
 * carton's barcode shows the carton: its price, how many packs, and the code
 * that was scanned.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import { formatCents, type Product } from '../domain/product.ts';
import { saleScanPriceCents } from '../domain/basket.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { formattingLocale } from '../localization.ts';
import { framedCard, kioskBase } from '../styles.ts';
import { stockText, unitText } from '../wording/stock-text.ts';

@customElement('kiosk-product-card')
@localized()
export class KioskProductCard extends LitElement {
  @property({ attribute: false }) product?: Product;
  /** The barcode scanned, when it is not the pack's own (a carton ×10). */
  @property({ attribute: false }) link?: BarcodeLink | undefined;

  static override styles = [
    kioskBase,
    framedCard,
    css`
      /* A name too long for a small screen scrolls here. */
      .frame {
        box-sizing: border-box;
        padding: 28px 36px;
        overflow-y: auto;
        display: flex;
        flex-direction: column;
        /* safe: a name taller than the card starts at its top, where the scroll can reach. */
        justify-content: safe center;
      }
      /* Too tall for the card, the parts scroll: none is squeezed (the name went to 0 px at 800×480). */
      .frame > * {
        flex: none;
      }
      .name {
        font-size: var(--kiosk-font-product-name);
        font-weight: 700;
        line-height: 1.2;
        margin: 0 0 8px;
      }
      .price {
        font-size: var(--kiosk-font-price);
        font-weight: 800;
        line-height: 1.1;
        color: var(--kiosk-accent-strong);
        font-variant-numeric: tabular-nums;
        letter-spacing: -0.01em;
        margin: 12px 0 16px;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 28px;
      }
      .stock {
        font-size: var(--kiosk-font-stock);
        font-weight: 600;
        padding: 6px 18px;
        border-radius: 999px;
        background: var(--kiosk-surface-sunken);
        border: 2px solid var(--kiosk-border);
      }
      .stock.out {
        color: var(--kiosk-error);
        background: var(--kiosk-error-soft);
        border-color: var(--kiosk-error);
      }
      .carton {
        font-size: var(--kiosk-font-body);
        font-weight: 600;
        margin: -8px 0 16px;
      }
      .code {
        font-family: var(--kiosk-font-numeric);
        font-size: var(--kiosk-font-body);
        color: var(--kiosk-text-muted);
        letter-spacing: 0.06em;
      }
    `,
  ];

  override render() {
    const p = this.product;
    if (!p) return nothing;
    const locale = formattingLocale();
    const carton = this.link && this.link.multiplier > 1 ? this.link : undefined;
    // With a carton size the stock reads as the shop counts it, 2条 5盒.
    const stock = p.packsPerCarton && p.packsPerCarton > 1 ? stockText(p) : `${p.stock} ${unitText(p.unit, p.stock)}`;
    const stockLabel = msg(str`库存 ${stock}`);
    return html`<div class="frame">
      <h2 class="name two-lines" part="name">${p.name}</h2>
      <div class="price" part="price">${formatCents(carton ? saleScanPriceCents(p, carton) : p.priceCents, locale)}</div>
      ${
        carton
          ? html`<div class="carton" data-kind="carton">
              ${msg(str`整条（${carton.multiplier} 盒）`)} · ${msg(str`每盒 ${formatCents(p.priceCents, locale)}`)}
            </div>`
          : nothing
      }
      <div class="facts">
        <span class="stock ${p.stock <= 0 ? 'out' : ''}" part="stock"
          >${stockLabel}${p.stock <= 0 ? html` · ${msg('缺货')}` : nothing}</span
        >
        <span class="code" part="code">${displayCode(carton ? carton.code : p.code)}</span>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-product-card': KioskProductCard;
  }
}
