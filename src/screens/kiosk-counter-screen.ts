/**
 * The counter: the product just scanned, large; a short list of recent scans;
 * a red notice for a scan the service rejected; a banner when scans cannot be
 * stored; and the register form for a code the shop does not know yet.
 *
 * Scans are fed in by <kiosk-app> (showScan, showRejected); storage errors are the app's banner.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import type { Product } from '../domain/product.ts';
import { compareScans, type RejectedScan, type Scan } from '../domain/scan-protocol.ts';
import { lookupBarcode, lookupBarcodes, type BarcodeMatch } from '../data/barcodes.ts';
import { getRecentScans } from '../data/scans.ts';
import { describeStorageError, type StorageErrorKind } from '../domain/errors.ts';
import { storageKindText } from '../wording/storage-text.ts';
import { markScanShown } from '../data/metrics.ts';
import { hostColumn, kioskBase } from '../styles.ts';
import { mainAndSideStyles } from './screen-styles.ts';
import type { RecentScan } from '../components/kiosk-recent-scans.ts';
import '../components/kiosk-product-card.ts';
import '../components/kiosk-recent-scans.ts';
import { RejectedNoticeController } from './rejected-notice-controller.ts';
import { RegisterFlowController } from './register-flow-controller.ts';
import { QuietValueController } from './quiet-value-controller.ts';
import { withChildrenUpdated } from './children-updated.ts';
import { dismissibleBanner } from '../components/kiosk-banner.ts';

/** How many scans the side list keeps (it scrolls): about a busy hour at the counter. */
export const RECENT_SCANS = 50;
/** The side list follows the scans once the scanner pauses this long: unnoticed by a person, and a burst renders it once. */
export const RECENT_LIST_QUIET_MS = 150;

@customElement('kiosk-counter-screen')
@localized()
export class KioskCounterScreen extends LitElement {
  /** The product on show (after a scan or a registration), with the barcode scanned. */
  @state() private _shown?: BarcodeMatch | { product: Product; link?: undefined };
  /** The side list: the burst's scans, shown once the scanner pauses (the card shows each scan at once). */
  private readonly _recent = new QuietValueController<RecentScan[]>(this, [], RECENT_LIST_QUIET_MS);
  @state() private _lookupError?: { code: string; kind: StorageErrorKind };

  private _scanCounter = 0;
  private readonly _rejected = new RejectedNoticeController(this);
  /** The register form for an unknown code; scans while the owner types there are shown after it. */
  private readonly _register = new RegisterFlowController(this, {
    registered: (product) => {
      this._shown = { product };
      this._recent.set(this._recent.value.map((r) => (r.scan.code === product.code ? { ...r, product } : r)));
      this._recent.flush();
    },
    release: (scan) => this._showHeld(scan),
  });

  static override styles = [
    kioskBase,
    hostColumn,
    mainAndSideStyles,
    css`
      :host {
        gap: var(--kiosk-gap);
        padding: var(--kiosk-gap);
        min-height: 0;
        box-sizing: border-box;
        background: var(--kiosk-bg);
        --side-width: 300px;
      }
      :host([registering]) .row {
        grid-template-columns: minmax(0, 1fr);
      }
      :host([registering]) kiosk-recent-scans {
        display: none;
      }
      .main {
        min-height: 0;
        display: flex;
        flex-direction: column;
        /* Last resort when several banners squeeze the form: scroll, never cut off Save. */
        overflow-y: auto;
      }
      kiosk-product-card {
        flex: 1;
      }
      .idle {
        gap: 16px;
        background: var(--kiosk-surface);
        border-radius: var(--kiosk-radius);
        box-shadow: var(--kiosk-shadow);
        padding: 24px;
      }
      .idle .bars {
        display: flex;
        gap: 5px;
        height: 72px;
        align-items: stretch;
        opacity: 0.5;
      }
      .idle .bars span {
        background: var(--kiosk-text);
        border-radius: 1px;
      }
      .idle .prompt {
        font-size: 40px;
        font-weight: 700;
        color: var(--kiosk-text);
      }
      .idle .sub {
        font-size: var(--kiosk-font-body);
      }
      .idle.unknown .prompt {
        color: var(--kiosk-warn);
      }
      .held button {
        margin-left: 8px;
      }
      strong {
        font-weight: 700;
      }
    `,
  ];

