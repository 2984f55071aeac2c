/**
 * Catalog (商品): import the supplier's catalog CSV, export the catalog and the
 * stock, and look through the products with their stock and history.
 *
 * Import never writes before the owner has seen what it would do: the file is
 * read into a plan (rows to add, rows to update with what changes, rows
 * rejected with their line and reason), shown, and only "全部导入" applies it,
 * all or nothing. Files come from the browser's file picker (which reaches a
 * USB stick) or from the list of CSV files the terminal service finds on
 * mounted sticks (GET /usb/files, device/usb-files.ts).
 */
import { downloadTextFile } from '../components/download-file.ts';
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import { formatCents, type Product } from '../domain/product.ts';
import {
  CatalogFileError,
  decodeCsvBytes,
  planCatalogImport,
  type CatalogField,
  type CatalogProduct,
  type ImportPlan,
  type RejectedRow,
} from '../domain/catalog-csv.ts';
import { applyCatalogImport, exportCatalogFile, exportStockFile, getCatalogForImport, listProducts } from '../data/catalog.ts';
import { kioskData } from '../data/kiosk-data.ts';
import { OwnerController } from './owner-controller.ts';
import { markScanShown } from '../data/metrics.ts';
import type { Scan } from '../domain/scan-protocol.ts';
import { formattingLocale } from '../localization.ts';
import { kioskBase } from '../styles.ts';
import { screenStyles } from './screen-styles.ts';
import { productStockText } from '../wording/stock-text.ts';
import '../components/kiosk-banner.ts';
import '../components/kiosk-product-history.ts';
import '../components/kiosk-product-editor.ts';
import type { KioskProductEditor, KioskProductSavedEvent } from '../components/kiosk-product-editor.ts';

// ---------------------------------------------------------------- USB sticks through the terminal service

export interface UsbFileInfo {
  /** "<root name>/<path below the root>", as the service lists it. */
  path: string;
  name: string;
  size: number;
  mtime: number;
}

export interface UsbListing {
  files: UsbFileInfo[];
  truncated: boolean;
  /** Mounted sticks an export can be saved to (API paths of directories). */
  targets: string[];
}

/** What the screen needs from the service; tests may hand in their own. */
export interface UsbService {
  /** undefined when the service cannot be reached (a dev server, no service). */
  list(): Promise<UsbListing | undefined>;
  read(path: string): Promise<Uint8Array>;
  write(path: string, text: string): Promise<void>;
}

export class UsbServiceError extends Error {
  override name = 'UsbServiceError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`usb service: ${status} ${reason}`);
  }
}

/** The terminal service that served this page (same origin). */
export class HttpUsbService implements UsbService {
  constructor(private readonly base = '') {}

  async list(): Promise<UsbListing | undefined> {
    try {
      const res = await fetch(`${this.base}/usb/files`, { cache: 'no-store' });
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return undefined;
      const body = (await res.json()) as Partial<UsbListing>;
      if (!Array.isArray(body.files)) return undefined;
      return { files: body.files, truncated: body.truncated === true, targets: Array.isArray(body.targets) ? body.targets : [] };
    } catch {
      return undefined;
    }
  }

  async read(path: string): Promise<Uint8Array> {
    const res = await fetch(`${this.base}/usb/file?path=${encodeURIComponent(path)}`, { cache: 'no-store' });
    if (!res.ok) throw new UsbServiceError(res.status, await errorReason(res));
    return new Uint8Array(await res.arrayBuffer());
  }

  async write(path: string, text: string): Promise<void> {
    const res = await fetch(`${this.base}/usb/file?path=${encodeURIComponent(path)}`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      body: new TextEncoder().encode(text),
    });
    if (!res.ok) throw new UsbServiceError(res.status, await errorReason(res));
  }
}

