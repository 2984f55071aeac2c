/**
 * 展示专区: the owner's (or the rep's) side of the customer display, a tab of
 * the catalog screen. Which products the loop shows, in what order and from
 * when to when; their pictures (a folder on a USB stick named by barcode, or
 * one picked per product); the legal notices' wording.
 *
 * Everything it saves goes through src/data/display.ts and src/data/pictures.ts,
 * which check canDo('arrange-display') again.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { catalogPanelStyles } from '../components/catalog-styles.ts';
import { catalogCard } from '../components/catalog-card.ts';
import { fileButtonStyles, textBoxStyles } from '../styles.ts';
import { DisplayPlanError, type DisplayPlanEntry } from '../domain/display-plan.ts';
import { LegalNoticeError, MAX_NOTICE_CHARS, MAX_NOTICE_LINES, type LegalNoticeSettings } from '../domain/legal-notices.ts';
import { formatCents, matchesProductSearch, type Product } from '../domain/product.ts';
import { getDisplayPlan, getLegalNotices, listNewProducts, putDisplayPlan, putLegalNotices } from '../data/display.ts';
import {
  MAX_PICTURE_FILE_BYTES,
  PICTURE_MAX_SIDE,
  PictureImportError,
  importPicture,
  importPictureFolder,
  listPictureCodes,
  type PictureFolderReport,
  type PictureRefusal,
} from '../data/pictures.ts';
import { listProducts } from '../data/products.ts';
import { HttpUsbService, type UsbService } from '../data/usb-files.ts';
import { OwnerController } from './owner-controller.ts';
import type { KioskProductPickedEvent } from '../components/kiosk-product-search.ts';
import '../components/kiosk-product-search.ts';

/** A refused picture in words that say what to do. */
export function pictureRefusalText(reason: PictureRefusal | 'unreadable'): string {
  switch (reason) {
    case 'too-large':
      return msg(str`文件太大（超过 ${Math.round(MAX_PICTURE_FILE_BYTES / 1024 / 1024)} MB），请换一张小一点的图片`);
    case 'too-many-pixels':
      return msg('图片像素太多，请先缩小后再导入');
    case 'broken':
      return msg('不是图片，或文件已损坏，打不开');
    case 'unknown-product':
      return msg('本店没有这个条码的商品');
    case 'unreadable':
      return msg('U盘上的文件读不出来，请重新插好U盘再试');
  }
}

@customElement('kiosk-display-settings')
@localized()
export class KioskDisplaySettings extends LitElement {
  /** The terminal service's USB file access; default: the service that served the page. */
  @property({ attribute: false }) usbService: UsbService = new HttpUsbService();

  private readonly _owner = new OwnerController(this);
  @state() private _entries: DisplayPlanEntry[] = [];
  @state() private _products = new Map<string, Product>();
  @state() private _pictures = new Set<string>();
  @state() private _notices: LegalNoticeSettings | undefined;
  @state() private _noticeText = '';
  @state() private _busy = false;
  @state() private _message: string | undefined;
  @state() private _error: string | undefined;
  @state() private _folderReport: PictureFolderReport | undefined;

  /** Settles after the first load (tests). */
  loaded: Promise<void> = Promise.resolve();

