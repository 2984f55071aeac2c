/**
 * Stocktake (盘点): count the shop shelf by shelf, see progress, close with a
 * report against the supplier's 10% standard.
 *
 * How a count is entered: scan a product (or its carton: that pre-fills 1条),
 * key the count on the pad ("3条2盒" works: 条 and 盒 keys), save. Scanning the
 * same product again while it is on screen adds one scan's worth of packs.
 * Scanning another product while a valid count is typed saves that count
 * first, so nothing typed is lost.
 *
 * Sales and deliveries during the count (rule 4 in src/domain/stocktake.ts):
 * a product's difference is fixed when it is counted (counted − book at that
 * moment); later sales and deliveries just move stock as usual, and closing
 * adds exactly that difference. The help text on the screen says so.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { SessionClosedError } from '../domain/errors.ts';
import { storageErrorText } from '../wording/storage-text.ts';
import type { Product } from '../domain/product.ts';
import type { Scan, RejectedScan } from '../domain/scan-protocol.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { countsByProduct, parseCountInput, restoreStocktake } from '../domain/stocktake.ts';
import { lookupBarcode } from '../data/barcodes.ts';
import { kioskData } from '../data/kiosk-data.ts';
import { getProducts } from '../data/products.ts';
import { markScanShown } from '../data/metrics.ts';
import { getOpenSession, openSession, type StocktakeSessionRecord } from '../data/sessions.ts';
import { addStocktakeCount, closeStocktakeSession, putStocktakeShelf, stocktakeProgress } from '../data/stocktake-sessions.ts';
import { kioskBase } from '../styles.ts';
import { screenStyles } from './screen-styles.ts';
import { RegisterFlowController } from './register-flow-controller.ts';
import { OwnerController } from './owner-controller.ts';
import { WriteQueueController } from './write-queue-controller.ts';
import type { KioskCountTextChangeEvent } from '../components/kiosk-stocktake-count-entry.ts';
import type { KioskShelfChangeEvent } from '../components/kiosk-shelf-picker.ts';
import { countInputErrorText, countText, stocktakeErrorText, stocktakeHelpText } from '../wording/stocktake-text.ts';
import { productStockText } from '../wording/stock-text.ts';
import '../components/kiosk-stocktake-count-entry.ts';
import '../components/kiosk-shelf-picker.ts';
import '../components/kiosk-stocktake-progress.ts';
import '../components/kiosk-stocktake-start.ts';
import { dismissibleBanner } from '../components/kiosk-banner.ts';
import '../components/kiosk-product-history.ts';
import '../components/kiosk-stocktake-counted-table.ts';
import '../components/kiosk-stocktake-report.ts';
import type { KioskProductHistoryRequestedEvent } from '../components/product-events.ts';

type Phase = 'loading' | 'idle' | 'counting' | 'confirm' | 'report' | 'failed';

interface Current {
  product: Product;
  link: BarcodeLink;
}

interface Notice {
  tone: 'info' | 'warn' | 'error';
  text: string;
}

@customElement('kiosk-stocktake-screen')
@localized()
export class KioskStocktakeScreen extends LitElement {
  @state() private _phase: Phase = 'loading';
  @state() private _session?: StocktakeSessionRecord;
  @state() private _progress?: { counted: number; expected: number };
  @state() private _current?: Current;
  @state() private _countText = '';
  @state() private _countError?: string;
  @state() private _notice?: Notice;
  @state() private _shelf = '';
  private readonly _owner = new OwnerController(this);
  /** The register form for an unknown code; scans while the owner types there are offered after it. */
  private readonly _register = new RegisterFlowController(this, {
    registered: async (product) => {
      const match = await lookupBarcode(product.code).catch(() => undefined);
      await this._take(match ?? { product, link: { code: product.code, productCode: product.code, multiplier: 1 } });
    },
    release: (scan) => this._offer(scan),
  });
  @state() private _historyCode?: string;
  @state() private _busy = false;
  /** Products named in the list and report, from the catalog in memory. */
  @state() private _products = new Map<string, Product>();

  private _init?: Promise<void>;
  /** Writes to the session one after another: each uses the latest record. */
  private readonly _writes = new WriteQueueController(this);
  /** Scans one after another: a commit's scans are handed over together, and each starts the count or picks the product in turn. */
  private readonly _scans = new WriteQueueController(this);

  static override styles = [
    kioskBase,
    screenStyles,
    css`
      :host {
        --_mode: var(--kiosk-mode-stocktake, #7e22ce);
        --_mode-soft: var(--kiosk-mode-stocktake-soft, #f3e8ff);
      }
      h2 {
        margin: 0 0 8px;
        font-size: var(--kiosk-font-title);
      }
      .layout {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: var(--kiosk-gap);
      }
      .col {
        min-height: 0;
        display: flex;
        flex-direction: column;
        gap: 12px;
        overflow-y: auto;
      }
      .idle-scan {
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-body);
        text-align: center;
        padding: 24px 8px;
      }
      .help {
        font-size: 16px;
        color: var(--kiosk-text-muted);
        line-height: 1.5;
      }
    `,
  ];

  override connectedCallback() {
    super.connectedCallback();
    this._init ??= this._resume();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this._init;
    return super.getUpdateComplete();
  }

  /** Resume the open stocktake, if any. */
  private async _resume(): Promise<void> {
    try {
      const session = await getOpenSession('stocktake');
      if (session) await this._useSession(session);
      else this._phase = 'idle';
    } catch (error) {
      console.error('could not read the open stocktake', error);
      this._phase = 'failed';
    }
  }

  private async _useSession(session: StocktakeSessionRecord): Promise<void> {
    this._session = session;
    if (session.status === 'open') {
      this._phase = this._phase === 'confirm' ? 'confirm' : 'counting';
      if (session.shelf !== undefined && this._shelf === '') this._shelf = session.shelf;
      await this._refreshProgress();
    }
    await this._loadProducts(session.counts.map((c) => c.productCode));
  }

  private async _refreshProgress(): Promise<void> {
    if (!this._session) return;
    try {
      this._progress = await stocktakeProgress(this._session.id);
    } catch (error) {
      console.warn('stocktake progress failed', error);
    }
  }

  /** The named products, read together (one transaction) into the list's map; a failed read leaves the names as they were. */
  private async _loadProducts(codes: readonly string[]): Promise<void> {
    const found = await getProducts(codes).catch(() => []);
    this._products = new Map([...this._products, ...found.flatMap((p) => (p ? [[p.code, p] as const] : []))]);
  }

  /** Start a stocktake (or resume the one already open). */
  async start(): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    try {
      const session = await openSession('stocktake');
      this._notice = undefined;
      this._phase = 'counting';
      await this._useSession(session);
    } catch (error) {
      console.error('openSession failed', error);
      this._notice = { tone: 'error', text: storageErrorText(error) };
    } finally {
      this._busy = false;
    }
  }

  /** A scan in stocktake mode: show the product and its book stock, ready to key its count. */
  showScan(scan: Scan): Promise<void> {
    return this._scans.run(() => this._showScan(scan));
  }

  private async _showScan(scan: Scan): Promise<void> {
    await this._init;
    if (this._phase === 'report') {
      this._notice = { tone: 'info', text: msg('这次盘点已经完成。要再盘点，请按「开始新的盘点」。') };
    } else {
      if (this._phase === 'idle' || this._phase === 'failed') await this.start();
      // Never throw away what the owner is typing into the form: the scan waits for it.
      if (!this._register.hold(scan)) await this._offer(scan);
    }
    await this.updateComplete;
    markScanShown(scan.id);
  }

  /** A scan's product, ready to count; or the register form for an unknown code. */
  private async _offer(scan: Scan): Promise<void> {
    let match: Awaited<ReturnType<typeof lookupBarcode>>;
    try {
      match = await lookupBarcode(scan.code);
    } catch (error) {
      console.error('lookupBarcode failed', error);
      this._notice = { tone: 'error', text: storageErrorText(error) };
      return;
    }
    // Typing began during the look-up: still wait.
    if (this._register.take(scan)) return;
    if (!match) {
      await this._saveTypedBeforeSwitch();
      this._current = undefined;
      this._register.start(scan.code);
    } else {
      await this._take(match);
    }
  }

  showRejected(_rejected: RejectedScan): void {
    this._notice = { tone: 'warn', text: msg('扫码没有读对，请再扫一次。') };
  }

  private async _take(match: Current): Promise<void> {
    const current = this._current;
    if (current && current.product.code === match.product.code) {
      // The same product again: one more scan's worth (counting pack by pack).
      const parsed = parseCountInput(this._countText, match.product.packsPerCarton);
      const base = parsed.ok ? parsed.packs : 0;
      this._countText = countText(base + match.link.multiplier, match.product.packsPerCarton);
      this._current = match;
      this._countError = undefined;
      return;
    }
    await this._saveTypedBeforeSwitch();
    this._current = match;
    this._countError = undefined;
    this._countText = match.link.multiplier > 1 ? countText(match.link.multiplier, match.product.packsPerCarton) : '';
  }

  /** A count typed but not saved when another product is scanned: keep it if it is valid. */
  private async _saveTypedBeforeSwitch(): Promise<void> {
    const current = this._current;
    if (!current || this._countText.trim() === '') return;
    const parsed = parseCountInput(this._countText, current.product.packsPerCarton);
    if (!parsed.ok) {
      this._notice = {
        tone: 'warn',
        text: msg(str`「${current.product.name}」输入的「${this._countText}」不是有效数量，没有保存。请重新扫描它再输入。`),
      };
      return;
    }
    await this._saveCount(current, parsed.packs);
  }

  private async _save() {
    const current = this._current;
    if (!current || this._busy) return;
    const parsed = parseCountInput(this._countText, current.product.packsPerCarton);
    if (!parsed.ok) {
      this._countError = countInputErrorText(parsed.reason, this._countText);
      return;
    }
    this._busy = true;
    try {
      if (await this._saveCount(current, parsed.packs)) {
        this._current = undefined;
        this._countText = '';
      }
    } finally {
      this._busy = false;
    }
  }

  private async _saveCount(current: Current, counted: number): Promise<boolean> {
    const session = this._session;
    if (!session) return false;
    const shelf = this._shelf.trim();
    try {
      const saved = await this._writes.run(() =>
        addStocktakeCount(session.id, { productCode: current.product.code, counted, ...(shelf ? { shelf } : {}) }),
      );
      this._session = saved;
      this._countError = undefined;
      const next = new Map(this._products);
      next.set(current.product.code, current.product);
      this._products = next;
      const shown = productStockText(counted, current.product);
      this._notice = {
        tone: 'info',
        text: shelf ? msg(str`已记录：${current.product.name} 在「${shelf}」${shown}`) : msg(str`已记录：${current.product.name} ${shown}`),
      };
      await this._refreshProgress();
      return true;
    } catch (error) {
      console.error('addStocktakeCount failed', error);
      this._countError = stocktakeErrorText(error);
      if (error instanceof SessionClosedError) await this._resume();
      return false;
    }
  }

  private _setShelf(shelf: string) {
    this._shelf = shelf;
    const session = this._session;
    if (!session || session.status !== 'open') return;
    // Remembered with the session so a reload resumes on the same shelf.
    void this._writes
      .run(() => putStocktakeShelf(session.id, shelf.trim()))
      .then((next) => {
        if (next && this._session?.id === next.id) this._session = next;
      })
      .catch((error: unknown) => console.warn('could not remember the shelf', error));
  }

  private async _finish() {
    const session = this._session;
    if (!session || this._busy) return;
    // A signed-in clerk counts, but closing writes stock history: the owner confirms it
    // (with nobody signed in the counter closes it as before; src/domain/roles.ts).
    if (!(await this._owner.ask('stocktake'))) {
      this._notice = { tone: 'error', text: msg('店员可以盘点计数，但盘点结果要由店主确认：请店主输入密码后再按「完成盘点」。') };
      this._phase = 'counting';
      return;
    }
    this._busy = true;
    try {
      const closed = await this._writes.run(() => closeStocktakeSession(session.id));
      this._session = closed;
      this._current = undefined;
      this._countText = '';
      this._notice = undefined;
      const codes = [
        ...(closed.result?.lines.map((l) => l.productCode) ?? []),
        ...(closed.result?.notCounted.map((n) => n.productCode) ?? []),
      ];
      await this._loadProducts(codes);
      this._phase = 'report';
    } catch (error) {
      console.error('closeStocktakeSession failed', error);
      this._notice = { tone: 'error', text: stocktakeErrorText(error) };
      this._phase = 'counting';
    } finally {
      this._busy = false;
    }
  }

  private async _newStocktake() {
    this._session = undefined;
    this._progress = undefined;
    this._products = new Map();
    this._phase = 'idle';
    await this.start();
  }

  override render() {
    return html`
      ${this._notice ? dismissibleBanner(this._notice.tone, 'notice', () => (this._notice = undefined), this._notice.text) : nothing}
      ${this._renderPhase()}
      ${
        this._historyCode
          ? html`<kiosk-product-history
              .data=${kioskData}
              .code=${this._historyCode}
              @kiosk-history-closed=${() => (this._historyCode = undefined)}
            ></kiosk-product-history>`
          : nothing
      }
    `;
  }

  private _renderPhase() {
    switch (this._phase) {
      case 'loading':
      case 'failed':
      case 'idle':
        return html`<kiosk-stocktake-start
          ?loading=${this._phase === 'loading'}
          ?failed=${this._phase === 'failed'}
          ?busy=${this._busy}
          @kiosk-stocktake-start-requested=${() => void this.start()}
        ></kiosk-stocktake-start>`;
      case 'report':
        return this._renderReport();
      case 'counting':
      case 'confirm':
        return this._renderCounting();
    }
  }

  private _renderCounting() {
    return html`<div class="layout">
      <div class="col">${this._register.open ? html`${this._register.renderHeld()}${this._register.render()}` : this._renderEntry()}</div>
      <div class="col">
        <kiosk-stocktake-progress
          .progress=${this._progress}
          ?confirming=${this._phase === 'confirm'}
          ?disabled=${this._busy || !this._session}
          @kiosk-stocktake-finish-asked=${() => (this._phase = 'confirm')}
          @kiosk-stocktake-finish-cancelled=${() => (this._phase = 'counting')}
          @kiosk-stocktake-finish-confirmed=${() => void this._finish()}
        >
          <div class="card">
            <kiosk-shelf-picker
              role="group"
              aria-label=${msg('货架')}
              .shelf=${this._shelf}
              @kiosk-shelf-change=${(e: KioskShelfChangeEvent) => this._setShelf(e.detail)}
            ></kiosk-shelf-picker>
          </div>
          ${this._renderCountedList()}
        </kiosk-stocktake-progress>
        <div class="help">${stocktakeHelpText()}</div>
      </div>
    </div>`;
  }

  private _renderEntry() {
    const current = this._current;
    if (!current) {
      return html`<div class="card idle-scan">${msg('请扫描货架上的商品条码，然后输入数到的数量。')}</div>`;
    }
    const counted = this._session ? countsByProduct(restoreStocktake(this._session.counts)).get(current.product.code) : undefined;
    return html`<kiosk-stocktake-count-entry
      .product=${current.product}
      .link=${current.link}
      .counted=${counted?.counted}
      .text=${this._countText}
      .error=${this._countError}
      ?busy=${this._busy}
      @kiosk-count-text-change=${(e: KioskCountTextChangeEvent) => {
        this._countText = e.detail;
        this._countError = undefined;
      }}
      @kiosk-count-save=${() => void this._save()}
      @kiosk-product-history-requested=${this._showHistory}
    ></kiosk-stocktake-count-entry>`;
  }

  private _renderCountedList() {
    const session = this._session;
    if (!session || session.counts.length === 0) return nothing;
    const lines = [...countsByProduct(restoreStocktake(session.counts)).values()].reverse();
    return html`<div class="card counted">
      <h2>${msg('已盘商品')}</h2>
      <kiosk-stocktake-counted-table
        .lines=${lines}
        .products=${this._products}
        @kiosk-product-history-requested=${this._showHistory}
      ></kiosk-stocktake-counted-table>
    </div>`;
  }

  private _renderReport() {
    return html`<kiosk-stocktake-report
      .result=${this._session?.result}
      .products=${this._products}
      ?busy=${this._busy}
      @kiosk-product-history-requested=${this._showHistory}
      @kiosk-stocktake-new-requested=${() => void this._newStocktake()}
    ></kiosk-stocktake-report>`;
  }

  private _showHistory = (e: KioskProductHistoryRequestedEvent) => {
    this._historyCode = e.detail;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-stocktake-screen': KioskStocktakeScreen;
  }
}
