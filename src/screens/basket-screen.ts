/**
 * What the sell and receive screens share: a basket session (a customer's sale,
 * a delivery) that is resumed after a reload, fed by scans, with lines edited on
 * the keypad or voided, and the register form for a code the shop does not know.
 * Not an element itself: <kiosk-sell-screen> and <kiosk-receive-screen> extend it.
 *
 * Everything that writes (a quantity, a void, closing) runs one after another
 * through one queue. A scan is not written here: it was added to the open
 * basket in the transaction that stored it (storeAndApplyScans, in the order
 * IndexedDB commits), and the screen is handed the session as that left it.
 * Copies of the session arrive from writes that may finish in another order
 * than they committed, so the screen keeps the one with the highest rev and
 * never takes back a session it has seen closed or voided.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import { addScan, basketScanItem, emptyBasket, type Basket, type BasketError, type BasketLine } from '../domain/basket.ts';
import type { Product } from '../domain/product.ts';
import type { RejectedScan, Scan } from '../domain/scan-protocol.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { lookupBarcode, peekBarcode } from '../data/barcodes.ts';
import { getProduct } from '../data/products.ts';
import { markScanShown } from '../data/metrics.ts';
import {
  addScanToBasket,
  getOpenSession,
  openSession,
  setBasketQuantity,
  voidBasketLine,
  voidSession,
  type BasketScanEffect,
  type BasketSession,
} from '../data/sessions.ts';
import { BasketQuantityError, SessionClosedError } from '../data/session-errors.ts';
import { storeAndApplyScans } from '../data/scans.ts';
import { storageErrorText } from '../wording/storage-text.ts';
import type { KioskLineSelectEvent } from '../components/kiosk-basket-lines.ts';
import type { KioskLineVoidEvent, KioskQuantityConfirmEvent } from '../components/kiosk-quantity-editor.ts';
import { basketErrorText } from '../wording/field-text.ts';
import { isCartonLine, unitText } from '../wording/stock-text.ts';
import '../components/kiosk-basket-lines.ts';
import '../components/kiosk-quantity-editor.ts';
import { RejectedNoticeController } from './rejected-notice-controller.ts';
import { WriteQueueController } from './write-queue-controller.ts';
import { ScanPreviewController } from './scan-preview-controller.ts';
import { RegisterFlowController } from './register-flow-controller.ts';
import { withChildrenUpdated } from './children-updated.ts';
import { dismissibleBanner } from '../components/kiosk-banner.ts';
import { basketScreenStyles } from './basket-screen-styles.ts';
import { panelAnswers } from './basket-panels.ts';

/** Scan ids remembered against re-offers (the service re-sends unacked scans after a reconnect). */
const SEEN_SCANS = 500;

/** The BasketError inside a data-layer error, if it is one. */
export function basketErrorOf(error: unknown): BasketError | undefined {
  return error instanceof BasketQuantityError ? error.error : undefined;
}

export interface ScreenNotice {
  tone: 'error' | 'warn' | 'info';
  text: string;
  kind: string;
}

export abstract class KioskBasketScreen<S extends BasketSession> extends LitElement {
  /** The open session, once there is one. */
  @state() protected _session?: S;
  /** Products of the basket lines (and the last scan), by product code. */
  @state() protected _products: ReadonlyMap<string, Product> = new Map();
  /** The line being edited on the keypad. */
  @state() protected _editing?: string | undefined;
  @state() protected _editError?: BasketError | undefined;
  /** The line the last scan went to. */
  @state() protected _lastLineId?: string | undefined;
  /** Known products scanned (and added) while the owner was typing a new product. */
  @state() protected _addedMeanwhile = 0;
  /** A write is under way: buttons wait. */
  @state() protected _busy = false;
  @state() protected _confirmVoid = false;
  @state() protected _notice?: ScreenNotice | undefined;
  /** The session was read back from the database (the first render may come before). */
  @state() protected _resumed = false;
  /** The session just closed: shown until the next scan. */
  @state() protected _closed?: S | undefined;
  /** Closing (结账, 完成入库) is under way. */
  @state() protected _closing = false;
  /** Scans shown before their store committed, oldest first (see _previewScan). */
  private readonly _previews = new ScanPreviewController(this, () => this._session?.basket);

