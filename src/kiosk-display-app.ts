/**
 * The customer display (新品展示专区): the page facing the customer, on a second
 * screen (/display) or full screen on the counter's own (customer mode).
 *
 * What it shows, first match wins:
 *  1. 谢谢惠顾 for a few seconds after the counter closed a sale;
 *  2. a product's card after a scan at the display scanner, until `cardMs` of quiet;
 *  3. the open sale's lines and total while the counter sells;
 *  4. the attract loop (the owner's or rep's plan for today, else the new
 *     products), one every `cycleMs`, with its picture, 品牌故事 and 规格.
 * The legal notices are on every view that shows tobacco, in the owner's
 * wording; the owner may switch them off only for views without tobacco.
 * Stock is never shown: the data layer (src/data/display.ts) hands out only
 * name, brand, category, price and the display texts.
 *
 * Memory stays bounded however long the loop is: only the pictures on screen
 * and next have an object URL (src/display-pictures.ts).
 *
 * Sealed: nothing here links to an owner screen, and a display scan is a
 * look-up only (its scan is acknowledged without being kept, so it can never
 * reach a basket, a delivery, a count or the stock); it is counted as
 * anonymous interest in the product, and that is all it writes.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { basketTotalCents, lineTotalCents } from './domain/basket.ts';
import { formatCents } from './domain/product.ts';
import type { Scan } from './domain/scan-protocol.ts';
import {
  anyTobacco,
  countInterest,
  getLegalNotices,
  getOpenSaleForDisplay,
  getSaleForDisplay,
  listDisplayProducts,
  lookUpForDisplay,
  type DisplayLookup,
  type DisplayProduct,
} from './data/display.ts';
import { noticesToShow, type LegalNoticeSettings } from './domain/legal-notices.ts';
import { PictureWindow } from './display-pictures.ts';
import { displayAppStyles } from './kiosk-display-styles.ts';
import { onSaleChanged, type SaleSignal } from './data/sale-signal.ts';
import { onDisplayChanged } from './data/display-signal.ts';
import { feedbackData } from './data/feedback.ts';
import './components/kiosk-feedback-faces.ts';
import type { SaleSession } from './data/schema.ts';
import { subscribeScanStream, type ScanStreamOptions } from './data/scan-stream.ts';
import type { StoreScanResult } from './data/scans.ts';

export type DisplayView = 'loop' | 'card' | 'not-found' | 'sale' | 'thanks';

@customElement('kiosk-display-app')
@localized()
export class KioskDisplayApp extends LitElement {
  /** Take the display scanner's scans (the /display page); off in customer mode, where the counter's scanner sells. */
  @property({ type: Boolean }) listen = false;
  /** Options for the scan socket (tests pass a fake WebSocket). */
  @property({ attribute: false }) streamOptions: ScanStreamOptions = {};
  /** How long each new product stays in the loop. */
  @property({ type: Number }) cycleMs = 6000;
  /** How long a scanned product's card stays after the last scan. */
  @property({ type: Number }) cardMs = 15_000;
  /** How long 谢谢惠顾 stays after a sale closed. */
  @property({ type: Number }) thanksMs = 5000;

  @state() private _products: DisplayProduct[] = [];
  @state() private _index = 0;
  @state() private _card: DisplayLookup | 'not-found' | undefined;
  @state() private _sale: SaleSession | undefined;
  @state() private _thanksCents: number | undefined;
  @state() private _notices: LegalNoticeSettings | undefined;
  /** The open (or just closed) sale has tobacco; undefined until known (notices stay on). */
  @state() private _saleTobacco: boolean | undefined;

  /** Object URLs of the pictures on screen and next only. */
  readonly pictures = new PictureWindow(undefined, () => this.requestUpdate());
  private _keptCodes = '';

  private _loopTimer: ReturnType<typeof setInterval> | undefined;
  private _cardTimer: ReturnType<typeof setTimeout> | undefined;
  private _thanksTimer: ReturnType<typeof setTimeout> | undefined;
  private _stopSignals: (() => void) | undefined;
  private _stopDisplaySignals: (() => void) | undefined;
  private _stopStream: (() => void) | undefined;
  /** Look-ups and sale reads finish out of order: only the latest may change the screen. */
  private _cardSeq = 0;
  private _saleSeq = 0;

  /** Which view is on screen now. */
  get view(): DisplayView {
    if (this._thanksCents !== undefined) return 'thanks';
    if (this._card === 'not-found') return 'not-found';
    if (this._card) return 'card';
    if (this._sale && this._sale.basket.lines.length > 0) return 'sale';
    return 'loop';
  }

  /** Settles after the first read of the new products and the open sale. */
  ready: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    this._stopSignals = onSaleChanged((signal) => void this._onSale(signal));
    // The owner changed the plan, the notices or pictures (on the counter page): read them again.
    this._stopDisplaySignals = onDisplayChanged((signal) => void this.reloadProducts({ pictures: signal.pictures }));
    this.ready = Promise.all([this.reloadProducts(), this._readOpenSale()]).then(() => this._keepPictures());
    this._restartLoop();
    if (this.listen) {
      this._stopStream = subscribeScanStream(
        {
          onScan: (scan) => {
            void this.lookUp(scan);
            // Interest only: a count per product and day, nothing about the customer.
            void countInterest(scan.code).catch((error: unknown) => console.warn('display: interest not counted', error));
          },
        },
        {
          ...this.streamOptions,
          role: 'display',
          // A look-up needs no record: acknowledging at once lets the service forget it,
          // and nothing of it is written to this terminal's database.
          storeBatch: (scans) => Promise.resolve(scans.map((): StoreScanResult => 'stored')),
        },
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopSignals?.();
    this._stopDisplaySignals?.();
    this._stopStream?.();
    clearInterval(this._loopTimer);
    clearTimeout(this._cardTimer);
    clearTimeout(this._thanksTimer);
    this._keptCodes = '';
    void this.pictures.keep([]);
  }

  /**
   * Read the loop's products (today's plan) and the notices again; with
   * `pictures`, the pictures too (dropping the URLs held, which may be stale).
   */
  async reloadProducts(options: { pictures?: boolean } = {}): Promise<void> {
    const [products, notices] = await Promise.all([listDisplayProducts(), getLegalNotices()]);
    this._products = products;
    this._notices = notices;
    if (this._index >= this._products.length) this._index = 0;
    if (options.pictures) {
      this.pictures.forget();
      this._keptCodes = '';
      this.requestUpdate();
    }
  }

  /** The codes whose pictures may be needed now: the one shown and the loop's next. */
  private _wantedPictures(): string[] {
    const codes: string[] = [];
    if (this._card && this._card !== 'not-found') codes.push(this._card.product.code);
    const n = this._products.length;
    if (n > 0) {
      codes.push(this._products[this._index % n]!.code);
      if (n > 1) codes.push(this._products[(this._index + 1) % n]!.code);
    }
    return codes;
  }

  private _keepPictures(): Promise<void> {
    const codes = this._wantedPictures();
    const key = codes.join(' ');
    if (key === this._keptCodes) return Promise.resolve();
    this._keptCodes = key;
    return this.pictures.keep(codes);
  }

  override updated(): void {
    void this._keepPictures();
  }

  /** A scan at the display scanner: show that product's card (read-only). */
  async lookUp(scan: Pick<Scan, 'code'>): Promise<void> {
    const seq = ++this._cardSeq;
    const found = await lookUpForDisplay(scan.code);
    if (seq !== this._cardSeq) return;
    this._card = found ?? 'not-found';
    clearTimeout(this._cardTimer);
    this._cardTimer = setTimeout(() => {
      this._card = undefined;
      this._restartLoop();
    }, this.cardMs);
  }

  private _restartLoop(): void {
    clearInterval(this._loopTimer);
    this._loopTimer = setInterval(() => {
      if (this.view !== 'loop' || this._products.length === 0) return;
      this._index = (this._index + 1) % this._products.length;
      // Each round starts from today's plan: a product whose days begin or end shows or goes.
      if (this._index === 0) void this.reloadProducts();
    }, this.cycleMs);
  }

  private async _readOpenSale(): Promise<void> {
    const seq = ++this._saleSeq;
    const sale = await getOpenSaleForDisplay();
    const tobacco = sale ? await anyTobacco(sale.basket.lines.map((l) => l.productCode)) : undefined;
    if (seq !== this._saleSeq) return;
    this._sale = sale;
    if (sale) this._saleTobacco = tobacco;
  }

  private async _onSale(signal: SaleSignal): Promise<void> {
    if (signal.status === 'open') {
      await this._readOpenSale();
      return;
    }
    const seq = ++this._saleSeq;
    const sale = signal.status === 'closed' ? await getSaleForDisplay(signal.sessionId) : undefined;
    if (seq !== this._saleSeq) return;
    this._sale = undefined;
    if (!sale) return;
    this._thanksCents = sale.totalCents ?? basketTotalCents(sale.basket);
    clearTimeout(this._thanksTimer);
    this._thanksTimer = setTimeout(() => {
      this._thanksCents = undefined;
      this._restartLoop();
    }, this.thanksMs);
  }

  static override styles = displayAppStyles;

  /** Whether the view on screen shows tobacco (undefined: cannot tell, treated as yes). */
  private _showsTobacco(): boolean | undefined {
    switch (this.view) {
      case 'loop':
        return this._products[this._index]?.tobacco ?? false;
      case 'card': {
        const card = this._card as DisplayLookup;
        return [card.product, ...card.sameBrand, ...card.samePriceBand].some((p) => p.tobacco);
      }
      case 'not-found':
        return false;
      case 'sale':
      case 'thanks':
        return this._saleTobacco;
    }
  }

  override render() {
    const notices = noticesToShow(this._notices, this._showsTobacco());
    return html`<main data-view=${this.view}>${this._renderView()}</main>
      ${
        notices.length > 0
          ? // Required by law wherever tobacco is shown: noticesToShow() never empties it for a view with tobacco.
            html`<footer data-kind="legal" role="note">
              ${notices.map((line) => html`<span>${line}</span>`)}
              ${msg('吸烟有害健康') === '吸烟有害健康' ? nothing : html`<small>${msg('吸烟有害健康')} · ${msg('不向未成年人出售烟草制品')}</small>`}
            </footer>`
          : nothing
      }`;
  }

  private _renderView() {
    switch (this.view) {
      case 'thanks':
        return html`<div class="thanks" data-kind="thanks">${msg('谢谢惠顾')}</div>
          <div class="price" style="text-align:center">${formatCents(this._thanksCents ?? 0)}</div>`;
      case 'not-found':
        return html`<div class="name" data-kind="not-found">${msg('本店暂无此商品')}</div>
          <div class="meta">${msg('请咨询店主')}</div>`;
      case 'card':
        return this._renderCard(this._card as DisplayLookup);
      case 'sale':
        return this._renderSale(this._sale!);
      case 'loop':
        return this._renderLoop();
    }
  }

  private _renderLoop() {
    const product = this._products[this._index];
    return html`${
      product
        ? html`<div class="kicker">${msg('新品推荐')}</div>
              <article class="showcase" data-kind="new-product" data-code=${product.code}>${this._picture(product)}
                <div class="text">${this._productFace(product)}</div>
              </article>
              <div class="dots" aria-hidden="true">${this._products.map((_, i) => html`<span ?data-on=${i === this._index}></span>`)}</div>`
        : html`<div class="name" data-kind="welcome">${msg('欢迎光临')}</div>`
    }
      <!-- One-tap feedback (faces, complaints, the NPS question): idle screen only. -->
      <div class="feedback" data-kind="feedback-slot"><kiosk-feedback-faces .data=${feedbackData}></kiosk-feedback-faces></div>`;
  }

  private _picture(product: DisplayProduct) {
    const url = this.pictures.url(product.code);
    // The box keeps its place while a picture loads or when there is none: the text never jumps.
    return html`<div class="picture">${url ? html`<img data-kind="picture" src=${url} alt="" decoding="async" draggable="false" />` : nothing}</div>`;
  }

  private _productFace(product: DisplayProduct) {
    return html`<div class="name" data-kind="name">${product.name}</div>
      <div class="meta">
        ${product.brand ? html`<span data-kind="brand">${product.brand}</span>` : nothing}
        ${product.brand && product.category ? ' · ' : nothing}
        ${product.category ? html`<span data-kind="category">${product.category}</span>` : nothing}
      </div>
      <div class="price" data-kind="price">${formatCents(product.priceCents)}</div>
      ${product.specs ? html`<div class="specs" data-kind="specs">${product.specs}</div>` : nothing}
      ${product.brandStory ? html`<p class="story" data-kind="brand-story">${product.brandStory}</p>` : nothing}`;
  }

  private _related(kind: string, title: string, products: DisplayProduct[]) {
    if (products.length === 0) return nothing;
    return html`<div class="kicker">${title}</div>
      <ul class="same-brand" data-kind=${kind}>
        ${products.map((p) => html`<li data-code=${p.code}>${p.name} ${formatCents(p.priceCents)}</li>`)}
      </ul>`;
  }

  private _renderCard({ product, sameBrand, samePriceBand }: DisplayLookup) {
    return html`<article class="showcase" data-kind="card" data-code=${product.code}>${this._picture(product)}
        <div class="text">${this._productFace(product)}</div>
      </article>
      ${this._related('same-brand', msg(str`同品牌 ${product.brand ?? ''}`), sameBrand)}
      ${this._related('same-price-band', msg('同价位'), samePriceBand)}`;
  }

  private _renderSale(sale: SaleSession) {
    return html`<div class="kicker">${msg('您的商品')}</div>
      <div class="lines">
        <table data-kind="sale-lines">
          ${sale.basket.lines.map(
            (line) =>
              html`<tr data-line=${line.lineId}>
                <td>${line.name}</td>
                <td class="num">×${line.quantity}</td>
                <td class="num">${formatCents(lineTotalCents(line))}</td>
              </tr>`,
          )}
        </table>
      </div>
      <div class="total" data-kind="sale-total">
        <span>${msg('合计')}</span><span>${formatCents(basketTotalCents(sale.basket))}</span>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-display-app': KioskDisplayApp;
  }
}