async function errorReason(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : 'unknown';
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- words

export function rejectText(row: RejectedRow): string {
  const first = row.firstLine;
  switch (row.reason) {
    case 'missing-barcode':
      return msg('没有条码');
    case 'bad-check-digit':
      return msg('条码校验位不对（可能抄错了一位数字）');
    case 'bad-barcode':
      return msg('条码格式不对');
    case 'barcode-scientific-notation':
      return msg('条码被 Excel 改成了科学计数法（如 6.90123E+12），数字已经丢了；请把条码列设成「文本」后重新导出');
    case 'duplicate-in-file':
      return first !== undefined ? msg(str`条码在文件里重复（第 ${first} 行已经有它）`) : msg('条码在文件里重复');
    case 'missing-name':
      return msg('没有商品名称');
    case 'bad-name':
      return msg('商品名称太长（最多 60 个字）');
    case 'missing-price':
      return msg('没有零售价');
    case 'bad-price':
      return msg('零售价不对（要大于 0，最多两位小数）');
    case 'bad-cost-price':
      return msg('成本价不对（最多两位小数）');
    case 'bad-carton-size':
      return msg('每条盒数不对（要 1 到 1000 的整数）');
    case 'missing-carton-size':
      return msg('有条包条码，但没有填每条盒数');
    case 'bad-carton-barcode':
      return msg('条包条码不对');
    case 'carton-barcode-conflict':
      return first !== undefined
        ? msg(str`条码已经被第 ${first} 行用作别的商品的条码`)
        : msg('条码已经是店里另一个商品的条码');
    case 'bad-new-flag':
      return msg('「新品」一栏只能填 是 或 否');
    case 'malformed-row':
      return msg('这一行的引号不完整，读不准');
    default:
      return String(row.reason);
  }
}

export function fieldText(field: CatalogField): string {
  switch (field) {
    case 'code':
      return msg('条码');
    case 'name':
      return msg('商品名称');
    case 'brand':
      return msg('品牌');
    case 'category':
      return msg('类别');
    case 'priceCents':
      return msg('零售价');
    case 'costCents':
      return msg('成本价');
    case 'packsPerCarton':
      return msg('每条盒数');
    case 'cartonCode':
      return msg('条包条码');
    case 'isNew':
      return msg('新品');
  }
}

function valueText(product: CatalogProduct, field: CatalogField): string {
  const value = product[field];
  if (value === undefined || value === '') return msg('（空）');
  switch (field) {
    case 'priceCents':
    case 'costCents':
      return formatCents(value as number, formattingLocale());
    case 'cartonCode':
    case 'code':
      return displayCode(value as string);
    case 'isNew':
      return value ? msg('是') : msg('否');
    default:
      return String(value);
  }
}

/** A whole-file problem in words, naming the missing columns. */
export function fileErrorText(error: CatalogFileError): string {
  switch (error.reason) {
    case 'empty-file':
      return msg('文件是空的，没有可以导入的内容。请检查是不是选错了文件。');
    case 'missing-columns':
      return msg(
        str`文件缺少必需的列：${error.columns.join('、')}。第一行必须是列名，至少要有 条码、商品名称、零售价。如果这些列都在，可能是文件编码不对：请在 Excel/WPS 里「另存为」CSV（UTF-8 或 逗号分隔）再试。`,
      );
    case 'duplicate-columns':
      return msg(str`文件里有重复的列：${error.columns.join('、')}。每一列只能出现一次，请删掉多余的列再试。`);
    case 'too-many-rows':
      return msg('文件行数太多（最多 50000 行），不像是一个店的商品目录。请检查是不是选错了文件。');
  }
}

/** Bytes that are clearly not a CSV text file, caught before decoding gives nonsense. */
function notCsvText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return msg('这是 Excel 工作簿（.xlsx），不是 CSV。请在 Excel/WPS 里「另存为」CSV 格式再导入。');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return msg('文件是 UTF-16（Unicode 文本）编码，读不了。请在 Excel/WPS 里「另存为」CSV UTF-8 再导入。');
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return msg('这是旧版 Excel 文件（.xls），不是 CSV。请在 Excel/WPS 里「另存为」CSV 格式再导入。');
  }
  return undefined;
}