  private readonly _writes = new WriteQueueController(this);
  /** The register form for an unknown code; unknown codes scanned while typing wait for it. */
  protected readonly _register = new RegisterFlowController(this, {
    closed: () => (this._addedMeanwhile = 0),
    run: (task) => this._run(task),
    registered: async (product) => {
      try {
        const found = await lookupBarcode(product.code);
        if (found) await this._addToBasket(found);
      } catch (error) {
        this._failed(error, 'scan');
      }
    },
    release: (scan) => this._takeHeld(scan),
  });
  private readonly _seen = new Set<string>();
  /** Sessions this screen saw closed or voided: a late copy of one must not come back. */
  private readonly _finished = new Set<string>();
  private readonly _rejected = new RejectedNoticeController(this);

  protected abstract readonly kind: S['kind'];

  /** What each mode shows in the shared layout below. */
  protected abstract _renderClosed(session: S): TemplateResult;
  protected abstract _renderIdle(): TemplateResult;
  protected abstract _renderToolbar(): TemplateResult;
  /** The side column when no line is being edited and no void is being confirmed. */
  protected abstract _renderSide(): TemplateResult;
  protected abstract _emptyLinesText(): string;
  protected abstract _voidQuestion(): string;

  static sharedStyles = basketScreenStyles;

  override connectedCallback() {
    super.connectedCallback();
    void this._run(() => this._resume());
  }

  /** Waits for the children too, so "updated" means the basket is on the glass. */
  protected override getUpdateComplete(): Promise<boolean> {
    return withChildrenUpdated(
      super.getUpdateComplete(),
      this.renderRoot,
      'kiosk-basket-lines, kiosk-quantity-editor, kiosk-register-form, kiosk-rejected-notice, kiosk-banner',
    );
  }

  /** Resolves once everything asked so far (resume, scans, taps) is written and shown. */
  async settled(): Promise<void> {
    await this._writes.settled();
    await this.updateComplete;
  }

  /**
   * A scan: `effect` is what storing it already did (its product in the basket,
   * a new basket if none was open; or an unknown code, whose register form opens
   * here). Without `effect` (a caller that did not store it) the scan is stored
   * and applied here, in one transaction, the same way; a scan stored before
   * (a re-offer) then does nothing. Resolves once it is rendered and marks the
   * scan shown.
   */
  async showScan(scan: Scan, effect?: BasketScanEffect): Promise<void> {
    // In the same task as its effect is taken: the line is never shown twice, nor missing.
    const previewed = this._previews.forget(scan.id);
    if (this._seen.has(scan.id)) return;
    this._seen.add(scan.id);
    if (this._seen.size > SEEN_SCANS) this._seen.delete(this._seen.values().next().value!);
    if (effect) {
      // Already written: take it now, not behind a tap's write. The scans of one
      // commit arrive together, so they land in one render; the session's rev
      // keeps a tap's newer copy from being rolled back.
      this._takeEffect(scan, effect, previewed);
    } else {
      await this._run(async () => {
        const applied = await this._storeAndApply(scan);
        if (applied) this._takeEffect(scan, applied, previewed);
      });
    }
    await this.updateComplete;
    markScanShown(scan.id);
  }

  /**
   * Show a scan at once, before the transaction that stores it and adds it to
   * the basket has committed (`stored` settles then): at a Pi's speed that
   * commit waits behind a disk flush and the page's own rendering, and the
   * owner should see the line as the scanner beeps. Safe because nothing is
   * decided here: the scan is already in the service's journal and is acked
   * only once stored, and what it does is still decided by the store, in the
   * same transaction (showScan then brings that). The line shown is the one
   * the store will write: the same rule (addScan, basketScanItem) over the
   * stored session with the earlier previews applied in order.
   *
   * Nothing is previewed that the owner is in the middle of (the register form,
   * a line's keypad, a void, closing), nor a code the page's catalog copy does
   * not know, nor what the basket would refuse: those wait for the store, as
   * before. Taps that write wait for the previews to land (_act, _closeSession).
   */
  protected _previewScan(scan: Scan, stored: Promise<unknown>): void {
    if (!this._resumed || this._register.open || this._editing || this._confirmVoid || this._closing || this._busy) return;
    if (this._seen.has(scan.id) || this._previews.has(scan.id)) return;
    const found = peekBarcode(scan.code);
    if (!found) return;
    const item = basketScanItem(this.kind, found);
    const result = addScan(this._shownBasket ?? emptyBasket(), item);
    if (!result.ok) return;
    this._previews.add(scan.id, item);
    this._rejected.clear();
    this._showAdded(found, result.lineId);
    // Stored or not (a re-offer already stored, the stream closed): the store's
    // word replaces the preview, through showScan when it brings an effect.
    const forget = () => this._previews.forget(scan.id);
    stored.then(forget, forget);
    void this.updateComplete.then(() => markScanShown(scan.id));
  }

