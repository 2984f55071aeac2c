/**
 * The price-tag audit (价签检查) of a visit: the rep walks the shelves scanning
 * each product on display with the counter scanner; the product shows with
 * the terminal's price to compare with the tag, and one of three big buttons
 * marks it: 有 (tag present and right), 缺 (missing), 价错 (wrong price, with
 * the shelf's price when typed). Each mark is written at once. Below: the
 * missing count against the standard (≤ 3), the list to fix, and the progress
 * against the previous audit.
 */
import { html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase } from '../styles.ts';
import { panelStyles, verdictStyles } from '../components/panel-styles.ts';
import { lookupBarcode } from '../data/barcodes.ts';
import { getPreviousPriceTagAudit, getPriceTagAudit, recordPriceTag, getVisit } from '../data/visits.ts';
import type { VisitRecord } from '../data/schema.ts';
import { formatCents, parsePriceToCents } from '../domain/product.ts';
import { MAX_MISSING_PRICE_TAGS, priceTagProgress, summarizePriceTags, type PriceTagLine, type PriceTagStatus } from '../domain/visit.ts';
import { formattingLocale } from '../localization.ts';
import { priceTagStatusName } from '../wording/visit-text.ts';
import { VisitPart } from './visit-part.ts';
import { VisitPartWriter } from './visit-part-writer.ts';

interface Pending {
  productId: string;
  barcode: string;
  name: string;
  priceCents: number;
}

@customElement('kiosk-visit-audit')
@localized()
export class KioskVisitAudit extends VisitPart {
  @state() private _lines: PriceTagLine[] = [];
  @state() private _previous: PriceTagLine[] = [];
  @state() private _pending?: Pending | undefined;
  @state() private _shelfPrice = '';
  @state() private _busy = false;
  private readonly _writer = new VisitPartWriter(this, 'price tag');