  override connectedCallback() {
    super.connectedCallback();
    void this._loadRecent();
  }

  /** Waits for the children too, so "updated" means the product is on the glass. */
  protected override getUpdateComplete(): Promise<boolean> {
    return withChildrenUpdated(
      super.getUpdateComplete(),
      this.renderRoot,
      'kiosk-product-card, kiosk-register-form, kiosk-recent-scans, kiosk-rejected-notice, kiosk-banner',
    );
  }

  /**
   * Show a scan: its product large, or the register form for an unknown code.
   * Resolves once it is rendered (and marks the scan shown for the benchmark).
   * A scan id already on screen (re-offered after a reconnect) is not shown again.
   */
  async showScan(scan: Scan): Promise<void> {
    await this.showScans([scan]);
  }

  /**
   * A burst of scans (a backlog after the page was down, or scans that came
   * while the last ones were being shown): all join the recent list, only the
   * newest is shown, and their products are read in one go. One render for the
   * burst, not one per scan, so a week's backlog drains in seconds.
   */
  async showScans(scans: readonly Scan[]): Promise<void> {
    const known = new Set(this._recent.value.map((e) => e.scan.id));
    const fresh = scans.filter((scan) => !known.has(scan.id));
    if (fresh.length === 0) return;
    const order = ++this._scanCounter;
    // Only the newest can still be in the list after this burst.
    const listed = fresh.slice(-RECENT_SCANS);
    const newest = listed[listed.length - 1]!;
    let matches: Array<BarcodeMatch | undefined>;
    try {
      matches = await lookupBarcodes(listed.map((scan) => scan.code));
      if (this._lookupError) this._lookupError = undefined;
    } catch (error) {
      console.error('lookupBarcodes failed', error);
      matches = listed.map(() => undefined);
      this._lookupError = { code: newest.code, kind: describeStorageError(error) };
    }
    this._addRecent(listed.map((scan, i) => recentScan(scan, matches[i])));

    if (!this._lookupError) {
      // Never throw away what the owner has typed: the scans are shown after the form.
      let held = false;
      for (const scan of listed) held = this._register.hold(scan) || held;
      // A later burst overtook this one during the lookup: it only joins the list.
      if (!held && order === this._scanCounter) {
        this._rejected.clear();
        this._show(newest.code, matches[matches.length - 1]);
      }
    }
    await this.updateComplete;
    for (const scan of fresh) markScanShown(scan.id);
    // Each scan renders the card alone (the list waits for a pause): cheap
    // enough at a Pi's speed to draw every scan as it comes, without holding
    // the next one back for a frame.
  }

  private _show(code: string, match: BarcodeMatch | undefined): void {
    if (match) {
      this._register.close();
      this._shown = match;
    } else {
      this._shown = undefined;
      this._register.start(code);
    }
  }

  /** A scan held while the form was open, shown now (its product may have been registered meanwhile). */
  private async _showHeld(scan: Scan): Promise<void> {
    try {
      this._show(scan.code, await lookupBarcode(scan.code));
    } catch (error) {
      console.error('lookupBarcode failed', error);
      this._lookupError = { code: scan.code, kind: describeStorageError(error) };
    }
  }

  /** A scan the service refused: say why, leave everything else as it is. */
  showRejected(rejected: RejectedScan): void {
    this._rejected.show(rejected);
  }

  protected override willUpdate() {
    // The form needs the whole width: the recent list steps aside.
    this.toggleAttribute('registering', this._register.open);
  }

