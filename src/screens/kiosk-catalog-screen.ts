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
import { Task } from '@lit/task';
import { taskShown } from '../components/task-shown.ts';
import { catalogCard } from '../components/catalog-card.ts';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { BarcodeTakenError, NotAllowedError } from '../domain/errors.ts';
import { displayCode } from '../domain/barcode.ts';
import type { Product } from '../domain/product.ts';
import { CatalogFileError, decodeCsvBytes, planCatalogImport, type ImportPlan } from '../domain/catalog-csv.ts';
import { applyCatalogImport, exportCatalogFile, exportStockFile, getCatalogForImport, listProducts } from '../data/catalog.ts';
import { kioskData } from '../data/kiosk-data.ts';
import { HttpUsbService, type UsbListing, type UsbService, type UsbServiceError } from '../data/usb-files.ts';
import { OwnerController } from './owner-controller.ts';
import { markScanShown } from '../data/metrics.ts';
import type { Scan } from '../domain/scan-protocol.ts';
import { fileErrorText, notCsvText, sizeText } from '../wording/catalog-import-text.ts';
import { dismissibleBanner } from '../components/kiosk-banner.ts';
import '../components/kiosk-product-history.ts';
import '../components/kiosk-product-editor.ts';
import './kiosk-display-settings.ts';
import '../components/kiosk-catalog-import-report.ts';
import '../components/kiosk-catalog-export.ts';
import '../components/kiosk-catalog-products.ts';
import type { KioskProductEditor, KioskProductSavedEvent } from '../components/kiosk-product-editor.ts';
import type { KioskExportRequestedEvent } from '../components/kiosk-catalog-export.ts';
import type { KioskProductEditRequestedEvent, KioskProductSearchChangedEvent } from '../components/kiosk-catalog-products.ts';
import type { KioskProductHistoryRequestedEvent } from '../components/product-events.ts';
import { catalogScreenStyles } from './catalog-screen-styles.ts';

export type { UsbFileInfo, UsbListing, UsbService } from '../data/usb-files.ts';
export { HttpUsbService, UsbServiceError } from '../data/usb-files.ts';
export { REPORT_ROWS } from '../components/kiosk-catalog-import-report.ts';
export { fieldText, fileErrorText, rejectText } from '../wording/catalog-import-text.ts';