  /** The basket as shown: the stored session's, with the scans still being stored applied over it. */
  protected get _shownBasket(): Basket | undefined {
    return this._previews.basket;
  }

  private async _storeAndApply(scan: Scan): Promise<BasketScanEffect | undefined> {
    try {
      const [outcome] = await storeAndApplyScans([{ scan, into: this.kind }]);
      return outcome?.effect;
    } catch (error) {
      this._failed(error, 'scan');
      return undefined;
    }
  }

  /** Take a copy of the session unless a newer one (or its closing) was seen. */
  protected _acceptSession(next: S): boolean {
    if (this._finished.has(next.id)) return false;
    if (next.status !== 'open') {
      this._finished.add(next.id);
      return false;
    }
    const current = this._session;
    if (current && current.id === next.id && (current.rev ?? 0) >= (next.rev ?? 0)) return false;
    this._session = next;
    return true;
  }

  /** The session is closed or voided: forget it, and any late copy of it. */
  protected _finish(sessionId: string): void {
    this._finished.add(sessionId);
    if (this._session?.id === sessionId) this._session = undefined;
  }

  /** A scan the service refused: say why, leave the basket as it is. */
  showRejected(rejected: RejectedScan): void {
    this._rejected.show(rejected);
  }

  /** Run writes one after another; a failed one does not stop the next. */
  protected _run<T>(task: () => Promise<T>): Promise<T> {
    return this._writes.run(task);
  }

  /** Run a tap's write: buttons wait meanwhile, a second tap while it runs does nothing. */
  protected async _act(task: () => Promise<void>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    try {
      if (this._previews.count > 0) await this._previews.landed();
      await this._run(task);
    } finally {
      this._busy = false;
    }
  }

  protected async _resume(): Promise<void> {
    try {
      const session = (await getOpenSession(this.kind)) as S | undefined;
      if (session) {
        await this._rememberProducts(session.basket.lines.map((l) => l.productCode));
        this._acceptSession(session);
      }
    } catch (error) {
      console.error('could not resume the open session', error);
      this._notice = { tone: 'error', kind: 'resume', text: storageErrorText(error) };
    } finally {
      this._resumed = true;
    }
  }

  /** Show what a stored scan did; `previewed`: it was shown as it arrived (_previewScan). */
  protected _takeEffect(scan: Scan, effect: BasketScanEffect, previewed = false): void {
    if (this._register.typing) {
      // Never throw away what the owner has typed: the basket changes under
      // the form, and an unknown code's own form waits for this one.
      if (effect.kind === 'added') {
        this._acceptSession(effect.session as S);
        this._remember(effect.product);
        this._addedMeanwhile += 1;
      } else if (effect.kind === 'refused') {
        this._failed(new BasketQuantityError(effect.error), 'scan');
      } else {
        this._register.hold(scan);
      }
      return;
    }
    if (this._register.open) {
      this._register.close();
      this._addedMeanwhile = 0;
    }
    this._rejected.clear();
    switch (effect.kind) {
      case 'unknown-code':
        this._closePanels();
        this._register.start(scan.code);
        return;
      case 'refused':
        this._remember(effect.product);
        this._failed(new BasketQuantityError(effect.error), 'scan');
        return;
      case 'added': {
        const accepted = this._acceptSession(effect.session as S);
        // Its line and product were shown as it arrived, and later scans may be lit
        // since (a Pi's commits lag its scanner): the store changes the basket only.
        if (previewed) this._remember(effect.product);
        else this._showAdded(effect, accepted ? effect.lineId : this._lastLineId);
      }
    }
  }

  /** A product went into the basket (or is shown going in): its line lit, panels and notice closed, the screen told. */
  private _showAdded(found: { product: Product; link: BarcodeLink }, lineId: string | undefined): void {
    this._remember(found.product);
    this._closePanels();
    this._lastLineId = lineId;
    this._notice = undefined;
    this._afterScan({ product: found.product, link: found.link });
  }

