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
import { NotAllowedError, UnknownProductError } from '../domain/errors.ts';
import { SessionClosedError } from '../data/sessions.ts';
import { storageErrorText, storageKindText } from '../wording/storage-text.ts';
import { displayCode } from '../domain/barcode.ts';
import type { Product } from '../domain/product.ts';
import type { Scan, RejectedScan } from '../domain/scan-protocol.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { countsByProduct, parseCountInput, restoreStocktake, MAX_COUNT, type CountInputError } from '../domain/stocktake.ts';
import { lookupBarcode } from '../data/barcodes.ts';
import { kioskData } from '../data/kiosk-data.ts';
import { getProduct } from '../data/products.ts';
import { markScanShown } from '../data/metrics.ts';
import {
  addStocktakeCount,
  closeStocktakeSession,
  getOpenSession,
  openSession,
  saveSession,
  stocktakeProgress,
  type StocktakeSessionRecord,
} from '../data/sessions.ts';
import { kioskBase } from '../styles.ts';
import { screenStyles } from './screen-styles.ts';
import { RegisterFlowController } from './register-flow-controller.ts';
import { OwnerController } from './owner-controller.ts';
import { WriteQueueController } from './write-queue-controller.ts';
import type { KioskKeypadPressEvent } from '../components/kiosk-keypad.ts';
import { productStockText } from '../wording/stock-text.ts';
import '../components/kiosk-keypad.ts';
import '../components/kiosk-banner.ts';
import '../components/kiosk-product-history.ts';
import '../components/kiosk-stocktake-counted-table.ts';
import '../components/kiosk-stocktake-report.ts';
import type { KioskProductHistoryRequestedEvent } from '../components/product-events.ts';

/** Quick shelf buttons: most shops have a handful of shelves and a counter. */
export const SHELF_BUTTONS = 6;

type Phase = 'loading' | 'idle' | 'counting' | 'confirm' | 'report' | 'failed';

interface Current {
  product: Product;
  link: BarcodeLink;
}

interface Notice {
  tone: 'info' | 'warn' | 'error';
  text: string;
}

/** A count in the words typed: 25 packs with a carton of 10 → "2条5盒". */
export function countText(packs: number, packsPerCarton: number | undefined): string {
  if (packsPerCarton === undefined || packsPerCarton <= 1) return String(packs);
  const cartons = Math.floor(packs / packsPerCarton);
  const rest = packs % packsPerCarton;
  if (cartons === 0) return String(rest);
  return rest === 0 ? `${cartons}条` : `${cartons}条${rest}盒`;
}

