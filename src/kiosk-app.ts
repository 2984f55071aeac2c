/**
 * Root of the kiosk page: top bar (title, scanner state, language), the mode
 * bar (销售 / 入库 / 盘点 / 调整 / 查询 / 订货 / 商品, the active one in its colour), the
 * active mode's screen, and the wiring between the scan stream and that screen.
 *
 * Modes: 'sell' by default, remembered in localStorage across reloads. Only the
 * active mode's screen is rendered; each keeps its work in IndexedDB (an open
 * basket, delivery or stocktake) and resumes it when shown again.
 *
 * Scans in look-up and order mode go to their screen at once (order mode jumps
 * to the product's line; neither writes stock). In the
 * modes that write (sell, receive, stocktake, adjust) a scan is handed over only
 * once it is stored, and only if it was not stored before: the service re-offers
 * every scan it has no ack for (after a reconnect or a reload), and a re-offered
 * scan must never sell or receive a second time. The cost is one group commit
 * of delay before the scan shows.
 *
 * In 销售 and 入库 the scan's effect is written in the transaction that stores it
 * (storeAndApplyScans): it goes into the open sale or delivery of the mode the
 * page was in when the scan ARRIVED, and the screen is only told what changed.
 * So a tab dying between store and screen loses nothing: the line is in the
 * basket, and the screen reads it back when it starts. A scan that arrived but
 * was not stored yet comes back from the service as a new arrival, in the mode
 * shown then (the mode is remembered across reloads). In 盘点 and 调整 a scan only
 * picks the product on screen (the count or adjustment is written by the
 * owner's tap), so there is nothing durable to apply.
 *
 * Keyboard-wedge scanners: see src/screens/wedge-input-controller.ts.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { provide } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { connectionContext, scannerStatesContext, type ServiceConnection } from './context.ts';
import type { JournalState, RejectedScan, Scan, ScannerState } from './domain/scan-protocol.ts';
import { subscribeScanStream, type ScanStreamOptions } from './data/scan-stream.ts';
import { countProducts, loadProductCatalog } from './data/products.ts';
import { DB_NAME, DEMO_DB_NAME, onRollupBackfill, useDatabase } from './data/db.ts';
import { askForOwner, currentSession, hasOwner, noteActivity, roleEvents, signOut, type Role } from './data/roles.ts';
import { storeAndApplyScans, type ScanTarget, type StoreScanResult } from './data/scans.ts';
import type { BasketScanEffect } from './data/sessions.ts';
import { describeStorageError, requestPersistentStorage, type StorageErrorKind } from './data/storage.ts';
import type { KioskModeChangeEvent } from './components/kiosk-mode-bar.ts';
import { isKioskMode, modeName, type KioskMode } from './wording/mode-text.ts';
import './screens/kiosk-counter-screen.ts';
import './screens/kiosk-sell-screen.ts';
import './screens/kiosk-receive-screen.ts';
import './screens/kiosk-stocktake-screen.ts';
import './screens/kiosk-adjust-screen.ts';
import './components/kiosk-mode-bar.ts';
import './components/kiosk-scanner-status.ts';
import './components/kiosk-language-switch.ts';
import './components/kiosk-banner.ts';
import './components/kiosk-app-banners.ts';
import type { AppNotices, KioskAppNoticeDismissedEvent } from './components/kiosk-app-banners.ts';
import './screens/kiosk-session-chip.ts';
import './screens/kiosk-pin-gate.ts';
import './screens/kiosk-staff-panel.ts';
import type { KioskPinGate } from './screens/kiosk-pin-gate.ts';
import { HttpMaintenanceService, clockLooksWrong, type ClockReport, type MaintenanceService } from './data/maintenance-service.ts';
import { kioskAppStyles } from './kiosk-app-styles.ts';
import { WedgeInputController } from './screens/wedge-input-controller.ts';

/** What <kiosk-app> asks of every mode's screen. */
interface ModeScreen extends HTMLElement {
  /** `effect`: what the scan already did to the basket, in the transaction that stored it (销售, 入库). */
  showScan?(scan: Scan, effect?: BasketScanEffect): unknown;
  /** Look-up scans that came together: all join the screen's history, the newest is shown. */
  showScans?(scans: readonly Scan[]): unknown;
  showRejected?(rejected: RejectedScan): unknown;
}