  static override styles = [
    ...catalogPanelStyles,
    fileButtonStyles,
    textBoxStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      tr + tr td {
        border-top: 1px solid var(--kiosk-border);
      }
      td {
        vertical-align: middle;
      }
      input[type='date'] {
        min-height: var(--kiosk-touch);
        font: inherit;
      }
      .order button {
        min-width: var(--kiosk-touch);
      }
      label.file {
        padding: 0 14px;
      }
      .ok {
        color: var(--kiosk-ok, #1b7f3b);
      }
      .error {
        color: var(--kiosk-danger, #b00020);
      }
      label.check {
        display: inline-flex;
        gap: 10px;
        align-items: center;
        min-height: var(--kiosk-touch);
      }
      label.check input {
        width: 28px;
        height: 28px;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.reload();
  }

  /** Read the plan, the products, which have pictures and the notices again. */
  async reload(): Promise<void> {
    const [plan, products, pictures, notices, news] = await Promise.all([
      getDisplayPlan(),
      listProducts(),
      listPictureCodes(),
      getLegalNotices(),
      listNewProducts(),
    ]);
    this._products = new Map(products.map((p) => [p.code, p]));
    // Before any plan is saved the loop shows the new products: start the list from them.
    this._entries = plan ? plan.entries.map((e) => ({ ...e })) : news.map((p) => ({ code: p.code }));
    this._pictures = new Set(pictures);
    this._notices = notices;
    this._noticeText = notices.lines.join('\n');
  }

  private _say(message: string | undefined, error?: string) {
    this._message = message;
    this._error = error;
  }

  private _move(index: number, by: -1 | 1) {
    const entries = [...this._entries];
    const [entry] = entries.splice(index, 1);
    entries.splice(index + by, 0, entry!);
    this._entries = entries;
  }

  /** The first or the last day an entry is shown; empty: no limit that way. */
  private _renderDay(index: number, entry: DisplayPlanEntry, end: 'from' | 'until', label: string) {
    return html`<input
      type="date"
      name=${end}
      aria-label=${label}
      .value=${entry[end] ?? ''}
      @change=${(e: Event) => this._setDay(index, end, (e.target as HTMLInputElement).value)}
    />`;
  }

  private _setDay(index: number, end: 'from' | 'until', value: string) {
    const entries = [...this._entries];
    const entry = { ...entries[index]! };
    if (value) entry[end] = value;
    else delete entry[end];
    entries[index] = entry;
    this._entries = entries;
  }

  /** Save the list as shown (order, days). */
  async savePlan(): Promise<void> {
    try {
      this._entries = (await putDisplayPlan({ entries: this._entries })).entries;
      this._say(msg('展示的商品已保存，展示屏下一轮就按新的顺序播放。'));
    } catch (error) {
      if (!(error instanceof DisplayPlanError)) throw error;
      const name = error.code ? (this._products.get(error.code)?.name ?? error.code) : '';
      this._say(
        undefined,
        error.problem === 'until-before-from'
          ? msg(str`${name}：结束日期早于开始日期`)
          : error.problem === 'too-many'
            ? msg('展示的商品太多，最多 100 个')
            : error.problem === 'twice'
              ? msg(str`${name} 列了两次`)
              : msg(str`${name}：日期不对`),
      );
    }
  }

  /** Import every picture on the mounted sticks named by a barcode the shop sells. */
  async importFromStick(): Promise<void> {
    const usb = this.usbService;
    this._busy = true;
    this._folderReport = undefined;
    this._say(undefined);
    try {
      const listing = usb.listPictures ? await usb.listPictures() : undefined;
      if (!listing || !usb.readPicture) {
        this._say(undefined, msg('没有找到U盘。请插好U盘后再试。'));
        return;
      }
      const read = usb.readPicture.bind(usb);
      this._folderReport = await importPictureFolder(
        listing.files.map((f) => ({
          name: f.name,
          size: f.size,
          read: async () => new Blob([(await read(f.path)) as Uint8Array<ArrayBuffer>]),
        })),
      );
      this._pictures = new Set(await listPictureCodes());
    } finally {
      this._busy = false;
    }
  }

  /** A picture picked for one product (from the stick through the file chooser, or any file). */
  async importPicked(code: string, file: File): Promise<void> {
    this._busy = true;
    this._say(undefined);
    try {
      await importPicture(code, file);
      this._pictures = new Set([...this._pictures, code]);
      this._say(msg(str`${this._products.get(code)?.name ?? code} 的图片已导入。`));
    } catch (error) {
      if (!(error instanceof PictureImportError)) throw error;
      this._say(undefined, `${file.name}：${pictureRefusalText(error.reason)}`);
    } finally {
      this._busy = false;
    }
  }

  async saveNotices(): Promise<void> {
    try {
      this._notices = await putLegalNotices({
        lines: this._noticeText.split('\n'),
        offWithoutTobacco: this._notices?.offWithoutTobacco ?? false,
      });
      this._noticeText = this._notices.lines.join('\n');
      this._say(msg('法律提示已保存。'));
    } catch (error) {
      if (!(error instanceof LegalNoticeError)) throw error;
      this._say(
        undefined,
        error.problem === 'no-lines'
          ? msg('法律提示不能为空：展示烟草时必须显示')
          : msg(str`法律提示最多 ${MAX_NOTICE_LINES} 行，每行最多 ${MAX_NOTICE_CHARS} 个字`),
      );
    }
  }

  override render() {
    if (!this._owner.may('arrange-display')) return this._owner.renderNeeded('arrange-display', msg('展示专区只能由店主或客户经理设置。'));
    return html`${this._message ? html`<div class="card ok" role="status" data-kind="message">${this._message}</div>` : nothing}
    ${this._error ? html`<div class="card error" role="alert" data-kind="error">${this._error}</div>` : nothing} ${this._renderPlan()}
    ${this._renderPictures()} ${this._renderNotices()}`;
  }

  /**
   * What the search offers to add: products not in the plan and still sold. A
   * new function when the plan or the products change, so the search asks again
   * and a product just added leaves its list.
   */
  private _candidates: (text: string) => Promise<Product[]> = async () => [];

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('_entries') || changed.has('_products')) {
      const inPlan = new Set(this._entries.map((e) => e.code));
      const products = [...this._products.values()];
      this._candidates = async (text) => {
        const needle = text.toLowerCase();
        return products.filter((p) => !inPlan.has(p.code) && !p.discontinued && matchesProductSearch(p, needle)).slice(0, 8);
      };
    }
  }

  private _renderPlan() {
    return catalogCard(
      msg('展示屏播放的商品'),
      msg('按这个顺序轮播；可以设开始和结束日期（含当天），不填就是一直播放。'),
      html`<table data-kind="plan">
        ${this._entries.map((entry, i) => {
          const product = this._products.get(entry.code);
          return html`<tr data-code=${entry.code}>
            <td>
              ${product?.name ?? entry.code}<br /><span class="muted"
                >${product ? formatCents(product.priceCents) : ''} · ${this._pictures.has(entry.code) ? msg('有图片') : msg('无图片')}</span
              >
            </td>
            <td>
              <label class="file"
                >${msg('选图片…')}<input
                  type="file"
                  name="picture"
                  accept="image/jpeg,image/png,image/webp"
                  ?disabled=${this._busy}
                  @change=${(e: Event) => {
                    const input = e.target as HTMLInputElement;
                    const file = input.files?.[0];
                    input.value = '';
                    if (file) void this.importPicked(entry.code, file);
                  }}
              /></label>
            </td>
            <td>
              ${this._renderDay(i, entry, 'from', msg('开始日期'))}
              –
              ${this._renderDay(i, entry, 'until', msg('结束日期'))}
            </td>
            <td class="order">
              <button type="button" name="up" aria-label=${msg('上移')} ?disabled=${i === 0} @click=${() => this._move(i, -1)}>↑</button>
              <button
                type="button"
                name="down"
                aria-label=${msg('下移')}
                ?disabled=${i === this._entries.length - 1}
                @click=${() => this._move(i, 1)}
              >
                ↓
              </button>
              <button type="button" name="remove" @click=${() => (this._entries = this._entries.filter((_, j) => j !== i))}>
                ${msg('移除')}
              </button>
            </td>
          </tr>`;
        })}
      </table>
      <kiosk-product-search
        placeholder=${msg('加入商品：输入名称、品牌或条码')}
        .search=${this._candidates}
        @kiosk-product-picked=${(e: KioskProductPickedEvent) => (this._entries = [...this._entries, { code: e.detail.code }])}
      ></kiosk-product-search>
      <div class="actions">
        <button type="button" class="primary" name="save-plan" @click=${() => void this.savePlan()}>${msg('保存展示的商品')}</button>
      </div>`,
    );
  }

  private _renderPictures() {
    const r = this._folderReport;
    return catalogCard(
      msg('商品图片'),
      msg(
        str`把图片（JPG、PNG 或 WebP）放在U盘上，文件名是商品条码，例如 6901028075862.jpg。导入时缩小到 ${PICTURE_MAX_SIDE} 像素，存在本机。`,
      ),
      html`<div class="row">
        <button type="button" class="primary" name="import-stick" ?disabled=${this._busy} @click=${() => void this.importFromStick()}>
          ${msg('导入U盘上的图片')}
        </button>
      </div>
      ${
        r
          ? html`<div data-kind="picture-report" data-imported=${r.imported.length} data-refused=${r.refused.length}>
              <p>
                ${msg(str`导入了 ${r.imported.length} 张图片。`)}${r.unmatched.length > 0 ? msg(str`${r.unmatched.length} 张的文件名不是本店商品的条码，已跳过。`) : ''}
              </p>
              ${
                r.refused.length > 0
                  ? html`<ul class="error">
                      ${r.refused.map((f) => html`<li>${f.name}：${pictureRefusalText(f.reason)}</li>`)}
                    </ul>`
                  : nothing
              }
            </div>`
          : nothing
      }`,
    );
  }

  private _renderNotices() {
    return catalogCard(
      msg('法律提示'),
      msg('每行一条。展示烟草时总是显示；不能删空。'),
      html`<textarea
        name="notices"
        rows="3"
        .value=${this._noticeText}
        @input=${(e: Event) => (this._noticeText = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <label class="check">
        <input
          type="checkbox"
          name="off-without-tobacco"
          .checked=${this._notices?.offWithoutTobacco ?? false}
          @change=${(e: Event) => {
            if (this._notices) this._notices = { ...this._notices, offWithoutTobacco: (e.target as HTMLInputElement).checked };
          }}
        />
        ${msg('画面上没有烟草时不显示')}
      </label>
      <div class="actions">
        <button type="button" class="primary" name="save-notices" @click=${() => void this.saveNotices()}>${msg('保存法律提示')}</button>
      </div>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-display-settings': KioskDisplaySettings;
  }
}