  /** A scan held while the form was open: added now if its code was registered meanwhile, else its own form. */
  private async _takeHeld(scan: Scan): Promise<void> {
    let found: { product: Product; link: BarcodeLink } | undefined;
    try {
      found = await lookupBarcode(scan.code);
    } catch (error) {
      console.error('lookupBarcode failed', error);
      this._notice = {
        tone: 'error',
        kind: 'lookup',
        text: `${msg(str`查不到条码 ${displayCode(scan.code)} 的商品信息。`)} ${storageErrorText(error)}`,
      };
      return;
    }
    if (found) await this._addToBasket(found);
    else this._takeEffect(scan, { kind: 'unknown-code' });
  }

  protected async _addToBasket(found: { product: Product; link: BarcodeLink }): Promise<void> {
    try {
      const session = this._session ?? ((await openSession(this.kind)) as S);
      const next = (await addScanToBasket(session.id, found)) as S;
      this._acceptSession(next);
      this._showAdded(found, next.basket.lines.find((l) => l.barcode === found.link.code)?.lineId);
    } catch (error) {
      if (error instanceof SessionClosedError && this._session) {
        // Closed or voided elsewhere (another tab, a test): start a fresh one.
        this._finish(this._session.id);
        return this._addToBasket(found);
      }
      this._failed(error, 'scan');
    }
  }

  /** A hook for the screen: what to show about the product just scanned. */
  protected _afterScan(_found: { product: Product; link: BarcodeLink }): void {}

  protected _failed(error: unknown, kind: string): void {
    const basketError = basketErrorOf(error);
    if (basketError) {
      this._notice = { tone: 'error', kind, text: basketErrorText(basketError) };
      return;
    }
    console.error(`${this.localName}: ${kind} failed`, error);
    this._notice = { tone: 'error', kind, text: storageErrorText(error) };
  }

  protected _remember(...products: Product[]): void {
    const next = new Map(this._products);
    for (const p of products) next.set(p.code, p);
    this._products = next;
  }

  protected async _rememberProducts(codes: Iterable<string>): Promise<void> {
    const found: Product[] = [];
    for (const code of new Set(codes)) {
      const product = await getProduct(code);
      if (product) found.push(product);
    }
    this._remember(...found);
  }

  protected _closePanels(): void {
    this._editing = undefined;
    this._editError = undefined;
    this._confirmVoid = false;
  }

  protected _lineUnit(line: BasketLine): string {
    return unitText(isCartonLine(line, this._products.get(line.productCode)) ? 'carton' : 'pack', line.quantity);
  }

  // --- line editing -------------------------------------------------------

  protected _onSelectLine = (e: KioskLineSelectEvent) => {
    if (this._busy) return;
    this._confirmVoid = false;
    this._editError = undefined;
    this._editing = this._editing === e.detail ? undefined : e.detail;
  };

  protected _onQuantity = (e: KioskQuantityConfirmEvent) =>
    this._act(async () => {
      const session = this._session;
      if (!session) return;
      try {
        this._acceptSession((await setBasketQuantity(session.id, e.detail.lineId, e.detail.quantity)) as S);
        this._lastLineId = e.detail.lineId;
        this._editing = undefined;
        this._editError = undefined;
      } catch (error) {
        const basketError = basketErrorOf(error);
        if (basketError) this._editError = basketError;
        else this._failed(error, 'quantity');
      }
    });

  protected _onVoidLine = (e: KioskLineVoidEvent) =>
    this._act(async () => {
      const session = this._session;
      if (!session) return;
      try {
        this._acceptSession((await voidBasketLine(session.id, e.detail)) as S);
        this._editing = undefined;
        this._editError = undefined;
        if (this._lastLineId === e.detail) this._lastLineId = undefined;
      } catch (error) {
        this._failed(error, 'void-line');
      }
    });

  protected _voidSession = () =>
    this._act(async () => {
      const session = this._session;
      if (!session) return;
      try {
        await voidSession(session.id);
        this._finish(session.id);
        this._closePanels();
        this._lastLineId = undefined;
        this._afterVoid();
      } catch (error) {
        this._failed(error, 'void');
      }
    });

  protected _afterVoid(): void {}

