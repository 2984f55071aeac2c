/**
 * Root of the kiosk page: top bar (title, scanner state, language), the mode
 * bar (销售 / 入库 / 盘点 / 调整 / 查询 / 订货 / 商品, the active one in its colour), the
 * active mode's screen, and the wiring between the scan stream and that screen.
 *
 * Modes: 'sell' by default, remembered in localStorage across reloads. Only the
 * active mode's screen is rendered; each keeps its work in IndexedDB (an open
 * basket, delivery or stocktake) and resumes it when shown again.
 *
 * Scans go to the mode's screen through src/screens/scan-router.ts (when, and
 * into which basket); the modes' screens are listed in src/screens/mode-screens.ts.
 *
 * Keyboard-wedge scanners: see src/screens/wedge-input-controller.ts.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { provide } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { connectionContext, scannerStatesContext, type ServiceConnection } from './context.ts';
import type { JournalState, ScannerState } from './domain/scan-protocol.ts';
import type { ScanStreamOptions } from './data/scan-stream.ts';
import { DB_NAME, DEMO_DB_NAME, onRollupBackfill, useDatabase } from './data/db.ts';
import { askForOwner, currentSession, hasOwner, noteActivity, roleEvents, signOut, type Role } from './data/roles.ts';
import { describeStorageError, requestPersistentStorage, type StorageErrorKind } from './data/storage.ts';
import type { KioskModeChangeEvent } from './components/kiosk-mode-bar.ts';
import { isKioskMode, type KioskMode } from './wording/mode-text.ts';
import './components/kiosk-mode-bar.ts';
import './components/kiosk-banner.ts';
import './components/kiosk-app-banners.ts';
import type { AppNotices, KioskAppNoticeDismissedEvent } from './components/kiosk-app-banners.ts';
import './screens/kiosk-top-bar.ts';
import './screens/kiosk-pin-gate.ts';
import type { KioskPinGate } from './screens/kiosk-pin-gate.ts';
import { HttpMaintenanceService, clockLooksWrong, type ClockReport, type MaintenanceService } from './data/maintenance-service.ts';
import { kioskAppStyles } from './kiosk-app-styles.ts';
import { WedgeInputController } from './screens/wedge-input-controller.ts';
import { ModeScreenLoader, renderModeScreen, type ModeScreen } from './screens/mode-screens.ts';
import { ScanRouter } from './screens/scan-router.ts';
import { DemoShopController, isDemoPage } from './screens/demo-shop-controller.ts';

/** Movements from which the report's back-fill shows its progress (fewer take under a second or two). */
const BACKFILL_SHOWN_FROM = 20_000;

/** How often the page asks the service whether the clock can be trusted. */
const CLOCK_CHECK_EVERY_MS = 10 * 60_000;

/** How long start-up work that selling does not need waits for an idle moment at most. */
export const AFTER_START_AT_MOST_MS = 1_000;