/**
 * Modes loaded on first use, so the counter starts with what selling needs:
 * the order screen brings the reorder engine, uPlot and the CSV writer; the
 * catalog screen the supplier-CSV import (papaparse).
 */
const LAZY_SCREENS: Partial<Record<KioskMode, () => Promise<unknown>>> = {
  order: () => import('./screens/kiosk-order-screen.ts'),
  catalog: () => import('./screens/kiosk-catalog-screen.ts'),
  // The business report brings its own charts and CSV writer (issue 10).
  report: () => import('./screens/kiosk-report-screen.ts'),
  // The rep's visit (issue 12): only ever shown in a rep or owner session.
  visit: () => import('./screens/kiosk-visit-screen.ts'),
  // The supplier's board (issue 15): owner only.
  board: () => import('./screens/kiosk-board-screen.ts'),
};

/** The page was opened as the demo shop (`?demo`, as `npm start -- --demo` opens it). */
export function isDemoPage(): boolean {
  return new URLSearchParams(location.search).has('demo');
}

/** Movements from which the report's back-fill shows its progress (fewer take under a second or two). */
const BACKFILL_SHOWN_FROM = 20_000;

/** How often the page asks the service whether the clock can be trusted. */
const CLOCK_CHECK_EVERY_MS = 10 * 60_000;

/** Where the chosen mode is remembered across reloads and reboots. */
export const MODE_STORAGE_KEY = 'kiosk.mode';

/** The remembered mode, or selling. */
export function savedMode(): KioskMode {
  try {
    const saved = localStorage.getItem(MODE_STORAGE_KEY);
    if (isKioskMode(saved)) return saved;
  } catch {
    // Storage unavailable: start in the default mode.
  }
  return 'sell';
}

/** Modes whose screen writes stock: a scan reaches them only once, after it is stored. */
const WRITING_MODES: ReadonlySet<KioskMode> = new Set(['sell', 'receive', 'stocktake', 'adjust']);

/** The basket a scan arriving in this mode goes into, in the transaction that stores it. */
function basketOfMode(mode: KioskMode | undefined): ScanTarget | undefined {
  return mode === 'sell' ? 'sale' : mode === 'receive' ? 'delivery' : undefined;
}

// Decorators apply bottom-up: @localized must hook the class before @customElement
// defines it, because defining upgrades the <kiosk-app> already in index.html at once
// and that instance would otherwise never follow a language switch.
@customElement('kiosk-app')
@localized()
export class KioskApp extends LitElement {
  /**
   * Passed to subscribeScanStream when the app connects (tests hand in a fake
   * socket or store). Default: the service at this page's host.
   */
  @property({ attribute: false }) streamOptions?: ScanStreamOptions;
  /**
   * The demo shop (src/data/demo-shop.ts): everything goes to its own database,
   * loaded on first start, marked on screen, removable in one tap. Set before
   * the app is connected; by default from the page's address.
   */
  @property({ type: Boolean, reflect: true }) demo = isDemoPage();
  /** The service's backups, clock and version (tests hand in a fake). */
  @property({ attribute: false }) maintenanceService: MaintenanceService = new HttpMaintenanceService();

  // Read by the consumers through the contexts, hence protected rather than private.
  @provide({ context: scannerStatesContext })
  @state()
  protected _scanners: ScannerState[] = [];

  @provide({ context: connectionContext })
  @state()
  protected _connection: ServiceConnection = 'connecting';

  @state() private _persistDenied = false;
  @state() private _wedgeUnsent = false;
  /** The counter mode; the screen shown and where scans go. */
  @state() private _mode: KioskMode = savedMode();
  @state() private _storeError?: StorageErrorKind | undefined;
  /** A mode whose screen could not be loaded (its file missing after a bad update). */
  @state() private _screenLoadFailed?: KioskMode | undefined;
  /** The shop's database has no product yet: offer the demo shop. */
  @state() private _firstRun = false;
  @state() private _demoState?: 'loading' | 'ready' | 'failed' | 'not-allowed' | undefined;
  /** Bumped when the data under the screens changed at once (the demo shop loaded): the screen starts afresh. */
  @state() private _dataGeneration = 0;
  /** The service's scan journal cannot write (full or read-only disk): scans are NOT being recorded. */
  @state() private _journal: JournalState['status'] = 'ok';
  /** Another window subscribed to the counter scans; this one no longer takes them. */
  @state() private _replaced = false;
  /** The business report's rollups being built from an older ledger (the v4 upgrade), when it is long. */
  @state() private _reportBackfill?: { done: number; total: number } | undefined;

