/**
 * The lines of a basket (a customer's sale or a delivery being received): name,
 * unit, unit price, quantity and line total, one big touch row per line. A tap
 * on a row asks to edit it (kiosk-line-select); the screen decides what opens.
 *
 * Units come from the barcode's multiplier: a carton barcode (×10) is 条, a pack
 * barcode 盒. In a delivery a carton line also says what it is in packs
 * ("2条 = 20盒"), because stock is counted in packs.
 */
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { localized, msg, str } from '@lit/localize';
import { lineTotalCents, sameBasketLine, type BasketLine } from '../domain/basket.ts';
import { formatCents, type Product } from '../domain/product.ts';
import { formattingLocale } from '../localization.ts';
import { framedCard, kioskBase } from '../styles.ts';
import { lineListStyles } from './line-list-styles.ts';
import { lineQuantityText } from '../wording/stock-text.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskLineSelectEvent extends kioskEvent<string>()('kiosk-line-select') {}

/** Rows drawn as one block: a scan into a long basket rebuilds one block, the others are compared whole. */
const ROWS_PER_BLOCK = 25;

@customElement('kiosk-basket-lines')
@localized()
export class KioskBasketLines extends LitElement {
  @property({ attribute: false }) lines: readonly BasketLine[] = [];
  /** Products of the lines, by product code (for the unit of v1 carton products). */
  @property({ attribute: false }) products: ReadonlyMap<string, Product> = new Map();
  /** The line being edited: drawn selected. */
  @property({ attribute: false }) selected?: string | undefined;
  /** The line last added or changed: drawn lit and scrolled into view. */
  @property({ attribute: false }) highlight?: string | undefined;
  /** 'delivery' adds the packs of carton lines and calls the price 进价. */
  @property() kind: 'sale' | 'delivery' = 'sale';
  @property({ type: Boolean, reflect: true }) disabled = false;

  static override styles = [
    kioskBase,
    lineListStyles,
    framedCard,
    css`
      :host {
        /* Wide enough for ¥9,999.99 a unit, "10条" and ¥99,999.99 a line (a delivery of cartons). */
        --qty-column: 4.5rem;
        --line-columns: 1.6rem minmax(0, 1fr) 6.5rem var(--qty-column) 7.5rem;
      }
      :host(:lang(en)) {
        /* "10 cartons" */
        --qty-column: 7.5rem;
      }
      /* The rows scroll in the frame, not the host: the host is the basket screen's
         flex item, and a scan's new row laid out the whole page (150 rows, every frame). */
      .frame {
        overflow-y: auto;
        overscroll-behavior: contain;
        container-type: inline-size;
      }
      .head,
      button.line {
        column-gap: 12px;
        padding: 0 16px;
      }
      .head {
        background: var(--kiosk-surface);
        height: 40px;
        font-size: var(--kiosk-font-small);
        border-bottom: 1px solid var(--kiosk-border);
      }
      /* A block out of view is not laid out or painted: a long basket costs a
         frame the rows on the glass. Its height is remembered once drawn. */
      .block {
        content-visibility: auto;
        contain-intrinsic-size: auto 1600px;
      }
      button.line {
        min-height: 64px;
        /* A row's layout and paint stay inside it: a scan lays out its own row only. */
        contain: layout paint style;
        border: none;
        border-bottom: 1px solid var(--kiosk-border);
        border-radius: 0;
        background: transparent;
        font-size: var(--kiosk-font-body);
      }
      button.line.lit {
        background: var(--kiosk-ok-soft);
      }
      button.line[aria-pressed='true'] {
        background: var(--kiosk-accent-soft);
        box-shadow: inset 6px 0 0 var(--kiosk-accent);
      }
      .no {
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-small);
        font-variant-numeric: tabular-nums;
      }
      .line .name {
        padding: 6px 0;
        min-width: 0;
      }
      .name .text {
        font-weight: 600;
        line-height: 1.25;
      }
      .sub {
        display: block;
        font-size: 15px;
        font-weight: 400;
        color: var(--kiosk-text-muted);
      }
      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .line .qty,
      .line .total {
        font-weight: 700;
      }
      /* A narrow list (the 7" screen's half width) gives the name the room of the
         line number and the unit price, which goes small under the quantity, as on a
         till receipt: the screen shows three lines, and the total counts them. */
      @container (max-width: 36rem) {
        .head,
        button.line {
          --line-columns: minmax(0, 1fr) max(6rem, var(--qty-column)) 7.5rem;
          grid-template-areas: 'name qty total' 'name price total';
          column-gap: 8px;
          padding: 0 12px;
        }
        .head {
          grid-template-areas: 'name qty total';
        }
        .no,
        .head .price {
          display: none;
        }
        .line .name {
          grid-area: name;
        }
        .line .qty {
          grid-area: qty;
          align-self: end;
        }
        .line .price {
          grid-area: price;
          align-self: start;
          font-size: var(--kiosk-font-small);
          color: var(--kiosk-text-muted);
        }
        .line .total {
          grid-area: total;
        }
      }
      /* Narrower still (beside the quantity editor at 800×480): the line's total
         goes under its quantity and the unit price is in the editor. */
      @container (max-width: 24rem) {
        .head,
        button.line {
          --line-columns: minmax(0, 1fr) max(7.5rem, var(--qty-column));
          grid-template-areas: 'name qty' 'name total';
        }
        .head {
          grid-template-areas: 'name qty';
        }
        .line .price,
        .head .total {
          display: none;
        }
        .line .total {
          align-self: start;
        }
      }
      .empty {
        padding: 32px 16px;
        text-align: center;
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-body);
      }
    `,
  ];