  override render() {
    const notices = this._renderNotices();
    return html`
      ${notices.length > 0 ? html`<div class="notices">${notices}</div>` : nothing}
      <div class="row">
      <div class="main">
        ${
          this._register.open
            ? this._register.render()
            : this._shown
              ? html`<kiosk-product-card .product=${this._shown.product} .link=${this._shown.link}></kiosk-product-card>`
              : this._renderIdle()
        }
      </div>
      <kiosk-recent-scans .entries=${this._recent.shown}></kiosk-recent-scans>
      </div>
    `;
  }

  private _renderIdle() {
    const bars = [3, 1, 2, 1, 4, 1, 1, 3, 2, 1, 3, 1, 2, 4, 1, 2, 1, 3];
    return html`<div class="idle">
      <div class="bars" aria-hidden="true">${bars.map((w) => html`<span style="width:${w * 3}px"></span>`)}</div>
      <div class="prompt">${msg('请扫描商品条码')}</div>
      <div class="sub">${msg('扫描后这里会显示商品名称、价格和库存')}</div>
    </div>`;
  }

  private _renderNotices() {
    const notices = [];
    if (this._rejected.rejected) notices.push(this._rejected.render());
    if (this._lookupError) {
      notices.push(
        dismissibleBanner(
          'error',
          `lookup-${this._lookupError.kind}`,
          () => (this._lookupError = undefined),
          html`<strong>${msg(str`查不到条码 ${displayCode(this._lookupError.code)} 的商品信息。`)}</strong>
            ${storageKindText(this._lookupError.kind)}`,
        ),
      );
    }
    const held = this._register.held;
    if (held.length > 0) {
      const last = held[held.length - 1]!;
      const name = this._recent.value.find((r) => r.scan.id === last.id)?.product?.name ?? displayCode(last.code);
      notices.push(html`<kiosk-banner tone="info" class="held" data-kind="held"
        >${
          held.length === 1
            ? msg(str`刚扫到「${name}」。请先保存或取消正在登记的商品；之后会显示它。`)
            : msg(str`刚扫到 ${held.length} 件商品，最后一件是「${name}」。请先保存或取消正在登记的商品；之后会逐一显示。`)
        }</kiosk-banner
      >`);
    }
    return notices;
  }

  private _addRecent(entries: readonly RecentScan[]) {
    const ids = new Set(entries.map((e) => e.scan.id));
    const rest = this._recent.value.filter((e) => !ids.has(e.scan.id));
    this._recent.set(newestFirst([...entries, ...rest]));
  }

  /** Fill the side list from the database after a reload; live scans stay on top. */
  private async _loadRecent() {
    try {
      const stored = await getRecentScans(RECENT_SCANS);
      const known = new Set(this._recent.value.map((e) => e.scan.id));
      const unseen = stored.filter((scan) => !known.has(scan.id));
      if (unseen.length === 0) return;
      const matches = await lookupBarcodes(unseen.map((scan) => scan.code));
      const older = unseen.map((scan, i) => recentScan(scan, matches[i]));
      this._recent.set(newestFirst([...this._recent.value, ...older]));
      this._recent.flush();
    } catch (error) {
      // The list is a convenience; live scans still show.
      console.warn('could not load recent scans', error);
    }
  }
}

/** A scan for the side list: its product and the barcode's link (a carton's price is the carton's). */
function recentScan(scan: Scan, match: BarcodeMatch | undefined): RecentScan {
  return match ? { scan, product: match.product, link: match.link } : { scan };
}

/** Journal order (boot, seq), never the wall clock; lookups may finish out of order. */
function newestFirst(entries: RecentScan[]): RecentScan[] {
  return entries.sort((a, b) => compareScans(b.scan, a.scan)).slice(0, RECENT_SCANS);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-counter-screen': KioskCounterScreen;
  }
}