function day(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

/** Export file names carry the date and time, so two exports of a day never overwrite each other. */
export function exportFileName(kind: 'catalog' | 'stock', now = new Date()): string {
  return `${kind === 'catalog' ? '商品目录' : '库存'}-${day(now)}.csv`;
}

// ---------------------------------------------------------------- the screen

type Tab = 'import' | 'export' | 'products' | 'display';
type ImportPhase = 'idle' | 'reading' | 'planning' | 'planned' | 'applying' | 'done';

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
  @state() private _historyCode?: string;
  /** The product open in the editor overlay. */
  @state() private _editing?: Product;
  @state() private _savedName?: string;

  /** One more whenever the products may have changed under the list (saved, imported, tab shown): the list is read again. */
  @state() private _productsChanged = 0;
  /** The product list for the current search and filter; an answer to an older search is dropped. */
  private _productList = new Task(this, {
    task: ([search, onlyNegative]) =>
      listProducts({ ...(search ? { search } : {}), ...(onlyNegative ? { onlyNegative: true } : {}), limit: 200 }),
    args: () => [this._search.trim(), this._onlyNegative, this._productsChanged] as const,
    onError: (error) => {
      console.error('listProducts failed', error);
      this._error = msg('读不到商品列表。请再试一次；如果还不行，请重启终端。');
    },
  });

  static override styles = catalogScreenStyles;

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
      this._productsChanged++;
    } catch (error) {
      console.error('applyCatalogImport failed', error);
      this._error =
        error instanceof BarcodeTakenError
          ? msg(str`条码 ${displayCode(error.code)} 已经是店里另一个商品的条码。整个导入已取消，什么都没有改动。请改正文件后再导入。`)
          : error instanceof NotAllowedError
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

  private _openEditor(product: Product) {
    this._savedName = undefined;
    this._editing = product;
  }

  private _onProductSaved = (e: KioskProductSavedEvent) => {
    this._editing = undefined;
    this._savedName = e.detail.name;
    this._productsChanged++;
  };

  /** Resolves once the product list shows the current search (tests). */
  async productsLoaded(): Promise<void> {
    await taskShown(this, this._productList);
    await this.renderRoot.querySelector('kiosk-catalog-products')?.updateComplete;
  }

  private _showTab(tab: Tab) {
    this._tab = tab;
    if (tab === 'products') this._productsChanged++;
    if (tab !== 'products') void this.refreshUsb();
  }

  override render() {
    const tabs: [Tab, string][] = [
      ['import', msg('导入商品目录')],
      ['export', msg('导出')],
      ['products', msg('商品列表')],
      ['display', msg('展示专区')],
    ];
    return html`
      <div class="tabs" role="tablist">
        ${tabs.map(
          ([
            tab,
            label,
          ]) => html`<button type="button" role="tab" name="tab" data-tab=${tab} aria-selected=${this._tab === tab ? 'true' : 'false'} @click=${() => this._showTab(tab)}>
            ${label}
          </button>`,
        )}
      </div>
      ${this._error ? dismissibleBanner('error', 'error', () => (this._error = undefined), this._error) : nothing}
      <div class="body scroll-column">
        ${
          this._tab === 'import'
            ? this._renderImport()
            : this._tab === 'export'
              ? this._renderExport()
              : this._tab === 'display'
                ? html`<kiosk-display-settings .usbService=${this.usbService}></kiosk-display-settings>`
                : this._renderProducts()
        }
      </div>
      ${
        this._historyCode
          ? html`<kiosk-product-history .data=${kioskData} .code=${this._historyCode} @kiosk-history-closed=${() => (this._historyCode = undefined)}></kiosk-product-history>`
          : nothing
      }
      ${
        this._editing
          ? html`<div class="overlay" role="dialog" aria-modal="true" aria-label=${msg('修改商品')}>
            <kiosk-product-editor .data=${kioskData}
              .product=${this._editing}
              @kiosk-product-saved=${this._onProductSaved}
              @kiosk-product-edit-cancelled=${() => (this._editing = undefined)}
            ></kiosk-product-editor>
          </div>`
          : nothing
      }
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
    return html`${catalogCard(
      msg('导入供应商的商品目录（CSV 文件）'),
      msg(
        '文件第一行是列名：条码、商品名称、零售价（必需），品牌、类别、成本价、每条盒数、条包条码、新品（可选）。UTF-8 和 GBK/GB18030（Excel、WPS 保存的 CSV）都可以。导入前会先列出要新增、要更新和有问题的行，确认后才写入。',
      ),
      html`<div class="row">
          <label class="file">
            ${msg('选择文件…')}
            <input type="file" name="file" accept=".csv,text/csv" ?disabled=${this._busy} @change=${this._onFile} />
          </label>
          ${this._phase === 'reading' ? html`<span class="muted">${msg('正在读取文件…')}</span>` : nothing}
        </div>`,
    )}
      <div class="card usb">
        <div class="row">
          <h2 style="flex:1">${msg('U 盘上的 CSV 文件')}</h2>
          <button type="button" name="refresh-usb" @click=${() => void this.refreshUsb()}>${msg('刷新')}</button>
        </div>
        ${
          usb === undefined
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
                ${usb.truncated ? html`<p class="muted">${msg('文件太多，只列出了前 200 个。')}</p>` : nothing}`
        }
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
    return html`<kiosk-catalog-import-report
      .plan=${this._plan}
      .fileName=${this._fileName ?? ''}
      .encoding=${this._encoding}
      ?busy=${this._busy}
      @kiosk-import-cancelled=${() => this._reset()}
      @kiosk-import-confirmed=${() => void this._apply()}
    ></kiosk-catalog-import-report>`;
  }

  private _renderExport() {
    return html`<kiosk-catalog-export
      .targets=${this._usb?.targets ?? []}
      .exported=${this._exported}
      ?busy=${this._busy}
      @kiosk-export-requested=${(e: KioskExportRequestedEvent) => void this._export(e.detail.kind, e.detail.to)}
    ></kiosk-catalog-export>`;
  }

  private _renderProducts() {
    return html`<kiosk-catalog-products
      .products=${this._productList.value}
      .search=${this._search}
      .onlyNegative=${this._onlyNegative}
      .savedName=${this._savedName}
      @kiosk-banner-dismissed=${() => (this._savedName = undefined)}
      @kiosk-product-search-changed=${(e: KioskProductSearchChangedEvent) => {
        this._search = e.detail;
      }}
      @kiosk-negative-filter-toggled=${() => {
        this._onlyNegative = !this._onlyNegative;
      }}
      @kiosk-product-history-requested=${(e: KioskProductHistoryRequestedEvent) => (this._historyCode = e.detail)}
      @kiosk-product-edit-requested=${(e: KioskProductEditRequestedEvent) => this._openEditor(e.detail)}
    ></kiosk-catalog-products>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-catalog-screen': KioskCatalogScreen;
  }
}