export function countInputErrorText(reason: CountInputError, typed: string): string {
  switch (reason) {
    case 'empty':
      return msg('请先输入数量，再按「保存」。货架上没有这个商品请输入 0。');
    case 'not-a-number':
      return msg(str`「${typed}」不是数量。请只输入数字，例如 12 或 3条2盒。`);
    case 'not-integer':
      return msg('数量必须是整盒，不能有小数。');
    case 'negative':
      return msg('数量不能是负数。货架上没有请输入 0。');
    case 'too-large':
      return msg(str`数量太大（最多 ${MAX_COUNT} 盒），是不是多按了数字？请清空后重新输入。`);
    case 'no-carton-size':
      return msg('这个商品没有设定每条几盒，请按盒输入数量。');
  }
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
      .start {
        flex: 1;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 20px;
        text-align: center;
      }
      .start .prompt {
        font-size: 34px;
        font-weight: 700;
      }
      button.mode {
        background: var(--_mode);
        border-color: var(--_mode);
        color: #fff;
        font-weight: 700;
        font-size: var(--kiosk-font-body);
      }
      .product .name {
        font-size: 32px;
        font-weight: 700;
      }
      .product .meta {
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-small);
        display: flex;
        gap: 16px;
        flex-wrap: wrap;
        align-items: center;
      }
      .product .book {
        font-size: var(--kiosk-font-body);
        margin-top: 4px;
      }
      .entry {
        display: flex;
        gap: 8px;
        margin-top: 10px;
      }
      .entry input {
        flex: 1;
        min-width: 0;
        font: inherit;
        font-size: 32px;
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
        height: var(--kiosk-touch);
        border: 2px solid var(--_mode);
        border-radius: var(--kiosk-radius-small);
        padding: 0 14px;
        user-select: text;
        -webkit-user-select: text;
      }
      .units {
        display: grid;
        grid-template-columns: 1fr 1fr 2fr;
        gap: 8px;
        margin: 8px 0;
      }
      .units button {
        font-size: var(--kiosk-font-body);
      }
      kiosk-keypad {
        --kiosk-keypad-key-height: 56px;
      }
      .error-text {
        color: var(--kiosk-error);
        font-weight: 600;
        font-size: var(--kiosk-font-small);
        margin-top: 6px;
      }
      .idle-scan {
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-body);
        text-align: center;
        padding: 24px 8px;
      }
      .progress-text {
        font-size: var(--kiosk-font-body);
        font-weight: 700;
      }
      .bar {
        height: 18px;
        border-radius: 9px;
        background: var(--kiosk-surface-sunken);
        border: 1px solid var(--kiosk-border);
        overflow: hidden;
        margin-top: 6px;
      }
      .bar > div {
        height: 100%;
        background: var(--_mode);
        transition: width 0.2s;
      }
      .shelves {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .shelves button {
        min-width: 0;
        padding: 0 14px;
        font-size: var(--kiosk-font-small);
      }
      .shelves button[aria-pressed='true'] {
        background: var(--_mode-soft);
        border-color: var(--_mode);
        font-weight: 700;
      }
      .shelves input {
        font: inherit;
        font-size: var(--kiosk-font-small);
        height: var(--kiosk-touch);
        width: 160px;
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        padding: 0 10px;
        user-select: text;
        -webkit-user-select: text;
      }
      .help {
        font-size: 16px;
        color: var(--kiosk-text-muted);
        line-height: 1.5;
      }
      .actions {
        display: flex;
        gap: 12px;
        justify-content: flex-end;
        flex-wrap: wrap;
      }
      .actions button {
        font-size: var(--kiosk-font-body);
      }
      .confirm {
        border: 3px solid var(--_mode);
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

  private async _loadProducts(codes: Iterable<string>): Promise<void> {
    const next = new Map(this._products);
    for (const code of codes) {
      const product = await getProduct(code).catch(() => undefined);
      if (product) next.set(code, product);
    }
    this._products = next;
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
  async showScan(scan: Scan): Promise<void> {
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
      this._countError = dataErrorText(error);
      if (error instanceof SessionClosedError) await this._resume();
      return false;
    }
  }

  private _setShelf(shelf: string) {
    this._shelf = shelf;
    const session = this._session;
    if (!session || session.status !== 'open') return;
    // Remembered with the session so a reload resumes on the same shelf.
    void this._writes.run(async () => {
      // The stored record, not our copy: saving a stale copy would drop counts.
      const latest = await getOpenSession('stocktake');
      if (!latest || latest.id !== session.id || (latest.shelf ?? '') === shelf.trim()) return;
      const next: StocktakeSessionRecord = { ...latest, shelf: shelf.trim() };
      await saveSession(next);
      if (this._session?.id === next.id) this._session = next;
    }).catch((error: unknown) => console.warn('could not remember the shelf', error));
  }

  private _onKey = (e: KioskKeypadPressEvent) => {
    this._countError = undefined;
    switch (e.key) {
      case 'backspace':
        this._countText = [...this._countText].slice(0, -1).join('');
        break;
      case 'clear':
        this._countText = '';
        break;
      case '.':
        break;
      default:
        if (this._countText.length < 16) this._countText += e.key;
    }
  };

  private _appendUnit(unit: '条' | '盒') {
    this._countError = undefined;
    if (this._countText.length < 16) this._countText += unit;
  }

  private _askFinish() {
    this._phase = 'confirm';
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
      const codes = [...(closed.result?.lines.map((l) => l.productCode) ?? []), ...(closed.result?.notCounted.map((n) => n.productCode) ?? [])];
      await this._loadProducts(codes);
      this._phase = 'report';
    } catch (error) {
      console.error('closeStocktakeSession failed', error);
      this._notice = { tone: 'error', text: dataErrorText(error) };
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
      ${this._notice
        ? html`<kiosk-banner tone=${this._notice.tone} dismissible data-kind="notice" @kiosk-banner-dismissed=${() => (this._notice = undefined)}
            >${this._notice.text}</kiosk-banner
          >`
        : nothing}
      ${this._renderPhase()}
      ${this._historyCode
        ? html`<kiosk-product-history .data=${kioskData} .code=${this._historyCode} @kiosk-history-closed=${() => (this._historyCode = undefined)}></kiosk-product-history>`
        : nothing}
    `;
  }

  private _renderPhase() {
    switch (this._phase) {
      case 'loading':
        return html`<div class="card start"><div class="prompt">${msg('正在读取盘点…')}</div></div>`;
      case 'failed':
      case 'idle':
        return html`<div class="card start">
          <div class="prompt">${msg('盘点：一个货架一个货架地清点库存')}</div>
          ${this._phase === 'failed' ? html`<div class="error-text">${storageKindText('unknown')}</div>` : nothing}
          <button type="button" class="mode" name="start" data-main-action ?disabled=${this._busy} @click=${() => void this.start()}>
            ${msg('开始盘点')}
          </button>
          <div class="help">${this._helpText()}</div>
        </div>`;
      case 'report':
        return this._renderReport();
      case 'counting':
      case 'confirm':
        return this._renderCounting();
    }
  }

  private _helpText() {
    return msg(
      '盘点时可以照常卖货和进货：每个商品的差异在盘点它的那一刻就定下来（实盘数 − 当时的账面库存）。盘点之后再卖出或入库的，只是正常增减库存，不算盘点差异。同一个商品放在两个货架上时，请连着盘点这两个货架。没有盘点的商品，完成时只列出来，库存不会改动。',
    );
  }

  private _renderCounting() {
    const progress = this._progress;
    const percent = progress && progress.expected > 0 ? Math.min(100, (progress.counted / progress.expected) * 100) : 0;
    return html`<div class="layout">
        <div class="col">
          ${this._register.open ? html`${this._register.renderHeld()}${this._register.render()}` : this._renderEntry()}
        </div>
        <div class="col">
          <div class="card">
            <div class="progress-text" data-counted=${progress?.counted ?? 0} data-expected=${progress?.expected ?? 0}>
              ${progress ? msg(str`已盘 ${progress.counted} / 应盘 ${progress.expected}`) : msg('正在计算进度…')}
            </div>
            <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax=${progress?.expected ?? 0} aria-valuenow=${progress?.counted ?? 0}>
              <div style="width:${percent}%"></div>
            </div>
          </div>
          <div class="card">
            <div class="shelves" role="group" aria-label=${msg('货架')}>
              <span>${msg('货架')}</span>
              ${Array.from({ length: SHELF_BUTTONS }, (_, i) => {
                const name = msg(str`货架 ${i + 1}`);
                return html`<button type="button" name="shelf" aria-pressed=${this._shelf === name ? 'true' : 'false'} @click=${() => this._setShelf(name)}>
                  ${name}
                </button>`;
              })}
              <button type="button" name="shelf-none" aria-pressed=${this._shelf === '' ? 'true' : 'false'} @click=${() => this._setShelf('')}>
                ${msg('不分货架')}
              </button>
              <input
                name="shelf"
                maxlength="20"
                placeholder=${msg('其他货架名')}
                .value=${this._shelf}
                @change=${(e: Event) => this._setShelf((e.target as HTMLInputElement).value)}
              />
            </div>
          </div>
          ${this._renderCountedList()}
          ${this._phase === 'confirm' ? this._renderConfirm() : html`<div class="actions">
                <button type="button" class="mode" name="finish" data-main-action ?disabled=${this._busy || !this._session} @click=${this._askFinish}>
                  ${msg('完成盘点')}
                </button>
              </div>`}
          <div class="help">${this._helpText()}</div>
        </div>
      </div>`;
  }

  private _renderEntry() {
    const current = this._current;
    if (!current) {
      return html`<div class="card idle-scan">${msg('请扫描货架上的商品条码，然后输入数到的数量。')}</div>`;
    }
    const { product, link } = current;
    const ppc = product.packsPerCarton;
    const counted = this._session ? countsByProduct(restoreStocktake(this._session.counts)).get(product.code) : undefined;
    return html`<div class="card product">
      <div class="name">${product.name}</div>
      <div class="meta">
        <span>${displayCode(link.code)}</span>
        ${link.multiplier > 1 ? html`<span>${msg(str`条码：整条（${link.multiplier} 盒）`)}</span>` : nothing}
        <button type="button" name="history" @click=${() => (this._historyCode = product.code)}>${msg('库存记录')}</button>
      </div>
      <div class="book ${product.stock < 0 ? 'negative' : ''}">
        ${msg(str`账面库存 ${productStockText(product.stock, product)}`)}
        ${product.stock < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
      </div>
      ${counted ? html`<div class="meta">${msg(str`已盘：${productStockText(counted.counted, product)}`)}</div>` : nothing}
      <div class="entry">
        <input
          name="count"
          inputmode="none"
          autocomplete="off"
          aria-label=${msg('实盘数量')}
          placeholder=${ppc && ppc > 1 ? msg('例如 3条2盒') : msg('盒数')}
          .value=${this._countText}
          @input=${(e: Event) => {
            this._countText = (e.target as HTMLInputElement).value;
            this._countError = undefined;
          }}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') void this._save();
          }}
        />
        <button type="button" class="mode" name="save" ?disabled=${this._busy} @click=${() => void this._save()}>${msg('保存')}</button>
      </div>
      ${this._countError ? html`<div class="error-text" role="alert">${this._countError}</div>` : nothing}
      <div class="units">
        <button type="button" name="unit-carton" ?disabled=${!ppc || ppc <= 1} @click=${() => this._appendUnit('条')}>${msg('条')}</button>
        <button type="button" name="unit-pack" @click=${() => this._appendUnit('盒')}>${msg('盒')}</button>
        <button type="button" name="zero" @click=${() => (this._countText = '0')}>${msg('没有货（0）')}</button>
      </div>
      <kiosk-keypad @kiosk-keypad-press=${this._onKey}></kiosk-keypad>
    </div>`;
  }

  private _renderCountedList() {
    const session = this._session;
    if (!session || session.counts.length === 0) return nothing;
    const lines = [...countsByProduct(restoreStocktake(session.counts)).values()].reverse();
    return html`<div class="card counted">
      <h2>${msg('已盘商品')}</h2>
      <kiosk-stocktake-counted-table .lines=${lines} .products=${this._products} @kiosk-product-history-requested=${this._showHistory}></kiosk-stocktake-counted-table>
    </div>`;
  }

  private _renderConfirm() {
    const progress = this._progress;
    const missing = progress ? progress.expected - progress.counted : 0;
    return html`<div class="card confirm" role="alertdialog">
      <h2>${msg('确定完成这次盘点吗？')}</h2>
      <p>
        ${msg('有差异的商品会按实盘数调整库存（记为「盘点」）。')}
        ${missing > 0 ? msg(str`还有 ${missing} 个商品没有盘点：它们只会列出来，库存不会改动。`) : nothing}
      </p>
      <div class="actions">
        <button type="button" name="cancel-finish" ?disabled=${this._busy} @click=${() => (this._phase = 'counting')}>${msg('返回继续盘点')}</button>
        <button type="button" class="mode" name="confirm-finish" ?disabled=${this._busy} @click=${() => void this._finish()}>
          ${msg('确定完成')}
        </button>
      </div>
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
    this._historyCode = e.code;
  };
}

/** Data-layer refusals in words; anything else is a storage problem. */
function dataErrorText(error: unknown): string {
  if (error instanceof SessionClosedError) return msg('这次盘点已经在别处完成或作废了。请开始新的盘点。');
  if (error instanceof UnknownProductError) return msg('这个商品已经不在商品目录里了。请重新扫描。');
  if (error instanceof NotAllowedError) return msg('店员可以盘点计数，但盘点结果要由店主确认：请店主输入密码后再按「完成盘点」。');
  return storageErrorText(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-stocktake-screen': KioskStocktakeScreen;
  }
}
