/**
 * A manager posts to the district's board (POST /board with the session's
 * CSRF token): 货源信息 supply news with per-shop weekly quotas, 新品宣传 a new
 * product with its suggested price and a picture, 客户培训 training. The
 * collector signs each terminal's copy when it serves it. A rep sees why
 * there is no form; the collector refuses a rep's post as well.
 */
import { LitElement, html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  BOARD_KIND_NAMES,
  BOARD_KINDS,
  BOARD_PICTURE_TYPES,
  MAX_BOARD_PICTURE_BYTES,
  type BoardKind,
} from '../../src/domain/board-item.ts';
import { getJson, readAnswer, sendWithCsrf, yuan, type OverviewWithChoices, type Session } from './api.ts';
import type { PostedBoardItem } from '../board.ts';
import { fleetStyles, touchFormStyles } from './styles.ts';
import { FormRequest } from './form-request.ts';
import './fleet-nav.ts';
import { dataTable, errorLine } from './parts.ts';
import { PageLoad } from './page-load.ts';

interface QuotaRow {
  shopId: string;
  productCode: string;
  productName: string;
  packsPerWeek: string;
}

/** "12.5" or "12.50" yuan → 1250 cents, by the digits, never through a float. */
export function centsOf(yuanText: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(yuanText);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

function base64Of(bytes: ArrayBuffer): string {
  let text = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text);
}

const emptyQuota = (): QuotaRow => ({ shopId: '', productCode: '', productName: '', packsPerWeek: '' });

@customElement('fleet-board-post')
export class FleetBoardPost extends LitElement {
  /** The session; a manager's page also fills in the district's shops and the latest posts. */
  private readonly data = new PageLoad(this, async () => {
    const session = await getJson<Session>('/session');
    if (session.role !== 'manager') return session;
    const [overview, posted] = await Promise.all([
      getJson<OverviewWithChoices>('/overview'),
      getJson<{ items: PostedBoardItem[] }>('/board/posted'),
    ]);
    this.shops = overview.shops.map((s) => ({ shopId: s.shopId, name: s.name }));
    this.posted = posted.items;
    return session;
  });
  @state() private shops: { shopId: string; name: string }[] = [];
  @state() private posted: PostedBoardItem[] = [];
  @state() private kind: BoardKind = 'supply';
  @state() private quotas: QuotaRow[] = [emptyQuota()];
  @state() private done = '';
  private readonly request = new FormRequest(this);

  static override styles = [
    fleetStyles,
    touchFormStyles,
    css`
      .kinds {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .kinds button[aria-pressed='true'] {
        background: #0e7490;
        color: white;
      }
      .quota {
        display: grid;
        grid-template-columns: 2fr 1.2fr 1.5fr 1fr auto;
        gap: 8px;
        align-items: end;
      }
    `,
  ];

  override render() {
    return this.data.render((s) => this.renderPage(s));
  }

  private renderPage(s: Session) {
    return html`<fleet-nav .session=${s}></fleet-nav>
      <h1>发布看板 <small>Post to the board</small></h1>
      ${
        s.role !== 'manager'
          ? html`<div class="error" role="alert">只有经理可以发布看板 — only a manager posts to the board</div>`
          : html`${this.renderForm()}${this.renderPosted()}`
      }`;
  }

  private renderForm() {
    return html`<form class="touch" @submit=${this.submit}>
      <div class="kinds" role="group" aria-label="类别 Kind">
        ${BOARD_KINDS.map(
          (k) =>
            html`<button type="button" class="touch-button" aria-pressed=${this.kind === k} @click=${() => (this.kind = k)}>
              ${BOARD_KIND_NAMES[k].zh} ${BOARD_KIND_NAMES[k].en}
            </button>`,
        )}
      </div>
      <label>标题 <small>Title</small><input name="title" required maxlength="200" /></label>
      <label>内容 <small>Text</small><textarea name="body" rows="4" maxlength="4000"></textarea></label>
      ${this.kind === 'supply' ? this.renderQuotas() : ''} ${this.kind === 'new-product' ? this.renderProduct() : ''}
      <button type="submit" ?disabled=${this.request.busy}>发布 Post</button>
      ${errorLine(this.request.error)}
      ${this.done ? html`<div class="ok" role="status">${this.done}</div>` : ''}
    </form>`;
  }