  /** This database has no owner PIN yet: the first-run screen is offered (issue 10). */
  @state() private _noOwnerPin = false;
  /** The owner's panel (staff, audit log, idle lock) is open. */
  @state() private _staffPanel = false;
  /** The owner's 数据安全 panel (backups, restore, storage, clock, version) is open. */
  @state() private _maintenancePanel = false;
  /** The service says the date may be wrong (clock not synchronised, or it jumped). */
  @state() private _clock?: ClockReport | undefined;
  @state() private _clockDismissed = false;
  /** Customer mode: the customer display covers this screen (a one-screen terminal). */
  @state() private _customerMode = false;
  /** Who is signed in: the visit mode is a rep's (and the owner's, to confirm) only (issue 12). */
  @state() private _role?: Role | undefined;
  /** The weekly rep visit is overdue: the owner's home says so. */
  @state() private _visitOverdue = '';
  /** The demo shop's database is being deleted: nothing may open it again (an open would re-create it). */
  private _removingDemo = false;

  @query('[data-mode-screen]') private _screen?: ModeScreen;
  @query('kiosk-pin-gate') private _gate?: KioskPinGate;

  private _unsubscribe?: () => void;
  // Hears every key from connect to disconnect; the banner says when a scanned line could not be sent.
  protected readonly _wedge = new WedgeInputController(this, () => (this._wedgeUnsent = true));
  private _askedPersist = false;
  private _clockTimer?: ReturnType<typeof setInterval> | undefined;
  /** The mode each scan arrived in, until it is stored: that decides what it does. */
  private readonly _arrivedIn = new Map<string, KioskMode>();
  /** What a stored scan did to its basket, until the screen is told. */
  private readonly _effects = new Map<string, BasketScanEffect>();
  private readonly _screenLoads = new Map<KioskMode, Promise<unknown>>();
  /** Look-up scans waiting while the screen shows the previous ones. */
  private _lookupsWaiting: Scan[] = [];
  private _showingLookups = false;

  static override styles = kioskAppStyles;

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('contextmenu', this._preventDefault);
    window.addEventListener('dragstart', this._preventDefault);
    // Any touch or key keeps an open role session from locking itself.
    window.addEventListener('pointerdown', noteActivity, true);
    window.addEventListener('keydown', noteActivity, true);
    roleEvents.addEventListener('change', this._roleChanged);
    // Before anything opens it: a demo page never opens the shop's own database.
    useDatabase(this.demo ? DEMO_DB_NAME : DB_NAME);
    // A big ledger takes a while to roll up on the first start after the update: say so, with progress.
    onRollupBackfill((done, total) => {
      this._reportBackfill = total >= BACKFILL_SHOWN_FROM && done < total ? { done, total } : undefined;
    });
    this._unsubscribe = subscribeScanStream(
      {
        onArrive: (scan) => this._arrivedIn.set(scan.id, this._mode),
        onScan: (scan, stored) => {
          const mode = this._arrivedIn.get(scan.id) ?? this._mode;
          if (!WRITING_MODES.has(mode)) void this._showLookup(scan);
          const forget = () => {
            this._arrivedIn.delete(scan.id);
            this._effects.delete(scan.id);
          };
          stored.then(
            (result) => {
              this._storeError = undefined;
              this._afterStored(scan, result, mode);
              forget();
            },
            forget, // only when unsubscribed: nothing to show then
          );
        },
        onRejected: (rejected) => void this._withScreen((screen) => screen.showRejected?.(rejected)),
        onStoreError: (_scan, error) => (this._storeError = describeStorageError(error)),
        onScanners: (states) => (this._scanners = states),
        onJournal: (journal) => (this._journal = journal.status),
        onReplaced: () => (this._replaced = true),
        onConnection: (status) => {
          this._connection = status;
          if (status === 'open') this._wedgeUnsent = false;
        },
      },
      this._streamOptions(),
    );
    void this.checkClock();
    this._clockTimer = setInterval(() => void this.checkClock(), CLOCK_CHECK_EVERY_MS);
    // A session open before the page's shell came (tests; the shell put back): the visit mode follows it.
    if (currentSession()) this._followRole();
    if (!this._askedPersist) {
      this._askedPersist = true;
      void requestPersistentStorage().then((result) => (this._persistDenied = result === 'denied'));
      void this._startData();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    onRollupBackfill(undefined);
    window.removeEventListener('contextmenu', this._preventDefault);
    window.removeEventListener('dragstart', this._preventDefault);
    window.removeEventListener('pointerdown', noteActivity, true);
    window.removeEventListener('keydown', noteActivity, true);
    roleEvents.removeEventListener('change', this._roleChanged);
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    clearInterval(this._clockTimer);
  }