  static override styles = [
    kioskBase,
    panelStyles,
    verdictStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr);
        gap: 12px;
        min-height: 0;
      }
      .card {
        min-height: 0;
        overflow: auto;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      h3 {
        margin: 0;
      }
      .product {
        font-size: 26px;
        font-weight: 700;
      }
      .price {
        font-size: 34px;
        font-weight: 800;
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
      }
      .marks {
        display: flex;
        gap: 8px;
      }
      .marks button {
        flex: 1;
        min-height: var(--kiosk-touch);
        font-size: 28px;
        font-weight: 800;
      }
      button[name='mark-present'] {
        background: var(--kiosk-ok-soft);
        border-color: var(--kiosk-ok);
      }
      button[name='mark-missing'] {
        background: var(--kiosk-error-soft);
        border-color: var(--kiosk-error);
      }
      button[name='mark-wrong-price'] {
        background: var(--kiosk-warn-soft);
        border-color: var(--kiosk-warn-mark);
      }
      input {
        min-height: var(--kiosk-touch-min);
        font-size: var(--kiosk-font-body);
        width: 8em;
      }
      .hint {
        color: var(--kiosk-text-muted);
      }
      .result {
        font-size: var(--kiosk-font-body);
      }
      .message {
        color: var(--kiosk-error);
        font-weight: 700;
      }
      ul {
        margin: 0;
        padding-left: 1.2em;
      }
      @media (max-width: 900px), (max-height: 700px) {
        :host {
          grid-template-columns: 1fr 1fr;
          gap: 8px;
        }
        .marks button {
          min-height: var(--kiosk-touch-min);
          font-size: 22px;
        }
        .card {
          padding: 8px 10px;
        }
        .product {
          font-size: 20px;
        }
        .price {
          font-size: 26px;
        }
      }
    `,
  ];

  protected override willUpdate(changed: Map<string, unknown>): void {
    const before = changed.get('visit') as VisitRecord | undefined;
    if (changed.has('visit') && this.visit && before?.id !== this.visit.id) void this._load(this.visit.id);
  }

  private async _load(visitId: string) {
    [this._lines, this._previous] = await Promise.all([getPriceTagAudit(visitId), getPreviousPriceTagAudit(visitId)]);
  }

  /** A scan from the counter scanner: the product on screen to mark. */
  async showCode(code: string): Promise<void> {
    this._writer.say('');
    const match = await lookupBarcode(code);
    if (!match) {
      this._pending = undefined;
      this._writer.say(msg(str`条码 ${code} 不是本店登记的商品。`));
      return;
    }
    this._shelfPrice = '';
    this._pending = { productId: match.product.code, barcode: code, name: match.product.name, priceCents: match.product.priceCents };
  }

  private async _mark(status: PriceTagStatus) {
    const pending = this._pending;
    const visit = this.visit;
    if (!pending || !visit || this.readonly || this._busy) return;
    const line: PriceTagLine = {
      productId: pending.productId,
      barcode: pending.barcode,
      name: pending.name,
      terminalPriceCents: pending.priceCents,
      status,
    };
    if (status === 'wrong-price' && this._shelfPrice.trim()) {
      const cents = parsePriceToCents(this._shelfPrice.trim());
      if (cents === undefined) {
        this._writer.say(msg('货架上的价格看不懂，请写成 12.50 这样。'));
        return;
      }
      line.shelfPriceCents = cents;
    }
    this._busy = true;
    await this._writer.write(async () => {
      this._lines = await recordPriceTag(visit.id, line);
      this._pending = undefined;
      return getVisit(visit.id);
    });
    this._busy = false;
  }

  override render() {
    const result = summarizePriceTags(this._lines);
    const progress = this._previous.length > 0 ? priceTagProgress(this._previous, this._lines) : undefined;
    const locale = formattingLocale();
    return html`<section class="card" data-kind="audit-mark">
        ${
          this._pending
            ? html`<div class="marks">
                <button type="button" name="mark-present" data-main-action ?disabled=${this.readonly || this._busy} @click=${() => void this._mark('present')}>
                  ${priceTagStatusName('present')}
                </button>
                <button type="button" name="mark-missing" ?disabled=${this.readonly || this._busy} @click=${() => void this._mark('missing')}>
                  ${priceTagStatusName('missing')}
                </button>
                <button type="button" name="mark-wrong-price" ?disabled=${this.readonly || this._busy} @click=${() => void this._mark('wrong-price')}>
                  ${priceTagStatusName('wrong-price')}
                </button>
              </div>
              <div class="product" data-kind="audit-product" data-code=${this._pending.productId}>${this._pending.name}</div>
              <div>${msg('终端价格')} <span class="price" data-kind="terminal-price">${formatCents(this._pending.priceCents, locale)}</span></div>
              <label
                >${msg('价错时货架上的价格（可不填）')}
                <input
                  name="shelf-price"
                  inputmode="decimal"
                  .value=${this._shelfPrice}
                  @input=${(e: Event) => (this._shelfPrice = (e.target as HTMLInputElement).value)}
              /></label>`
            : html`<h3>${msg('价签检查')}</h3>
              <p class="hint" data-kind="audit-hint">
                ${this.readonly ? msg('这次拜访不能再修改。') : msg('用柜台扫码枪扫货架上的商品，再按“有 / 缺 / 价错”。')}
              </p>`
        }
        ${this._writer.message ? html`<p class="message" role="alert" data-kind="audit-message">${this._writer.message}</p>` : nothing}
      </section>
      <section class="card" data-kind="audit-result">
        <div class="result verdict ${result.meetsStandard ? 'ok' : 'off'}" data-kind="missing-count" data-missing=${result.missing}>
          ${msg(str`已查 ${result.checked} 种，缺价签 ${result.missing} 个（标准：不超过 ${MAX_MISSING_PRICE_TAGS} 个），价错 ${result.wrongPrice} 个`)}
        </div>
        ${
          progress
            ? html`<div data-kind="audit-progress">
              ${msg(str`比上次：缺价签 ${progress.missingChange > 0 ? '+' : ''}${progress.missingChange}，已改好 ${progress.fixed.length} 个，还要改 ${progress.stillToFix.length} 个`)}
            </div>`
            : nothing
        }
        <h3>${msg('要改的价签')}</h3>
        ${
          result.toFix.length === 0
            ? html`<p class="hint">${msg('没有。')}</p>`
            : html`<ul data-kind="fix-list">
              ${result.toFix.map(
                (l) => html`<li data-code=${l.productId} data-status=${l.status}>
                  ${l.name} · ${priceTagStatusName(l.status)} · ${formatCents(l.terminalPriceCents, locale)}${
                    l.shelfPriceCents !== undefined ? html` (${msg('货架')} ${formatCents(l.shelfPriceCents, locale)})` : nothing
                  }
                </li>`,
              )}
            </ul>`
        }
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-audit': KioskVisitAudit;
  }
}
