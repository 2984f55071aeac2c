/**
 * 公告板 (issue 15): the supplier's board as the owner reads it. The columns
 * the supplier's shop groups run — 货源信息 supply news with this shop's
 * quotas, 新品宣传 new products with a picture, 客户培训 training — and the
 * rep's messages to this owner (客户经理留言), each newest first (the collector's serial, never a clock), unread ones
 * marked. Every item shown was verified by the terminal service against the
 * supplier's pinned key; the screen says so, and says what to do when there is
 * no board yet or items were refused.
 *
 * Opening an item marks it read; 加入展示 puts a promoted product into the
 * customer display's loop (registering it first, the form filled from the
 * item); 更新配额 writes a supply item's quotas to the order screen's and shows
 * what changed; 发送回执 sends the acknowledgements to the collector now
 * (they also travel with every visit's bundle). Owner only (canDo('read-board')).
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { BOARD_KINDS, type BoardItem, type BoardKind } from '../domain/board-item.ts';
import { formatCents, localDay } from '../domain/product.ts';
import { HttpBoardService, type BoardService, type BoardView } from '../data/board-service.ts';
import {
  acceptBoardProduct,
  applyBoardQuotas,
  getBoardReads,
  markBoardItemsRead,
  sendBoardReceipts,
  type BoardRead,
  type QuotaUpdate,
} from '../data/board.ts';
import { HttpOutboxService, type OutboxService } from '../data/outbox.ts';
import { formattingLocale } from '../localization.ts';
import { kioskBase } from '../styles.ts';
import { screenStyles, tabStyles } from './screen-styles.ts';
import { OwnerController } from './owner-controller.ts';
import { RegisterFlowController } from './register-flow-controller.ts';
import { dismissibleBanner } from '../components/kiosk-banner.ts';
import { boardKindName } from '../wording/board-text.ts';

function postedDay(item: BoardItem): string {
  const at = Date.parse(item.postedAt);
  return Number.isNaN(at) ? item.postedAt.slice(0, 10) : localDay(at);
}

@customElement('kiosk-board-screen')
@localized()
export class KioskBoardScreen extends LitElement {
  /** The board as given (tests); unset: read from the terminal service. */
  @property({ attribute: false }) board?: BoardView | undefined;
  @property({ attribute: false }) boardService: BoardService = new HttpBoardService();
  @property({ attribute: false }) outbox: OutboxService = new HttpOutboxService();

  @state() private _loaded: BoardView | undefined;
  @state() private _loading = true;
  @state() private _reads = new Map<string, BoardRead>();
  @state() private _column: BoardKind = 'supply';
  @state() private _open: string | undefined;
  @state() private _notice: { tone: 'info' | 'error'; kind: string; text: string } | undefined;
  @state() private _quotaUpdate: { itemId: string; update: QuotaUpdate } | undefined;
  @state() private _busy = false;

  private readonly _owner = new OwnerController(this, () => void this._refresh());
  private readonly _register = new RegisterFlowController(this, {
    registered: (product) => {
      const item = this._items().find((i) => i.product?.code === product.code);
      if (item) void this._accept(item);
    },
    release: () => {},
  });

  static override styles = [
    kioskBase,
    screenStyles,
    tabStyles,
    css`
      .top {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
      }
      .verified {
        flex: 1;
        color: var(--kiosk-success, #1b7f3a);
        font-weight: 600;
      }
      .badge {
        margin-left: 4px;
        padding: 0 6px;
        border-radius: 8px;
        color: #fff;
        background: var(--kiosk-error);
        font-size: 14px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow: auto;
        flex: 1;
        min-height: 0;
      }
      li {
        border-bottom: 1px solid var(--kiosk-border);
      }
      li > button {
        width: 100%;
        display: flex;
        gap: 8px;
        text-align: left;
        min-height: var(--kiosk-touch-min);
        background: none;
        border: none;
      }
      li[data-unread='true'] > button {
        font-weight: 700;
      }
      .title {
        flex: 1;
      }
      .muted {
        color: var(--kiosk-text-muted);
      }
      .detail {
        display: flex;
        gap: 12px;
        padding: 6px 8px 12px;
      }
      .detail img {
        max-width: 180px;
        max-height: 140px;
        object-fit: contain;
      }
      .detail .text {
        flex: 1;
      }
      /* The supplier's line breaks, and not the template's (they were blank lines between the parts). */
      .detail .body {
        white-space: pre-wrap;
      }
      .actions {
        display: flex;
        gap: 8px;
        margin-top: 8px;
      }
      button {
        min-height: var(--kiosk-touch-min);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this._refresh();
  }

  private async _refresh(): Promise<void> {
    if (!this._owner.may('read-board')) return;
    this._reads = await getBoardReads();
    if (this.board) {
      this._loading = false;
      return;
    }
    this._loaded = await this.boardService.view();
    this._loading = false;
  }

  private _view(): BoardView | undefined {
    return this.board ?? this._loaded;
  }

  private _items(): BoardItem[] {
    return [...(this._view()?.items ?? [])].sort((a, b) => b.serial - a.serial);
  }

  override render() {
    if (!this._owner.may('read-board'))
      return this._owner.renderNeeded('read-board', msg('公告板只有店主能看：上面有本店的货源配额和客户经理的留言。'));
    if (this._register.open) return this._register.render();
    const view = this._view();
    const items = this._items();
    return html`
      <div class="top">${this._renderState(view, items)}
        <button type="button" name="import-usb" ?disabled=${this._busy} @click=${this._importUsb}>${msg('从 U 盘导入')}</button>
        <button type="button" name="send-receipts" ?disabled=${this._busy || this._reads.size === 0} @click=${this._sendReceipts}>${msg('发送回执')}</button>
      </div>
      ${this._notice ? dismissibleBanner(this._notice.tone, this._notice.kind, () => (this._notice = undefined), this._notice.text) : nothing}
      ${this._renderRefused(view)}
      <div class="tabs" role="tablist">
        ${BOARD_KINDS.map((kind) => {
          const unread = items.filter((i) => i.kind === kind && !this._reads.has(i.id)).length;
          return html`<button type="button" role="tab" data-column=${kind} aria-selected=${this._column === kind ? 'true' : 'false'} @click=${() => (this._column = kind)}>
            ${boardKindName(kind)}${unread > 0 ? html`<span class="badge" data-unread-count=${unread}>${unread}</span>` : nothing}
          </button>`;
        })}
      </div>
      <ul class="card" data-kind="items">
        ${items.filter((i) => i.kind === this._column).map((item) => this._renderItem(item))}
      </ul>
    `;
  }

  private _renderState(view: BoardView | undefined, items: BoardItem[]) {
    if (this._loading) return html`<span class="verified muted">${msg('正在读取公告…')}</span>`;
    if (!view)
      return html`<kiosk-banner tone="error" data-kind="unreachable">${msg('终端服务没有回应，读不到公告。请重启终端；仍不行请联系客户经理。')}</kiosk-banner>`;
    if (!view.pinned)
      return html`<kiosk-banner tone="error" data-kind="not-pinned"
        >${msg('还没有设置供货商的公钥，公告无法验证，一条也不收。请客户经理为终端服务设置 --collector-key。')}</kiosk-banner
      >`;
    const newest = items[0];
    if (!newest)
      return html`<kiosk-banner tone="info" data-kind="empty"
        >${msg('还没有公告。每次向供货商发送数据后会自动取回；没有网络时请客户经理带 U 盘来，插上后按「从 U 盘导入」。')}</kiosk-banner
      >`;
    return html`<span class="verified" data-kind="verified"
      >${msg(str`✓ 供货商签名已验证 · 最新一条 ${postedDay(newest)} 发布（第 ${newest.serial} 号）`)}</span
    >`;
  }

  private _renderRefused(view: BoardView | undefined) {
    if (!view || view.refused.length === 0) return nothing;
    return html`<kiosk-banner tone="error" data-kind="refused"
      >${msg(str`有 ${view.refused.length} 条公告没有通过签名验证，没有收下（可能被改动过，或不是给本店的）。请告诉客户经理。`)}</kiosk-banner
    >`;
  }

  private _renderItem(item: BoardItem) {
    const unread = !this._reads.has(item.id);
    const open = this._open === item.id;
    return html`<li data-item=${item.id} data-unread=${unread ? 'true' : 'false'}>
      <button type="button" name="open-item" aria-expanded=${open ? 'true' : 'false'} @click=${() => this._toggle(item)}>
        ${unread ? html`<span class="badge">${msg('未读')}</span>` : nothing}
        <span class="title">${item.title}</span>
        <span class="muted">${postedDay(item)} · ${item.postedBy}</span>
      </button>
      ${open ? this._renderDetail(item) : nothing}
    </li>`;
  }

  private _renderDetail(item: BoardItem) {
    const locale = formattingLocale();
    const read = this._reads.get(item.id);
    const update = this._quotaUpdate?.itemId === item.id ? this._quotaUpdate.update : undefined;
    return html`<div class="detail">
      ${item.picture ? html`<img alt=${item.product?.name ?? item.title} src=${`data:${item.picture.mediaType};base64,${item.picture.base64}`} />` : nothing}
      <div class="text">
        ${item.body ? html`<p class="body">${item.body}</p>` : nothing}
        ${
          item.product
            ? html`<p data-kind="product">${item.product.name} · ${item.product.code} · ${msg(str`建议零售价 ${formatCents(item.product.priceCents, locale)}`)}</p>
              <div class="actions">
                ${
                  read?.acceptedAt
                    ? html`<span data-kind="accepted">${msg('已加入展示')}</span>`
                    : html`<button type="button" name="accept" class="primary" ?disabled=${this._busy} @click=${() => void this._accept(item)}>${msg('加入展示')}</button>`
                }
              </div>`
            : nothing
        }
        ${
          item.quotas.length > 0
            ? html`<table>
                <tr><th>${msg('商品')}</th><th>${msg('每周配额（包）')}</th></tr>
                ${item.quotas.map((q) => html`<tr><td>${q.productName} · ${q.productCode}</td><td>${q.packsPerWeek}</td></tr>`)}
              </table>
              <div class="actions">
                <button type="button" name="apply-quotas" class="primary" ?disabled=${this._busy} @click=${() => void this._applyQuotas(item)}>
                  ${read?.quotasAppliedAt ? msg('再次更新订货配额') : msg('更新订货配额')}
                </button>
              </div>`
            : nothing
        }
        ${update ? this._renderQuotaUpdate(update) : nothing}
      </div>
    </div>`;
  }

  private _renderQuotaUpdate(update: QuotaUpdate) {
    return html`<div data-kind="quota-changes">
      <p>${msg('订货配额已更新（本周，按整条计）：')}</p>
      <table>
        <tr><th>${msg('商品')}</th><th>${msg('原来')}</th><th>${msg('现在')}</th></tr>
        ${update.changed.map(
          (c) => html`<tr data-code=${c.code}>
            <td>${c.name}</td>
            <td>${c.before ? `${c.before.units}（${c.before.periodStart}～${c.before.periodEnd}）` : msg('无')}</td>
            <td>${`${c.after.units}（${c.after.periodStart}～${c.after.periodEnd}）`}</td>
          </tr>`,
        )}
      </table>
      ${
        update.unknown.length > 0
          ? html`<p class="muted" data-kind="quota-unknown">${msg(str`本店没有这些商品，配额没有记下：${update.unknown.map((u) => u.name).join('、')}`)}</p>`
          : nothing
      }
    </div>`;
  }

  private async _toggle(item: BoardItem): Promise<void> {
    this._open = this._open === item.id ? undefined : item.id;
    if (this._open && !this._reads.has(item.id)) {
      await markBoardItemsRead([item.id]);
      this._reads = await getBoardReads();
    }
  }

  private async _accept(item: BoardItem): Promise<void> {
    const product = item.product;
    if (!product || this._busy) return;
    await this._step('board: accept', msg('没能加入展示，请再试一次。'), 'error', async () => {
      const outcome = await acceptBoardProduct(item);
      if (outcome.status === 'unknown-product') {
        // Not sold here yet: the register form, filled from the item; saving it accepts again.
        this._register.start(product.code, { name: product.name, priceCents: product.priceCents });
        return;
      }
      this._notice = { tone: 'info', kind: 'accepted', text: msg(str`「${outcome.product.name}」已加入顾客屏的展示。`) };
      this._reads = await getBoardReads();
    });
  }

  private async _applyQuotas(item: BoardItem): Promise<void> {
    await this._step('board: quotas', msg('配额没有更新，请再试一次。'), 'error', async () => {
      this._quotaUpdate = { itemId: item.id, update: await applyBoardQuotas(item) };
      this._reads = await getBoardReads();
    });
  }

  /**
   * One of the board's steps, with its buttons off while it runs; when it
   * fails, it is logged and `failed` is said in the notice (of that `kind`).
   */
  private async _step(logged: string, failed: string, kind: string, work: () => Promise<void>): Promise<void> {
    this._busy = true;
    try {
      await work();
    } catch (error) {
      console.error(logged, error);
      this._notice = { tone: 'error', kind, text: failed };
    } finally {
      this._busy = false;
    }
  }

  private _importUsb = async () => {
    this._busy = true;
    try {
      const counts = await this.boardService.importFromUsb();
      this._notice = counts
        ? {
            tone: 'info',
            kind: 'usb-import',
            text: msg(str`U 盘上：新公告 ${counts.kept} 条，已有 ${counts.known} 条，未通过验证 ${counts.refused} 条。`),
          }
        : { tone: 'error', kind: 'usb-import', text: msg('终端服务没有回应，读不了 U 盘。') };
      if (!this.board) this._loaded = await this.boardService.view();
    } finally {
      this._busy = false;
    }
  };

  private _sendReceipts = () =>
    this._step('board: receipts', msg('回执没有发出，请再试一次。'), 'receipts', async () => {
      const handOver = await sendBoardReceipts(this.outbox);
      this._notice =
        handOver.status === 'queued'
          ? { tone: 'info', kind: 'receipts', text: msg('回执已交给终端服务，联网时发给供货商。') }
          : { tone: 'error', kind: 'receipts', text: msg(str`回执没有发出：${handOver.message}`) };
    });
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-board-screen': KioskBoardScreen;
  }
}