  /** Ask the service about the clock; a warning on the main screen when the date looks wrong. */
  async checkClock(): Promise<void> {
    const clock = await this.maintenanceService.clock().catch(() => undefined);
    // A new reason to warn shows the banner again even if the last one was dismissed.
    if (clockLooksWrong(clock) && !clockLooksWrong(this._clock)) this._clockDismissed = false;
    this._clock = clock;
  }

  protected override willUpdate() {
    void this._loadScreen(this._mode);
    // For the end-to-end tests and the benchmark: wait for kiosk-app[data-connection="open"].
    this.dataset.connection = this._connection;
    this.dataset.mode = this._mode;
    // The demo shop's loading state, for the screenshot script and tests.
    if (this._demoState) this.dataset.demo = this._demoState;
  }

  private _roleChanged = () => {
    void this._checkOwnerPin();
    this._followRole();
  };

  /**
   * The visit mode follows the session: a rep signing in goes to the visit
   * (the open one resumes), and when nobody who may see it is signed in any
   * more the counter goes back to selling. While the PIN pad is open (the
   * owner confirming a visit signs the rep out, then the owner in) this waits
   * for it to close.
   */
  private _followRole = () => {
    if (this._gate?.hasAttribute('open')) return;
    const role = currentSession()?.role;
    const was = this._role;
    this._role = role;
    if (role === 'rep' && was !== 'rep') this.setMode('visit');
    else if (role !== 'rep' && role !== 'owner' && this._mode === 'visit') this.setMode('sell');
    void this._checkVisitCadence(role);
  };

  private async _checkVisitCadence(role: Role | undefined): Promise<void> {
    if (role !== 'owner') {
      this._visitOverdue = '';
      return;
    }
    try {
      const [{ getVisitCadence }, { visitCadenceText }] = await Promise.all([
        import('./data/visits.ts'),
        import('./wording/visit-text.ts'),
      ]);
      // The owner's PIN that removes the demo shop signs the owner in too: reading now would re-create its database.
      if (this._removingDemo) return;
      const cadence = await getVisitCadence();
      this._visitOverdue = cadence.kind !== 'exempt' && cadence.overdue ? visitCadenceText(cadence) : '';
    } catch (error) {
      console.warn('could not read the visit cadence', error);
    }
  }

  private async _checkOwnerPin(): Promise<void> {
    try {
      this._noOwnerPin = !(await hasOwner());
    } catch {
      // The database could not be read: the banners above say so.
    }
  }

  private async _startData(): Promise<void> {
    void this._checkOwnerPin();
    if (this.demo) {
      this._demoState = 'loading';
      try {
        const { loadDemoShop } = await import('./data/demo-shop.ts');
        if ((await loadDemoShop()) === 'loaded') this._dataGeneration++;
        this._demoState = 'ready';
      } catch (error) {
        console.error('could not load the demo shop', error);
        this._demoState = 'failed';
      }
      return;
    }
    try {
      await loadProductCatalog();
      this._firstRun = (await countProducts()) === 0;
    } catch (error) {
      // Failing here only costs speed: lookups fall back to IndexedDB.
      console.warn('could not load the catalog into memory', error);
    }
  }