/** Resolves once the app has drawn its first screen and the page is idle (or a second later at most). */
async function afterStart(app: LitElement): Promise<void> {
  await app.updateComplete;
  await new Promise<void>((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: AFTER_START_AT_MOST_MS });
    else setTimeout(resolve, 0);
  });
}

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

  @query('kiosk-pin-gate') private _gate?: KioskPinGate;

  // Hears every key from connect to disconnect; the banner says when a scanned line could not be sent.
  protected readonly _wedge = new WedgeInputController(this, () => (this._wedgeUnsent = true));
  private _askedPersist = false;
  private _clockTimer?: ReturnType<typeof setInterval> | undefined;
  /** Lazily loaded modes' screens, and the one that failed to load. */
  private readonly _screens = new ModeScreenLoader(this);
  /** The scan router waiting for a mode's screen to come (see _screenChange). */
  private _onNextRender: (() => void)[] = [];
  private readonly _demoShop = new DemoShopController(this);
  private readonly _scans = new ScanRouter({
    mode: () => this._mode,
    screenOf: (mode) => this._screenOf(mode),
    screenChange: (mode) => this._screenChange(mode),
    onStored: () => (this._storeError = undefined),
    handlers: {
      onStoreError: (_scan, error) => (this._storeError = describeStorageError(error)),
      onScanners: (states) => (this._scanners = states),
      onJournal: (journal) => (this._journal = journal.status),
      onReplaced: () => (this._replaced = true),
      onConnection: (status) => {
        this._connection = status;
        if (status === 'open') this._wedgeUnsent = false;
      },
    },
  });

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
    this._scans.subscribe(this.streamOptions);
    this._clockTimer = setInterval(() => void this.checkClock(), CLOCK_CHECK_EVERY_MS);
    // A session open before the page's shell came (tests; the shell put back): the visit mode follows it.
    if (currentSession()) this._followRole();
    if (!this._askedPersist) {
      this._askedPersist = true;
      // The demo shop is what a demo page shows: loading it is its start.
      if (this.demo) void this._demoShop.start(true);
      // The rest is not needed to sell: it waits until the screen is drawn and the page idle, so
      // the cold start (bench:startup) is not spent on it. Without the catalog in memory a scan
      // is looked up in IndexedDB, as before it loaded.
      void afterStart(this).then(() => {
        void this.checkClock();
        void requestPersistentStorage().then((result) => (this._persistDenied = result === 'denied'));
        void this._checkOwnerPin();
        if (!this.demo) void this._demoShop.start(false);
      });
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
    this._scans.unsubscribe();
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
    void this._screens.load(this._mode);
    // For the end-to-end tests and the benchmark: wait for kiosk-app[data-connection="open"].
    this.dataset.connection = this._connection;
    this.dataset.mode = this._mode;
    // The demo shop's loading state, for the screenshot script and tests.
    if (this._demoShop.state) this.dataset.demo = this._demoShop.state;
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
      if (this._demoShop.removing) return;
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
    this._scans.modeChanged();
    try {
      localStorage.setItem(MODE_STORAGE_KEY, mode);
    } catch {
      // Storage full or blocked: the mode holds until the next reload.
    }
  }

  override render() {
    return html`
      <kiosk-top-bar
        ?demo=${this.demo}
        @kiosk-remove-demo=${() => void this._demoShop.remove()}
        @kiosk-customer-mode=${this.enterCustomerMode}
        @kiosk-sign-in=${() => void this._gate?.signIn()}
        @kiosk-manage-staff=${this._openStaffPanel}
      ></kiosk-top-bar>
      <kiosk-mode-bar
        .mode=${this._mode}
        ?visit=${this._role === 'rep' || this._role === 'owner'}
        @kiosk-mode-change=${this._onModeChange}
      ></kiosk-mode-bar>
      <kiosk-app-banners
        .notices=${this._notices()}
        @kiosk-app-notice-dismissed=${this._onNoticeDismissed}
        @kiosk-demo-requested=${() => this._demoShop.open()}
        @kiosk-set-owner-pin=${() => void this._gate?.setOwner()}
      ></kiosk-app-banners>
      ${keyed(this._demoShop.generation, renderModeScreen(this._mode, this._onModeChange, this.demo))}
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

  private _openStaffPanel = async () => {
    if (!(await askForOwner('read-audit'))) return;
    // The owner's staff panel is loaded when first opened, not with the counter (the cold start).
    await import('./screens/kiosk-staff-panel.ts');
    this._staffPanel = true;
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
      firstRun: this._demoShop.firstRun,
      noOwnerPin: this._noOwnerPin,
      visitOverdue: this._visitOverdue,
      reportBackfill: this._reportBackfill,
      demoState: this._demoShop.state,
      screenLoadFailed: this._screens.failed,
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
      case 'demo-not-allowed':
        this._demoShop.dismiss(e.detail);
        return;
      case 'visit-overdue':
        this._visitOverdue = '';
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

  /** For the scan router: the mode's screen if it is shown and its element defined (see ScanRouterShell). */
  private _screenOf(mode: KioskMode): ModeScreen | 'loading' | undefined {
    if (mode !== this._mode || this._screens.failed === mode) return undefined;
    const screen = this._modeScreen(mode);
    return screen?.matches(':defined') ? screen : 'loading';
  }

  private _modeScreen(mode: KioskMode): ModeScreen | null {
    return this.renderRoot.querySelector<ModeScreen>(`[data-mode-screen="${mode}"]`);
  }

  /** The next render, or the mode's screen element being defined (its module loaded), whichever comes first. */
  private _screenChange(mode: KioskMode): Promise<void> {
    const rendered = new Promise<void>((resolve) => this._onNextRender.push(resolve));
    const screen = this._modeScreen(mode);
    return screen ? Promise.race([rendered, customElements.whenDefined(screen.localName).then(() => undefined)]) : rendered;
  }

  protected override updated(): void {
    const waiting = this._onNextRender;
    this._onNextRender = [];
    for (const resolve of waiting) resolve();
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