function day(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

/** Export file names carry the date and time, so two exports of a day never overwrite each other. */
export function exportFileName(kind: 'catalog' | 'stock', now = new Date()): string {
  return `${kind === 'catalog' ? '商品目录' : '库存'}-${day(now)}.csv`;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// ---------------------------------------------------------------- the screen

type Tab = 'import' | 'export' | 'products';
type ImportPhase = 'idle' | 'reading' | 'planning' | 'planned' | 'applying' | 'done';

/** How many rows of each kind the report lists (the counts are always complete). */
export const REPORT_ROWS = 50;

@customElement('kiosk-catalog-screen')
@localized()
export class KioskCatalogScreen extends LitElement {
  /** The terminal service's USB file access; default: the service that served the page. */
  @property({ attribute: false }) usbService: UsbService = new HttpUsbService();

  private readonly _owner = new OwnerController(this);
  @state() private _tab: Tab = 'import';
  @state() private _phase: ImportPhase = 'idle';
  @state() private _progress = { done: 0, total: 0 };
  @state() private _plan?: ImportPlan;
  @state() private _encoding?: 'utf-8' | 'gb18030';
  @state() private _fileName?: string;
  @state() private _error?: string;
  @state() private _result?: { added: number; updated: number };
  @state() private _usb?: UsbListing | null;
  @state() private _exported?: string;
  @state() private _busy = false;
  @state() private _search = '';
  @state() private _onlyNegative = false;
  @state() private _products?: Product[];
  @state() private _historyCode?: string;
  /** The product open in the editor overlay. */
  @state() private _editing?: Product;
  @state() private _savedName?: string;

  private _listSeq = 0;

  static override styles = [
    kioskBase,
    screenStyles,
    css`
      .tabs {
        display: flex;
        gap: 8px;
      }
      .tabs button {
        font-size: var(--kiosk-font-body);
      }
      .tabs button[aria-selected='true'] {
        background: var(--kiosk-accent);
        border-color: var(--kiosk-accent);
        color: var(--kiosk-on-accent);
        font-weight: 700;
      }
      .body {
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      h2 {
        margin: 0 0 10px;
        font-size: var(--kiosk-font-title);
      }
      h3 {
        margin: 12px 0 6px;
        font-size: var(--kiosk-font-body);
      }
      .row {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
        align-items: center;
      }
      label.file {
        display: inline-flex;
        align-items: center;
        min-height: var(--kiosk-touch);
        padding: 0 20px;
        border-radius: var(--kiosk-radius-small);
        background: var(--kiosk-accent);
        color: var(--kiosk-on-accent);
        font-weight: 700;
        font-size: var(--kiosk-font-body);
        cursor: pointer;
      }
      label.file input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      .usb li button {
        width: 100%;
        text-align: left;
        display: flex;
        justify-content: space-between;
        gap: 12px;
        font-size: var(--kiosk-font-small);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      .muted {
        color: var(--kiosk-text-muted);
        font-size: var(--kiosk-font-small);
      }
      .bar {
        height: 20px;
        border-radius: 10px;
        background: var(--kiosk-surface-sunken);
        border: 1px solid var(--kiosk-border);
        overflow: hidden;
        margin: 8px 0;
      }
      .bar > div {
        height: 100%;
        background: var(--kiosk-accent);
      }
      .summary {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 10px;
      }
      .summary div {
        border-radius: var(--kiosk-radius-small);
        background: var(--kiosk-surface-sunken);
        padding: 10px;
        text-align: center;
      }
      .summary strong {
        display: block;
        font-size: 32px;
      }
      .summary .rejected strong {
        color: var(--kiosk-error);
      }
      td {
        padding: 7px 6px;
        vertical-align: top;
      }
      .num {
        text-align: right;
        white-space: nowrap;
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
      }
      .code {
        font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
        white-space: nowrap;
      }
      .actions {
        display: flex;
        gap: 12px;
        justify-content: flex-end;
        margin-top: 12px;
      }
      .actions button,
      .export button {
        font-size: var(--kiosk-font-body);
      }
      .search {
        display: flex;
        gap: 10px;
        align-items: center;
      }
      .search input {
        flex: 1;
        font: inherit;
        height: var(--kiosk-touch);
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        padding: 0 12px;
        user-select: text;
        -webkit-user-select: text;
      }
      .search button[aria-pressed='true'] {
        background: var(--kiosk-error-soft);
        border-color: var(--kiosk-error);
        color: var(--kiosk-error);
        font-weight: 700;
      }
      tr.tap {
        cursor: pointer;
      }
      td.edit {
        width: 1%;
        padding: 4px 6px;
      }
      td.edit button {
        font-size: var(--kiosk-font-body);
        min-width: 96px;
      }
      .overlay {
        position: fixed;
        inset: 0;
        z-index: 100;
        display: flex;
        align-items: flex-start;
        justify-content: center;
        padding: 16px;
        overflow-y: auto;
        background: rgb(15 23 42 / 0.45);
      }
      .overlay kiosk-product-editor {
        flex: 1;
        max-width: 1000px;
      }
    `,
  ];

  override connectedCallback() {
    super.connectedCallback();
    void this.refreshUsb();
  }

  /** Ask the service which CSV files are on the mounted USB sticks. */
  async refreshUsb(): Promise<void> {
    try {
      this._usb = (await this.usbService.list()) ?? null;
    } catch {
      this._usb = null;
    }
  }

  /** Plan an import from a file the owner picked (file input). */
  async importFile(file: File): Promise<void> {
    await this._planBytes(file.name, async () => new Uint8Array(await file.arrayBuffer()));
  }

  /** Plan an import from a CSV file on a USB stick, by its service path. */
  async importUsbFile(path: string): Promise<void> {
    const name = path.split('/').pop() ?? path;
    await this._planBytes(name, () => this.usbService.read(path));
  }

  private async _planBytes(name: string, read: () => Promise<Uint8Array>): Promise<void> {
    if (this._busy) return;
    if (!this._owner.may('import') && !(await this._owner.ask('import'))) {
      this._error = msg('需要店主权限才能导入商品目录。');
      return;
    }
    this._busy = true;
    this._reset();
    this._fileName = name;
    this._phase = 'reading';
    try {
      let bytes: Uint8Array;
      try {
        bytes = await read();
      } catch (error) {
        console.error('reading the import file failed', error);
        const reason = (error as UsbServiceError).reason;
        this._error =
          reason === 'too-large'
            ? msg('文件太大（超过 20 MB），不像是商品目录。')
            : msg('读不了这个文件。U 盘是不是拔掉了？请插好后按「刷新」再试。');
        this._phase = 'idle';
        return;
      }
      const notCsv = notCsvText(bytes);
      if (notCsv) {
        this._error = notCsv;
        this._phase = 'idle';
        return;
      }
      const { text, encoding } = decodeCsvBytes(bytes);
      this._encoding = encoding;
      this._phase = 'planning';
      const existing = await getCatalogForImport();
      this._plan = await planCatalogImport(text, existing, {
        onProgress: (done, total) => {
          this._progress = { done, total };
        },
      });
      this._phase = 'planned';
    } catch (error) {
      if (error instanceof CatalogFileError) this._error = fileErrorText(error);
      else {
        console.error('planning the import failed', error);
        this._error = msg('检查文件时出错，什么都没有导入。请再试一次；如果还不行，请重启终端。');
      }
      this._phase = 'idle';
    } finally {
      this._busy = false;
    }
  }

  private _reset() {
    this._plan = undefined;
    this._encoding = undefined;
    this._fileName = undefined;
    this._error = undefined;
    this._result = undefined;
    this._progress = { done: 0, total: 0 };
    this._phase = 'idle';
  }

  private async _apply() {
    const plan = this._plan;
    if (!plan || this._busy) return;
    // No await when the owner is signed in: a double tap still sees _busy.
    if (!this._owner.may('import') && !(await this._owner.ask('import'))) return;
    this._busy = true;
    this._phase = 'applying';
    this._progress = { done: 0, total: plan.add.length + plan.update.length };
    try {
      this._result = await applyCatalogImport(plan, (done, total) => {
        this._progress = { done, total };
      });
      this._phase = 'done';
      this._products = undefined;
    } catch (error) {
      console.error('applyCatalogImport failed', error);
      const name = (error as Error | undefined)?.name;
      this._error =
        name === 'BarcodeTakenError'
          ? msg(str`条码 ${displayCode((error as { code?: string }).code ?? '')} 已经是店里另一个商品的条码。整个导入已取消，什么都没有改动。请改正文件后再导入。`)
          : name === 'NotAllowedError'
            ? msg('需要店主权限才能导入商品目录。')
            : msg('导入时出错，整个导入已取消，什么都没有改动。请再试一次；如果还不行，请重启终端。');
      this._phase = 'planned';
    } finally {
      this._busy = false;
    }
  }

  private async _export(kind: 'catalog' | 'stock', to: 'download' | string) {
    if (this._busy) return;
    this._busy = true;
    this._error = undefined;
    this._exported = undefined;
    try {
      const text = kind === 'catalog' ? await exportCatalogFile() : await exportStockFile();
      const name = exportFileName(kind);
      if (to === 'download') {
        downloadTextFile(this.renderRoot, name, text);
        this._exported = msg(str`已导出「${name}」，在浏览器的下载文件夹里。`);
      } else {
        await this.usbService.write(`${to}/${name}`, text);
        this._exported = msg(str`已保存到 U 盘：${name}。拔出 U 盘前请稍等几秒。`);
        void this.refreshUsb();
      }
    } catch (error) {
      console.error('export failed', error);
      this._error =
        to === 'download'
          ? msg('导出时出错。请再试一次；如果还不行，请重启终端。')
          : msg('保存到 U 盘失败。U 盘是不是拔掉了或者写保护了？请检查后再试。');
    } finally {
      this._busy = false;
    }
  }

  private async _loadProducts() {
    const seq = ++this._listSeq;
    try {
      const products = await listProducts({
        ...(this._search.trim() ? { search: this._search.trim() } : {}),
        ...(this._onlyNegative ? { onlyNegative: true } : {}),
        limit: 200,
      });
      if (seq === this._listSeq) this._products = products;
    } catch (error) {
      console.error('listProducts failed', error);
      if (seq === this._listSeq) this._error = msg('读不到商品列表。请再试一次；如果还不行，请重启终端。');
    }
  }

  /**
   * A scan while the product editor is open is the carton barcode being set
   * (the one barcode edited there); otherwise this screen has no use for scans.
   */
  showScan(scan: Scan): void {
    const editor = this._editing ? this.renderRoot.querySelector<KioskProductEditor>('kiosk-product-editor') : null;
    if (!editor) return;
    editor.useScannedCode(scan.code);
    markScanShown(scan.id);
  }

  private _openEditor(e: Event, product: Product) {
    // The row itself opens the history.
    e.stopPropagation();
    this._savedName = undefined;
    this._editing = product;
  }

  private _onProductSaved = (e: KioskProductSavedEvent) => {
    this._editing = undefined;
    this._savedName = e.product.name;
    void this._loadProducts();
  };

  /** Resolves once the product list shows the current search (tests). */
  async productsLoaded(): Promise<void> {
    await this._loadProducts();
    await this.updateComplete;
  }

  private _showTab(tab: Tab) {
    this._tab = tab;
    if (tab === 'products') void this._loadProducts();
    if (tab !== 'products') void this.refreshUsb();
  }

  override render() {
    const tabs: [Tab, string][] = [
      ['import', msg('导入商品目录')],
      ['export', msg('导出')],
      ['products', msg('商品列表')],
    ];
    return html`
      <div class="tabs" role="tablist">
        ${tabs.map(
          ([tab, label]) => html`<button type="button" role="tab" name="tab" data-tab=${tab} aria-selected=${this._tab === tab ? 'true' : 'false'} @click=${() => this._showTab(tab)}>
            ${label}
          </button>`,
        )}
      </div>
      ${this._error ? html`<kiosk-banner tone="error" data-kind="error" dismissible @kiosk-banner-dismissed=${() => (this._error = undefined)}>${this._error}</kiosk-banner>` : nothing}
      <div class="body">
        ${this._tab === 'import' ? this._renderImport() : this._tab === 'export' ? this._renderExport() : this._renderProducts()}
      </div>
      ${this._historyCode
        ? html`<kiosk-product-history .data=${kioskData} .code=${this._historyCode} @kiosk-history-closed=${() => (this._historyCode = undefined)}></kiosk-product-history>`
        : nothing}
      ${this._editing
        ? html`<div class="overlay" role="dialog" aria-modal="true" aria-label=${msg('修改商品')}>
            <kiosk-product-editor .data=${kioskData}
              .product=${this._editing}
              @kiosk-product-saved=${this._onProductSaved}
              @kiosk-product-edit-cancelled=${() => (this._editing = undefined)}
            ></kiosk-product-editor>
          </div>`
        : nothing}
    `;
  }

  private _renderImport() {
    if (!this._owner.may('import')) return this._owner.renderNeeded('import', msg('导入商品目录只能由店主操作。'));
    switch (this._phase) {
      case 'idle':
      case 'reading':
        return this._renderPick();
      case 'planning':
      case 'applying':
        return this._renderProgress();
      case 'planned':
        return this._renderReport();
      case 'done':
        return html`<div class="card done">
          <h2>${msg('导入完成')}</h2>
          <p data-added=${this._result?.added ?? 0} data-updated=${this._result?.updated ?? 0}>
            ${msg(str`新增 ${this._result?.added ?? 0} 个商品，更新 ${this._result?.updated ?? 0} 个商品。新商品的库存是 0，请入库或盘点。`)}
          </p>
          <div class="actions"><button type="button" class="primary" name="again" @click=${() => this._reset()}>${msg('好的')}</button></div>
        </div>`;
    }
  }

  private _renderPick() {
    const usb = this._usb;
    return html`<div class="card">
        <h2>${msg('导入供应商的商品目录（CSV 文件）')}</h2>
        <p class="muted">
          ${msg('文件第一行是列名：条码、商品名称、零售价（必需），品牌、类别、成本价、每条盒数、条包条码、新品（可选）。UTF-8 和 GBK/GB18030（Excel、WPS 保存的 CSV）都可以。导入前会先列出要新增、要更新和有问题的行，确认后才写入。')}
        </p>
        <div class="row">
          <label class="file">
            ${msg('选择文件…')}
            <input type="file" name="file" accept=".csv,text/csv" ?disabled=${this._busy} @change=${this._onFile} />
          </label>
          ${this._phase === 'reading' ? html`<span class="muted">${msg('正在读取文件…')}</span>` : nothing}
        </div>
      </div>
      <div class="card usb">
        <div class="row">
          <h2 style="flex:1">${msg('U 盘上的 CSV 文件')}</h2>
          <button type="button" name="refresh-usb" @click=${() => void this.refreshUsb()}>${msg('刷新')}</button>
        </div>
        ${usb === undefined
          ? html`<p class="muted">${msg('正在查找 U 盘…')}</p>`
          : usb === null
            ? html`<p class="muted">${msg('终端服务没有回应，找不到 U 盘。请用上面的「选择文件」。')}</p>`
            : usb.files.length === 0
              ? html`<p class="muted">${msg('没有找到 U 盘上的 CSV 文件。插上 U 盘后请等几秒再按「刷新」。')}</p>`
              : html`<ul>
                  ${usb.files.map(
                    (f) => html`<li>
                      <button type="button" name="usb-file" data-path=${f.path} ?disabled=${this._busy} @click=${() => void this.importUsbFile(f.path)}>
                        <span>${f.name}</span><span class="muted">${f.path} · ${sizeText(f.size)}</span>
                      </button>
                    </li>`,
                  )}
                </ul>
                ${usb.truncated ? html`<p class="muted">${msg('文件太多，只列出了前 200 个。')}</p>` : nothing}`}
      </div>`;
  }

  private _onFile = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so picking the same file again (after fixing it) fires change again.
    input.value = '';
    if (file) void this.importFile(file);
  };

  private _renderProgress() {
    const { done, total } = this._progress;
    const percent = total > 0 ? Math.round((done / total) * 100) : 0;
    return html`<div class="card progress">
      <h2>${this._phase === 'planning' ? msg(str`正在检查「${this._fileName ?? ''}」…`) : msg('正在导入…')}</h2>
      <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax=${total} aria-valuenow=${done}><div style="width:${percent}%"></div></div>
      <div class="muted">${this._phase === 'planning' ? msg(str`已检查 ${done} / ${total} 行`) : msg(str`已写入 ${done} / ${total} 个商品`)}</div>
    </div>`;
  }

  private _renderReport() {
    const plan = this._plan!;
    const nothingToDo = plan.add.length + plan.update.length === 0;
    return html`<div class="card report">
      <h2>${msg(str`检查结果：${this._fileName ?? ''}`)}</h2>
      <p class="muted" data-encoding=${this._encoding ?? ''}>
        ${msg(str`共 ${plan.rows} 行。文件编码：${this._encoding === 'gb18030' ? 'GB18030 (GBK)' : 'UTF-8'}。还没有写入任何内容。`)}
        ${plan.ignoredColumns.length > 0 ? msg(str`这些列不认识，不会导入：${plan.ignoredColumns.join('、')}。`) : nothing}
      </p>
      <div class="summary">
        <div class="add" data-count=${plan.add.length}><strong>${plan.add.length}</strong>${msg('新增')}</div>
        <div class="update" data-count=${plan.update.length}><strong>${plan.update.length}</strong>${msg('更新')}</div>
        <div class="unchanged" data-count=${plan.unchanged}><strong>${plan.unchanged}</strong>${msg('没有变化')}</div>
        <div class="rejected" data-count=${plan.rejected.length}><strong>${plan.rejected.length}</strong>${msg('有问题，不导入')}</div>
      </div>
      ${plan.rejected.length > 0
        ? html`<h3>${msg('有问题的行（不会导入，请在文件里改正）')}</h3>
            <table class="rejected-rows">
              <tbody>
                ${plan.rejected.slice(0, REPORT_ROWS * 4).map(
                  (r) => html`<tr data-line=${r.line} data-reason=${r.reason}>
                    <td class="num">${msg(str`第 ${r.line} 行`)}</td>
                    <td>${rejectText(r)}</td>
                    <td class="code">${r.detail ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${plan.rejected.length > REPORT_ROWS * 4 ? html`<p class="muted">${msg(str`还有 ${plan.rejected.length - REPORT_ROWS * 4} 行没有列出。`)}</p>` : nothing}`
        : nothing}
      ${plan.add.length > 0
        ? html`<h3>${msg(str`新增的商品（${plan.add.length} 个）`)}</h3>
            <table class="add-rows">
              <tbody>
                ${plan.add.slice(0, REPORT_ROWS).map(
                  (p) => html`<tr data-code=${p.code}>
                    <td class="code">${displayCode(p.code)}</td>
                    <td>${p.name}</td>
                    <td class="num">${formatCents(p.priceCents, formattingLocale())}</td>
                    <td>${p.packsPerCarton ? msg(str`每条 ${p.packsPerCarton} 盒`) : ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${plan.add.length > REPORT_ROWS ? html`<p class="muted">${msg(str`还有 ${plan.add.length - REPORT_ROWS} 个没有列出。`)}</p>` : nothing}`
        : nothing}
      ${plan.update.length > 0
        ? html`<h3>${msg(str`要更新的商品（${plan.update.length} 个）`)}</h3>
            <table class="update-rows">
              <tbody>
                ${plan.update.slice(0, REPORT_ROWS).map(
                  (u) => html`<tr data-code=${u.code}>
                    <td class="code">${displayCode(u.code)}</td>
                    <td>${u.after.name}</td>
                    <td>
                      ${u.changes.map(
                        (f) => html`<div class="change" data-field=${f}>${`${fieldText(f)}：${valueText(u.before, f)} → ${valueText(u.after, f)}`}</div>`,
                      )}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${plan.update.length > REPORT_ROWS ? html`<p class="muted">${msg(str`还有 ${plan.update.length - REPORT_ROWS} 个没有列出。`)}</p>` : nothing}`
        : nothing}
      <div class="actions">
        <button type="button" name="cancel" ?disabled=${this._busy} @click=${() => this._reset()}>${msg('取消')}</button>
        <button type="button" class="primary" name="apply" ?disabled=${this._busy || nothingToDo} @click=${() => void this._apply()}>
          ${nothingToDo ? msg('没有要导入的') : msg('全部导入')}
        </button>
      </div>
    </div>`;
  }

  private _renderExport() {
    const targets = this._usb?.targets ?? [];
    const kinds: ['catalog' | 'stock', string, string][] = [
      ['catalog', msg('导出商品'), msg('商品目录：条码、名称、价格、每条盒数等，格式和导入一样。')],
      ['stock', msg('导出库存'), msg('每个商品现在的库存（盒数，和几条几盒）。')],
    ];
    return html`<div class="card export">
      <h2>${msg('导出为 CSV 文件（Excel、WPS 可以打开）')}</h2>
      ${this._exported ? html`<kiosk-banner tone="info" data-kind="exported">${this._exported}</kiosk-banner>` : nothing}
      ${kinds.map(
        ([kind, label, hint]) => html`<h3>${label}</h3>
          <p class="muted">${hint}</p>
          <div class="row">
            <button type="button" class="primary" name="export-${kind}" ?disabled=${this._busy} @click=${() => void this._export(kind, 'download')}>${label}</button>
            ${targets.map(
              (t) => html`<button type="button" name="usb-${kind}" data-target=${t} ?disabled=${this._busy} @click=${() => void this._export(kind, t)}>
                ${msg('保存到U盘')}${targets.length > 1 ? html` <span class="muted">${t}</span>` : nothing}
              </button>`,
            )}
          </div>`,
      )}
      ${targets.length === 0 ? html`<p class="muted">${msg('插上 U 盘后，这里会出现「保存到U盘」。')}</p>` : nothing}
    </div>`;
  }

  private _renderProducts() {
    const products = this._products;
    return html`<div class="card">
      ${this._savedName !== undefined
        ? html`<kiosk-banner tone="info" data-kind="saved" dismissible @kiosk-banner-dismissed=${() => (this._savedName = undefined)}
            >${msg(str`已保存「${this._savedName}」。`)}</kiosk-banner
          >`
        : nothing}
      <div class="search">
        <input
          name="search"
          placeholder=${msg('输入名称、品牌或条码查找')}
          .value=${this._search}
          @input=${(e: Event) => {
            this._search = (e.target as HTMLInputElement).value;
            void this._loadProducts();
          }}
        />
        <button
          type="button"
          name="only-negative"
          aria-pressed=${this._onlyNegative ? 'true' : 'false'}
          @click=${() => {
            this._onlyNegative = !this._onlyNegative;
            void this._loadProducts();
          }}
        >
          ${msg('只看负库存')}
        </button>
      </div>
      ${products === undefined
        ? html`<p class="muted">${msg('正在读取…')}</p>`
        : products.length === 0
          ? html`<p class="muted">${msg('没有找到商品。')}</p>`
          : html`<table class="products">
              <thead>
                <tr>
                  <th>${msg('商品')}</th>
                  <th>${msg('条码')}</th>
                  <th class="num">${msg('零售价')}</th>
                  <th class="num">${msg('库存')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${products.map(
                  (p) => html`<tr class="tap" data-code=${p.code} @click=${() => (this._historyCode = p.code)}>
                    <td>${p.name}${p.isNew ? html` <span class="muted">${msg('新品')}</span>` : nothing}</td>
                    <td class="code">${displayCode(p.code)}</td>
                    <td class="num">${formatCents(p.priceCents, formattingLocale())}</td>
                    <td class="num stock ${p.stock < 0 ? 'negative' : ''}">
                      ${productStockText(p.stock, p)}${p.stock < 0 ? html`<span class="flag">${msg('负库存')}</span>` : nothing}
                    </td>
                    <td class="edit">
                      <button type="button" name="edit" data-code=${p.code} @click=${(e: Event) => this._openEditor(e, p)}>${msg('编辑')}</button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-catalog-screen': KioskCatalogScreen;
  }
}