  /** Open the demo shop (its own database, this page reloaded with ?demo). */
  protected openDemo(): void {
    location.assign(`${location.pathname}?demo`);
  }

  /** Back to the shop's own data. */
  protected leaveDemo(): void {
    location.assign(location.pathname);
  }

  private _removeDemo = async () => {
    if (!(await askForOwner('remove-demo'))) {
      this._demoState = 'not-allowed';
      return;
    }
    this._removingDemo = true;
    const { removeDemoShop } = await import('./data/demo-shop.ts');
    await removeDemoShop();
    this.dispatchEvent(new Event('kiosk-demo-removed', { bubbles: true, composed: true }));
    this.leaveDemo();
  };

  /** Load a lazily loaded mode's screen (once); resolves when its element is defined. */
  private _loadScreen(mode: KioskMode): Promise<unknown> {
    const load = LAZY_SCREENS[mode];
    if (!load) return Promise.resolve();
    let loading = this._screenLoads.get(mode);
    if (!loading) {
      loading = load().then(
        () => {
          if (this._screenLoadFailed === mode) this._screenLoadFailed = undefined;
        },
        (error: unknown) => {
          console.error(`could not load the ${mode} screen`, error);
          this._screenLoads.delete(mode); // the next switch to it tries again
          this._screenLoadFailed = mode;
        },
      );
      this._screenLoads.set(mode, loading);
    }
    return loading;
  }

  /** The active counter mode. */
  get mode(): KioskMode {
    return this._mode;
  }

  /** Switch mode (as a tap on the mode bar does) and remember it. */
  setMode(mode: KioskMode): void {
    if (mode === this._mode) return;
    // Only a rep or the owner: a customer at the counter never reaches the visit.
    if (mode === 'visit' && this._role !== 'rep' && this._role !== 'owner') return;
    this._mode = mode;
    try {
      localStorage.setItem(MODE_STORAGE_KEY, mode);
    } catch {
      // Storage full or blocked: the mode holds until the next reload.
    }
  }

  override render() {
    return html`
      <header>
        <div class="brand">
          <span class="logo" aria-hidden="true"><span></span></span>
          <h1>${msg('柜台终端')}</h1>
        </div>
        <kiosk-scanner-status></kiosk-scanner-status>
        ${
          this.demo
            ? html`<div class="demo" data-kind="demo-marker">
              <!-- In both languages whatever the switch says: nobody may take this for the shop's books. -->
              <span class="demo-mark">演示数据 demo data</span>
              <button name="remove-demo" @click=${this._removeDemo}>${msg('删除演示数据')}</button>
            </div>`
            : nothing
        }
        <button name="customer-mode" @click=${this.enterCustomerMode}>${msg('顾客模式')}</button>
        <kiosk-session-chip @kiosk-sign-in=${() => void this._gate?.signIn()} @kiosk-manage-staff=${this._openStaffPanel}></kiosk-session-chip>
        <kiosk-language-switch></kiosk-language-switch>
      </header>
      <kiosk-mode-bar
        .mode=${this._mode}
        ?visit=${this._role === 'rep' || this._role === 'owner'}
        @kiosk-mode-change=${this._onModeChange}
      ></kiosk-mode-bar>
      <kiosk-app-banners
        .notices=${this._notices()}
        @kiosk-app-notice-dismissed=${this._onNoticeDismissed}
        @kiosk-demo-requested=${() => this.openDemo()}
        @kiosk-set-owner-pin=${() => void this._gate?.setOwner()}
      ></kiosk-app-banners>
      ${keyed(this._dataGeneration, this._renderScreen())}
      ${
        this._staffPanel
          ? html`<kiosk-staff-panel
            @kiosk-staff-panel-closed=${() => (this._staffPanel = false)}
            @kiosk-maintenance-requested=${this._openMaintenance}
          ></kiosk-staff-panel>`
          : nothing
      }
      ${
        this._maintenancePanel
          ? html`<kiosk-maintenance-panel
            .service=${this.maintenanceService}
            @kiosk-maintenance-panel-closed=${() => {
              this._maintenancePanel = false;
              void this.checkClock();
            }}
            @kiosk-restored=${() => this.reloadPage()}
            @kiosk-update-installed=${() => this.reloadPage()}
          ></kiosk-maintenance-panel>`
          : nothing
      }
      ${
        this._customerMode
          ? html`<div class="customer-mode" data-kind="customer-mode">
            <kiosk-display-app></kiosk-display-app>
            <button name="leave-customer-mode" @click=${this.leaveCustomerMode}>${msg('店主')}</button>
          </div>`
          : nothing
      }
      <kiosk-pin-gate @kiosk-pin-gate-closed=${this._followRole}></kiosk-pin-gate>
    `;
  }