  private _scrollFrame?: number | undefined;
  /** The lines last drawn, by lineId: an equal line read back anew is drawn as the same object. */
  private _drawn = new Map<string, BasketLine>();

  protected override updated(changed: PropertyValues<this>) {
    // A copy of the same basket (the stored session after its preview) moves nothing.
    const grew = changed.has('lines') && changed.get('lines')?.length !== this.lines.length;
    if ((changed.has('highlight') || grew) && this._scrollFrame === undefined) {
      // Once per frame, with the frame's own layout: scrolling in updated() forced
      // a layout of every row on each scan of a burst.
      this._scrollFrame = requestAnimationFrame(() => {
        this._scrollFrame = undefined;
        const lit = this.highlight ? this.renderRoot.querySelector(`[data-line-id="${this.highlight}"]`) : null;
        lit?.scrollIntoView({ block: 'nearest' });
      });
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    if (this._scrollFrame !== undefined) cancelAnimationFrame(this._scrollFrame);
    this._scrollFrame = undefined;
  }

  override render() {
    return html`<div class="frame">${this._renderLines()}</div>`;
  }

  /**
   * The lines with every line equal to one drawn before replaced by that one:
   * a session read back from IndexedDB brings new objects with the same values,
   * and the blocks below compare lines by identity.
   */
  private _sameObjects(lines: readonly BasketLine[]): BasketLine[] {
    const drawn = new Map<string, BasketLine>();
    const shared = lines.map((line) => {
      const before = this._drawn.get(line.lineId);
      const keep = before && sameBasketLine(before, line) ? before : line;
      drawn.set(line.lineId, keep);
      return keep;
    });
    this._drawn = drawn;
    return shared;
  }

  private _renderLines() {
    if (this.lines.length === 0) return html`<div class="empty"><slot name="empty">${msg('还没有商品')}</slot></div>`;
    const locale = formattingLocale();
    const lines = this._sameObjects(this.lines);
    const blocks = [];
    for (let start = 0; start < lines.length; start += ROWS_PER_BLOCK) {
      const block = lines.slice(start, start + ROWS_PER_BLOCK);
      const products = block.map((line) => this.products.get(line.productCode));
      // A block is drawn again only when one of its lines, their products, the
      // selected or lit line among them, or the whole list's state changed.
      const selected = block.findIndex((line) => line.lineId === this.selected);
      const lit = block.findIndex((line) => line.lineId === this.highlight);
      blocks.push(
        guard(
          [start, selected, lit, this.disabled, this.kind, locale, ...block, ...products],
          () =>
            html`<div class="block">${block.map((line, i) =>
              guard([line, products[i], start + i, i === selected, i === lit, this.disabled, this.kind, locale], () =>
                this._line(line, start + i + 1, locale, products[i], i === selected, i === lit),
              ),
            )}</div>`,
        ),
      );
    }
    return html`<div class="head" aria-hidden="true">
        <span class="no"></span><span class="name">${msg('商品')}</span
        ><span class="num price">${this.kind === 'delivery' ? msg('进价') : msg('单价')}</span><span class="num qty">${msg('数量')}</span
        ><span class="num total">${msg('小计')}</span>
      </div>
      ${blocks}`;
  }

  private _line(line: BasketLine, no: number, locale: string, product: Product | undefined, selected: boolean, lit: boolean) {
    const carton = line.multiplier > 1;
    let sub: string | undefined;
    if (carton && this.kind === 'delivery') {
      sub = msg(str`1条 = ${line.multiplier}盒 · 共 ${line.quantity * line.multiplier}盒`);
    } else if (carton) {
      sub = msg(str`整条（${line.multiplier}盒）`);
    }
    return html`<button
      type="button"
      class="line ${lit ? 'lit' : ''}"
      data-line-id=${line.lineId}
      aria-pressed=${selected ? 'true' : 'false'}
      ?disabled=${this.disabled}
      @click=${() => this.dispatchEvent(new KioskLineSelectEvent(line.lineId))}
    >
      <span class="no">${no}</span>
      <span class="name"><span class="text two-lines">${line.name}</span>${sub ? html`<span class="sub">${sub}</span>` : nothing}</span>
      <span class="num price"
        >${
          this.kind === 'delivery' && line.unitPriceCents === 0
            ? html`<span class="sub">${msg('未设进价')}</span>`
            : formatCents(line.unitPriceCents, locale)
        }</span
      >
      <span class="num qty">${lineQuantityText(line, product)}</span>
      <span class="num total">${formatCents(lineTotalCents(line), locale)}</span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-basket-lines': KioskBasketLines;
  }
  interface HTMLElementEventMap {
    'kiosk-line-select': KioskLineSelectEvent;
  }
}