  /**
   * Close the open session (结账, 完成入库): once, in the write queue, the buttons
   * waiting. `close` records it and does what the mode adds, resolving to the
   * closed session, which is then shown until the next scan.
   */
  protected async _closeSession(close: (session: S) => Promise<S>): Promise<void> {
    // Set before the first await: a second tap in the same frame sees it.
    if (this._closing || this._busy || (!this._session && this._previews.count === 0)) return;
    this._closing = true;
    this._closePanels();
    try {
      // A line on the glass is in the sale that closes.
      if (this._previews.count > 0) await this._previews.landed();
      await this._run(async () => {
        const session = this._session;
        if (!session) return;
        try {
          const closed = await close(session);
          this._finish(session.id);
          this._lastLineId = undefined;
          this._notice = undefined;
          await this._rememberProducts(closed.basket.lines.map((l) => l.productCode));
          this._closed = closed;
        } catch (error) {
          this._closeFailed(error);
        }
      });
    } finally {
      this._closing = false;
    }
  }

  /** Closing failed: say why (a screen may word its own cases). */
  protected _closeFailed(error: unknown): void {
    this._failed(error, 'close');
  }

  // --- rendering pieces -----------------------------------------------------

  override render() {
    if (this._register.open) {
      return html`${this._renderNotices()}
        <div class="row wide">${this._register.render()}</div>`;
    }
    const lines = this._shownBasket?.lines ?? [];
    return html`${this._renderNotices()}
      <div class="row ${this._editing ? 'editing' : ''}">
        <div class="main">
          ${
            this._closed && !this._session
              ? this._renderClosed(this._closed)
              : lines.length > 0 || this._session
                ? this._renderLines(lines, this._emptyLinesText())
                : this._renderIdle()
          }
          ${this._renderToolbar()}
        </div>
        <div class="side"><div class="frame">${this._renderEditor() ?? this._renderConfirmVoid() ?? this._renderSide()}</div></div>
      </div>`;
  }

  protected _renderNotices() {
    const notices = [];
    if (this._rejected.rejected) notices.push(this._rejected.render());
    if (this._notice) {
      notices.push(dismissibleBanner(this._notice.tone, this._notice.kind, () => (this._notice = undefined), this._notice.text));
    }
    if (this._addedMeanwhile > 0) {
      notices.push(html`<kiosk-banner tone="info" data-kind="added-meanwhile"
        >${msg(str`刚扫到的 ${this._addedMeanwhile} 件商品已加入这一单。`)}</kiosk-banner
      >`);
    }
    if (this._register.held.length > 0) {
      notices.push(html`<kiosk-banner tone="info" data-kind="held"
        >${msg(str`刚扫到 ${this._register.held.length} 件商品。请先保存或取消正在登记的商品，之后会自动加入。`)}</kiosk-banner
      >`);
    }
    return notices.length > 0 ? html`<div class="notices">${notices}</div>` : nothing;
  }

  protected _renderLines(lines: readonly BasketLine[], emptyText: string) {
    return html`<kiosk-basket-lines
      kind=${this.kind === 'delivery' ? 'delivery' : 'sale'}
      .lines=${lines}
      .products=${this._products}
      .selected=${this._editing}
      .highlight=${this._lastLineId}
      ?disabled=${this._busy}
      @kiosk-line-select=${this._onSelectLine}
      ><span slot="empty">${emptyText}</span></kiosk-basket-lines
    >`;
  }

  /** The keypad panel for the line being edited, or nothing. */
  protected _renderEditor() {
    const line = this._shownBasket?.lines.find((l) => l.lineId === this._editing);
    if (!line) return undefined;
    return html`<div class="card">
      <kiosk-quantity-editor
        .line=${line}
        unit=${this._lineUnit(line)}
        .error=${this._editError}
        ?busy=${this._busy}
        @kiosk-quantity-confirm=${this._onQuantity}
        @kiosk-line-void=${this._onVoidLine}
        @kiosk-quantity-cancel=${() => this._closePanels()}
      ></kiosk-quantity-editor>
    </div>`;
  }

  /** How the close button (结账, 完成入库) stands: waiting on an empty basket, a write, or closing itself. */
  protected get _closeState() {
    return { disabled: (this._shownBasket?.lines.length ?? 0) === 0 || this._busy || this._closing, closing: this._closing };
  }

  /** "作废这一单？" with the two answers, or nothing. */
  protected _renderConfirmVoid() {
    if (!this._confirmVoid) return undefined;
    return html`<div class="card confirm" data-panel="confirm-void">
      <div class="question">${this._voidQuestion()}</div>
      ${panelAnswers(
        { name: 'confirm-void', tone: 'danger', label: msg('确定作废'), onClick: this._voidSession },
        { name: 'keep', onClick: () => (this._confirmVoid = false) },
        this._busy,
      )}
    </div>`;
  }
}