  /**
   * The customer display over this screen. The counter's scanner keeps selling
   * underneath (the display shows the basket live); the display does not take
   * the display scanner's scans here, a /display page may have them.
   */
  enterCustomerMode = () => {
    // Loaded on first use, like the other modes: selling starts without the display's code.
    // The overlay shows at once; <kiosk-display-app> upgrades when its module has arrived.
    import('./kiosk-display-app.ts').catch((error: unknown) => {
      console.error('customer mode: the display did not load', error);
      this._customerMode = false;
    });
    this._customerMode = true;
    // The screen is the customer's now: an open owner session would let any tap on 店主 back in.
    if (currentSession()) void signOut('lock-button');
    // Already full screen in kiosk mode; in a normal window the browser may refuse: the overlay still covers the page.
    document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  /** Back to the counter: only for the owner (a customer must not reach the counter's screens). */
  leaveCustomerMode = async () => {
    if (!(await askForOwner('leave-customer-mode'))) return;
    this._customerMode = false;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };

  get customerMode(): boolean {
    return this._customerMode;
  }

  private _renderScreen() {
    switch (this._mode) {
      case 'sell':
        return html`<kiosk-sell-screen data-mode-screen aria-label=${modeName('sell')}></kiosk-sell-screen>`;
      case 'receive':
        return html`<kiosk-receive-screen data-mode-screen aria-label=${modeName('receive')}></kiosk-receive-screen>`;
      case 'stocktake':
        return html`<kiosk-stocktake-screen data-mode-screen aria-label=${modeName('stocktake')}></kiosk-stocktake-screen>`;
      case 'adjust':
        return html`<kiosk-adjust-screen data-mode-screen aria-label=${modeName('adjust')}></kiosk-adjust-screen>`;
      case 'order':
        return html`<kiosk-order-screen data-mode-screen aria-label=${modeName('order')}></kiosk-order-screen>`;
      case 'catalog':
        return html`<kiosk-catalog-screen data-mode-screen aria-label=${modeName('catalog')}></kiosk-catalog-screen>`;
      case 'lookup':
        return html`<kiosk-counter-screen data-mode-screen aria-label=${modeName('lookup')}></kiosk-counter-screen>`;
      case 'report':
        return html`<kiosk-report-screen data-mode-screen aria-label=${modeName('report')}></kiosk-report-screen>`;
      case 'board':
        return html`<kiosk-board-screen data-mode-screen aria-label=${modeName('board')}></kiosk-board-screen>`;
      case 'visit':
        // Its checklist opens 盘点 and 订货 with the same event as the mode bar.
        return html`<kiosk-visit-screen data-mode-screen aria-label=${modeName('visit')} @kiosk-mode-change=${this._onModeChange}></kiosk-visit-screen>`;
    }
  }

  /** The options given, storing through _storeBatch unless they bring their own store (tests). */
  private _streamOptions(): ScanStreamOptions {
    const given = this.streamOptions ?? {};
    if (given.store || given.storeBatch) return given;
    return { ...given, storeBatch: (scans) => this._storeBatch(scans) };
  }

  /** Store a batch, each scan applied to the basket of the mode it arrived in, in one transaction. */
  private async _storeBatch(scans: Scan[]): Promise<StoreScanResult[]> {
    const outcomes = await storeAndApplyScans(
      scans.map((scan) => ({ scan, into: basketOfMode(this._arrivedIn.get(scan.id) ?? this._mode) })),
    );
    return outcomes.map(({ result, effect }, i) => {
      if (effect) this._effects.set(scans[i]!.id, effect);
      return result;
    });
  }

  /**
   * A scan is stored: the writing mode it arrived in gets it now, and only the
   * first time it is stored. A 'duplicate' was stored (and applied) in an earlier
   * life of the page; doing it again would sell or receive twice. If the owner
   * switched modes meanwhile, the screen now shown is not told: the scan is
   * already in its own mode's basket, which that screen reads when shown again.
   */
  private _afterStored(scan: Scan, result: StoreScanResult, arrivedIn: KioskMode) {
    if (!WRITING_MODES.has(arrivedIn) || result !== 'stored' || arrivedIn !== this._mode) return;
    const effect = this._effects.get(scan.id);
    void this._withScreen((screen) => screen.showScan?.(scan, effect));
  }

  private _openStaffPanel = async () => {
    if (await askForOwner('read-audit')) this._staffPanel = true;
  };

  /** What the banners show, from the shell's state. */
  private _notices(): AppNotices {
    return {
      replaced: this._replaced,
      journal: this._journal,
      clock: this._clockWarning() ? this._clock : undefined,
      persistDenied: this._persistDenied,
      wedgeUnsent: this._wedgeUnsent,
      storeError: this._storeError,
      firstRun: this._firstRun,
      noOwnerPin: this._noOwnerPin,
      visitOverdue: this._visitOverdue,
      reportBackfill: this._reportBackfill,
      demoState: this._demoState,
      screenLoadFailed: this._screenLoadFailed,
    };
  }

  private _onNoticeDismissed = (e: KioskAppNoticeDismissedEvent) => {
    switch (e.detail) {
      case 'clock':
        this._clockDismissed = true;
        return;
      case 'persist':
        this._persistDenied = false;
        return;
      case 'wedge':
        this._wedgeUnsent = false;
        return;
      case 'first-run':
        this._firstRun = false;
        return;
      case 'visit-overdue':
        this._visitOverdue = '';
        return;
      case 'demo-not-allowed':
        this._demoState = 'ready';
        return;
    }
  };

  private _clockWarning(): boolean {
    return !this._clockDismissed && clockLooksWrong(this._clock);
  }

  /** The 数据安全 panel, loaded on first use (selling does not need it). */
  private _openMaintenance = async () => {
    if (!(await askForOwner('restore'))) return;
    await import('./screens/kiosk-maintenance-panel.ts');
    this._staffPanel = false;
    this._maintenancePanel = true;
  };

  /** Open the 数据安全 panel (as 管理 → 数据安全 does). */
  openMaintenance(): Promise<void> {
    return this._openMaintenance();
  }

  /** After a restore or an installed update: every screen and cache starts afresh (the new app, the restored data). */
  protected reloadPage(): void {
    location.reload();
  }

  private _onModeChange = (e: KioskModeChangeEvent) => {
    this.setMode(e.detail);
  };

  /**
   * A scan in a mode that only shows (查询, 订货, 商品) goes to the screen at once,
   * unless the screen is still showing earlier ones: then it waits, and all that
   * waited go over together. A single scan is never delayed, and a burst (a
   * backlog after the page was down) costs one screen update per batch instead
   * of one per scan. A screen without showScans is shown the newest only: in
   * these modes a scan just picks what is on screen.
   */
  private async _showLookup(scan: Scan): Promise<void> {
    this._lookupsWaiting.push(scan);
    if (this._showingLookups) return;
    this._showingLookups = true;
    try {
      while (this._lookupsWaiting.length > 0) {
        const scans = this._lookupsWaiting;
        this._lookupsWaiting = [];
        await this._withScreen((screen) =>
          screen.showScans ? screen.showScans(scans) : screen.showScan?.(scans[scans.length - 1]!),
        ).catch((error: unknown) => console.error('showing a scan failed', error));
      }
    } finally {
      this._showingLookups = false;
    }
  }

  /** Scans can arrive before the first render; they wait for the screen. */
  private async _withScreen(call: (screen: ModeScreen) => unknown): Promise<void> {
    if (!this.hasUpdated) await this.updateComplete;
    if (LAZY_SCREENS[this._mode]) {
      // A lazily loaded screen takes its scans once its element is defined.
      await this._loadScreen(this._mode);
      await this.updateComplete;
    }
    const screen = this._screen;
    if (screen) await call(screen);
  }

  private _preventDefault = (e: Event) => {
    e.preventDefault();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-app': KioskApp;
  }
}