  private renderQuotas() {
    const set = (i: number, field: keyof QuotaRow) => (e: Event) => {
      this.quotas = this.quotas.map((q, j) => (j === i ? { ...q, [field]: (e.target as HTMLInputElement).value } : q));
    };
    return html`<fieldset>
      <legend>各店周配额（可不填） <small>Weekly quota per shop (optional)</small></legend>
      ${this.quotas.map(
        (q, i) =>
          html`<div class="quota">
            <label
              >门店 <small>Shop</small>
              <select name="quota-shop" .value=${q.shopId} @change=${set(i, 'shopId')}>
                <option value="">—</option>
                ${this.shops.map((shop) => html`<option value=${shop.shopId} ?selected=${q.shopId === shop.shopId}>${shop.name}</option>`)}
              </select></label
            >
            <label>商品编码 <small>Code</small><input name="quota-code" .value=${q.productCode} @input=${set(i, 'productCode')} /></label>
            <label>商品名 <small>Product</small><input name="quota-name" .value=${q.productName} @input=${set(i, 'productName')} /></label>
            <label
              >每周条数 <small>Packs/week</small
              ><input name="quota-packs" inputmode="numeric" .value=${q.packsPerWeek} @input=${set(i, 'packsPerWeek')}
            /></label>
            <button type="button" class="touch-button" @click=${() => (this.quotas = this.quotas.filter((_, j) => j !== i))}>
              删除 Remove
            </button>
          </div>`,
      )}
      <button type="button" class="touch-button" @click=${() => (this.quotas = [...this.quotas, emptyQuota()])}>
        加一行 Add a quota
      </button>
    </fieldset>`;
  }

  private renderProduct() {
    return html`<label>商品编码 <small>Product code</small><input name="product-code" required /></label>
      <label>商品名 <small>Product name</small><input name="product-name" required /></label>
      <label>建议零售价（元） <small>Suggested price (yuan)</small><input name="product-price" inputmode="decimal" required /></label>
      <label
        >图片（JPEG/PNG/WebP，最大 ${MAX_BOARD_PICTURE_BYTES / 1024} KB） <small>Picture (at most ${MAX_BOARD_PICTURE_BYTES / 1024} KB)</small>
        <input name="picture" type="file" accept=${BOARD_PICTURE_TYPES.join(',')}
      /></label>`;
  }

  private renderPosted() {
    return html`<h2>最近发布 <small>Latest posts</small></h2>
      ${dataTable(
        'posted',
        ['#', '类别 Kind', '标题 Title', '详情 Detail', '发布人 By'],
        this.posted,
        (p) =>
          html`<tr data-serial=${p.serial}>
            <td>${p.serial}</td>
            <td>${BOARD_KIND_NAMES[p.kind].zh} ${BOARD_KIND_NAMES[p.kind].en}</td>
            <td>${p.title}</td>
            <td>
              ${p.product ? `${p.product.name} ${yuan(p.product.priceCents)}` : ''}
              ${p.hasPicture ? '· 有图片 with picture' : ''} ${p.quotas ? `${p.quotas} 条配额 quotas` : ''}
            </td>
            <td>${p.postedBy}</td>
          </tr>`,
        '还没有 None yet',
      )}`;
  }

  /** The item as POST /board takes it, or a problem to show. */
  private async itemOf(form: FormData): Promise<Record<string, unknown> | string> {
    const item: Record<string, unknown> = { kind: this.kind, title: form.get('title'), body: form.get('body') ?? '' };
    if (this.kind === 'supply') {
      const rows = this.quotas.filter((q) => q.shopId || q.productCode || q.productName || q.packsPerWeek);
      const quotas = [];
      for (const q of rows) {
        const packs = /^\d{1,6}$/.test(q.packsPerWeek.trim()) ? Number(q.packsPerWeek) : null;
        if (!q.shopId || !q.productCode.trim() || !q.productName.trim() || packs === null)
          return '每行配额须选门店并填商品编码、商品名和每周条数（整数） — each quota needs a shop, product code, name and whole packs a week';
        quotas.push({ shopId: q.shopId, productCode: q.productCode.trim(), productName: q.productName.trim(), packsPerWeek: packs });
      }
      item['quotas'] = quotas;
    }
    if (this.kind === 'new-product') {
      const priceCents = centsOf(String(form.get('product-price') ?? ''));
      if (priceCents === null) return '价格应为元，如 23 或 23.50 — the price is in yuan, e.g. 23 or 23.50';
      item['product'] = { code: String(form.get('product-code')).trim(), name: String(form.get('product-name')).trim(), priceCents };
      const file = form.get('picture');
      if (file instanceof File && file.size > 0) {
        if (!(BOARD_PICTURE_TYPES as readonly string[]).includes(file.type))
          return '图片须为 JPEG、PNG 或 WebP — the picture must be JPEG, PNG or WebP';
        if (file.size > MAX_BOARD_PICTURE_BYTES)
          return `图片 ${Math.ceil(file.size / 1024)} KB，超过 ${MAX_BOARD_PICTURE_BYTES / 1024} KB — the picture is larger than ${MAX_BOARD_PICTURE_BYTES / 1024} KB`;
        item['picture'] = { mediaType: file.type, base64: base64Of(await file.arrayBuffer()) };
      }
    }
    return item;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    this.done = '';
    const item = await this.itemOf(new FormData(formElement));
    if (typeof item === 'string') return this.request.fail(item);
    await this.request.run(async () => {
      const posted = await readAnswer<{ serial: number }>(await sendWithCsrf('/board', this.data.value!, JSON.stringify(item)));
      this.done = `已发布 #${posted.serial}，终端下次推送时收到 — posted #${posted.serial}; terminals get it with their next push`;
      formElement.reset();
      this.quotas = [emptyQuota()];
      this.posted = (await getJson<{ items: PostedBoardItem[] }>('/board/posted')).items;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-board-post': FleetBoardPost;
  }
}
