/** The last few scans, newest first: what was scanned, and whether the shop knows it. */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import { formatCents, type Product } from '../domain/product.ts';
import { saleScanPriceCents } from '../domain/basket.ts';
import type { BarcodeLink } from '../domain/units.ts';
import type { Scan } from '../domain/scan-protocol.ts';
import { formattingLocale } from '../localization.ts';
import { framedCard, kioskBase } from '../styles.ts';

/**
 * Rows drawn while folded: about what fits beside the product on a 600-px
 * screen. Every extra row is re-laid-out on each scan, and during a scanner
 * burst that work competes with showing the scan and committing it.
 */
export const FOLDED_ROWS = 8;

export interface RecentScan {
  scan: Scan;
  /** Undefined when the code is not (yet) a product. */
  product?: Product | undefined;
  /** The barcode as the shop links it (pack ×1, carton ×10): what one scan of it costs. */
  link?: BarcodeLink | undefined;
}

@customElement('kiosk-recent-scans')
@localized()
export class KioskRecentScans extends LitElement {
  /** Newest first. */
  @property({ attribute: false }) entries: RecentScan[] = [];

  /** The owner asked to see the whole list. */
  @state() private _unfolded = false;

  static override styles = [
    kioskBase,
    framedCard,
    css`
      .frame {
        display: flex;
        flex-direction: column;
        padding: 16px 0 8px;
      }
      h2 {
        margin: 0 20px 8px;
        font-size: var(--kiosk-font-small);
        font-weight: 600;
        color: var(--kiosk-text-muted);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow-y: auto;
        overscroll-behavior: contain;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto;
        column-gap: 12px;
        padding: 8px 20px;
        border-top: 1px solid var(--kiosk-border);
      }
      /* Folded, every row is laid out (a handful). content-visibility: auto there
         cost a second layout per scan: each new row starts skipped at its
         intrinsic size and is laid out again once the observer finds it in view,
         and the row pushed below the fold is skipped, all in one scan's frame.
         Unfolded (50 rows, scrolled by hand), only the rows in view are drawn. */
      ol.unfolded li {
        content-visibility: auto;
        contain-intrinsic-size: auto 67px;
      }
      li:first-child {
        background: var(--kiosk-accent-soft);
      }
      .name {
        font-size: 20px;
        font-weight: 600;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .name.unknown {
        color: var(--kiosk-warn);
      }
      .price {
        font-size: 20px;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        text-align: right;
      }
      .meta {
        grid-column: 1 / -1;
        display: flex;
        justify-content: space-between;
        font-size: 15px;
        color: var(--kiosk-text-muted);
        font-family: var(--kiosk-font-numeric);
      }
      .fold {
        margin: 8px 20px 0;
        min-height: 56px;
        font-size: var(--kiosk-font-small);
        border: 1px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius);
        background: var(--kiosk-surface);
        color: var(--kiosk-text);
      }
      .empty {
        margin: 8px 20px;
        font-size: var(--kiosk-font-small);
        color: var(--kiosk-text-muted);
      }
    `,
  ];

  override render() {
    const locale = formattingLocale();
    const time = timeFormat(locale);
    return html`<div class="frame"><h2>${msg('最近扫描')}</h2>
      ${
        this.entries.length === 0
          ? html`<p class="empty">${msg('还没有扫描')}</p>`
          : html`<ol class=${this._unfolded ? 'unfolded' : ''}>
            ${repeat(
              this._unfolded ? this.entries : this.entries.slice(0, FOLDED_ROWS),
              (e) => e.scan.id,
              // An entry is a new object only when its scan or product is new: the
              // rows already shown are not built again on each scan.
              (e) =>
                guard(
                  [e, locale],
                  () => html`<li data-scan-id=${e.scan.id}>
                    <span class="name ${e.product ? '' : 'unknown'}">${e.product?.name ?? msg('未登记商品')}</span>
                    <span class="price">${e.product ? formatCents(e.link ? saleScanPriceCents(e.product, e.link) : e.product.priceCents, locale) : nothing}</span>
                    <span class="meta"><span>${displayCode(e.scan.code)}</span><span>${time.format(e.scan.receivedAt)}</span></span>
                  </li>`,
                ),
            )}
          </ol>
          ${
            this.entries.length > FOLDED_ROWS
              ? html`<button type="button" name="fold" class="fold" @click=${() => (this._unfolded = !this._unfolded)}>
                ${this._unfolded ? msg('收起') : msg(str`显示全部 ${this.entries.length} 条`)}
              </button>`
              : nothing
          }`
      }</div>`;
  }
}

// One formatter per locale: building one per render costs more than the render.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(locale: string): Intl.DateTimeFormat {
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    timeFormats.set(locale, format);
  }
  return format;
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-recent-scans': KioskRecentScans;
  }
}
