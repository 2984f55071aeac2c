/**
 * Takes the counter's scan stream to the mode's screen.
 *
 * Scans in look-up and order mode go to their screen at once (order mode jumps
 * to the product's line; neither writes stock). In the
 * modes that write (sell, receive, stocktake, adjust) a scan is handed over
 * (showScan) only once it is stored, and only if it was not stored before: the
 * service re-offers every scan it has no ack for (after a reconnect or a
 * reload), and a re-offered scan must never sell or receive a second time. So
 * that this costs the owner no wait, a basket screen may show the scan as it
 * arrives (previewScan, 销售): a preview decides nothing, and the stored scan's
 * effect replaces it in the same task.
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
 * The stream itself runs in a worker (scan-stream.worker.ts): socket, stores
 * and acks off the thread that draws the screen. The router tells it the mode
 * on every change (modeChanged), and each arrival comes back with the mode the
 * worker stored it for; that, not the mode when the message lands, decides.
 */
import type { Scan } from '../domain/scan-protocol.ts';
import { subscribeScanStream, type ScanStreamHandlers, type ScanStreamOptions } from '../data/scan-stream.ts';
import { subscribeScanStreamInWorker, type WorkerStream } from '../data/scan-stream-client.ts';
import type { ArrivalMode } from '../data/scan-stream-messages.ts';
import { storeArrivals, type ScanTarget, type StoreScanResult } from '../data/scans.ts';
import type { BasketScanEffect } from '../data/sessions.ts';
import type { KioskMode } from '../wording/mode-text.ts';
import { WRITING_MODES, type ModeScreen } from './mode-screens.ts';

/** What the router needs from the shell. */
export interface ScanRouterShell {
  /** The mode shown now. */
  mode(): KioskMode;
  /**
   * The mode's screen when it is shown and ready for scans; 'loading' while it
   * is coming (before the first render, its module loading); undefined when
   * another mode is shown (or its screen could not be loaded).
   */
  screenOf(mode: KioskMode): ModeScreen | 'loading' | undefined;
  /** Resolves at the next change that can make the mode's screen ready or not shown: a render, its element defined. */
  screenChange(mode: KioskMode): Promise<void>;
  /** The stream's news the shell shows itself (scanners, connection, journal, errors). */
  handlers: Omit<ScanStreamHandlers, 'onArrive' | 'onScan' | 'onRejected'>;
  /** A scan was stored: a storage error shown before is over. */
  onStored(): void;
}

/**
 * Something for one mode's screen: a scan, look-up scans that came together, a
 * rejection. `show` returns what to wait for before the next hand-over (the
 * look-ups' screen update), or nothing.
 */
interface Handover {
  mode: KioskMode;
  show: (screen: ModeScreen) => unknown;
  /** Look-up scans still waiting: later ones of the same mode join them. */
  lookups?: Scan[];
}

/** The basket a scan arriving in this mode goes into, in the transaction that stores it. */
function basketOfMode(mode: KioskMode | undefined): ScanTarget | undefined {
  return mode === 'sell' ? 'sale' : mode === 'receive' ? 'delivery' : undefined;
}

export class ScanRouter {
  /** The mode each scan arrived in, until it is stored: that decides what it does. */
  private readonly _arrivedIn = new Map<string, KioskMode>();
  /** What a stored scan did to its basket, until the screen is told. */
  private readonly _effects = new Map<string, BasketScanEffect>();
  /** What waits for its mode's screen, in the order it came; the first is handed over next. */
  private _waiting: Handover[] = [];
  private _handingOver = false;
  private _unsubscribe?: (() => void) | undefined;
  /** The worker's stream, told the mode shown (the page's own stream asks the shell). */
  private _worker?: WorkerStream | undefined;

  constructor(private readonly _shell: ScanRouterShell) {}

  /**
   * Subscribe. By default the stream runs in its worker (scan-stream-client.ts),
   * off the thread that draws the screen; `given` (tests: a fake socket or
   * store) runs it on the page.
   */
  subscribe(given: ScanStreamOptions = {}): void {
    const handlers: ScanStreamHandlers = {
      ...this._shell.handlers,
      onRejected: (rejected) => this._handOver({ mode: this._shell.mode(), show: (screen) => screen.showRejected?.(rejected) }),
      onArrive: (scan, arrivedIn) => this._arrivedIn.set(scan.id, (arrivedIn as KioskMode | undefined) ?? this._shell.mode()),
      onScan: (scan, stored) => {
        const mode = this._arrivedIn.get(scan.id) ?? this._shell.mode();
        if (!WRITING_MODES.has(mode)) this._showLookup(scan, mode);
        else if (basketOfMode(mode)) this._preview(scan, mode, stored);
        const forget = () => {
          this._arrivedIn.delete(scan.id);
          this._effects.delete(scan.id);
        };
        stored.then(
          (result) => {
            this._shell.onStored();
            this._afterStored(scan, result, mode);
            forget();
          },
          forget, // only when unsubscribed: nothing to show then
        );
      },
    };
    if (Object.keys(given).length === 0) {
      const stream = subscribeScanStreamInWorker(
        { ...handlers, onEffect: (scanId, effect) => this._effects.set(scanId, effect) },
        { mode: this._arrivalMode() },
      );
      this._worker = stream;
      this._unsubscribe = () => stream.close();
      return;
    }
    this._unsubscribe = subscribeScanStream(
      handlers,
      // Storing through _storeBatch unless the options bring their own store (tests).
      given.store || given.storeBatch ? given : { ...given, storeBatch: (scans) => this._storeBatch(scans) },
    );
  }

  /** The shell shows another mode: scans arriving from now on are that mode's (call on every change). */
  modeChanged(): void {
    this._worker?.setMode(this._arrivalMode());
  }

  private _arrivalMode(): ArrivalMode {
    const mode = this._shell.mode();
    return { mode, into: basketOfMode(mode) };
  }

  unsubscribe(): void {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    this._worker = undefined;
  }

  /** Store a batch, each scan applied to the basket of the mode it arrived in, in one transaction. */
  private _storeBatch(scans: Scan[]): Promise<StoreScanResult[]> {
    return storeArrivals(
      scans,
      (scan) => basketOfMode(this._arrivedIn.get(scan.id) ?? this._shell.mode()),
      (scanId, effect) => this._effects.set(scanId, effect),
    );
  }

  /**
   * A scan is stored: the writing mode it arrived in gets it now, and only the
   * first time it is stored. A 'duplicate' was stored (and applied) in an earlier
   * life of the page; doing it again would sell or receive twice. If the owner
   * switched modes before its screen took it, the screen shown instead is not
   * told: in 销售 and 入库 the scan is already in its own mode's basket, which
   * that screen reads when shown again; in 盘点 and 调整 it only picked a product
   * on a screen that is gone.
   */
  private _afterStored(scan: Scan, result: StoreScanResult, arrivedIn: KioskMode) {
    if (!WRITING_MODES.has(arrivedIn) || result !== 'stored') return;
    const effect = this._effects.get(scan.id);
    // Not waited for: the scans of one commit reach a shown screen together, in one render.
    this._handOver({
      mode: arrivedIn,
      show: (screen) => {
        void this._logged(screen.showScan?.(scan, effect));
      },
    });
  }

  /**
   * A basket scan goes to its screen as it arrives too, to be shown ahead of its
   * store (a screen without previewScan waits for showScan). Handed over before
   * the store's own hand-over is queued, so it never comes after it.
   */
  private _preview(scan: Scan, mode: KioskMode, stored: Promise<StoreScanResult>): void {
    this._handOver({
      mode,
      show: (screen) => {
        screen.previewScan?.(scan, stored);
      },
    });
  }

  /**
   * A scan in a mode that only shows (查询, 订货, 商品) goes to the screen at once,
   * unless the screen is still showing earlier ones: then it waits, and all that
   * waited go over together. A single scan is never delayed, and a burst (a
   * backlog after the page was down) costs one screen update per batch instead
   * of one per scan. A screen without showScans is shown the newest only: in
   * these modes a scan just picks what is on screen.
   */
  private _showLookup(scan: Scan, mode: KioskMode): void {
    const last = this._waiting[this._waiting.length - 1];
    if (last?.lookups && last.mode === mode) {
      last.lookups.push(scan);
      return;
    }
    const lookups = [scan];
    this._handOver({
      mode,
      lookups,
      show: (screen) => (screen.showScans ? screen.showScans(lookups) : screen.showScan?.(lookups[lookups.length - 1]!)),
    });
  }

  /**
   * Hands things to the screen of the mode they came in, one after another in
   * the order they came. While that mode's screen is loading (a mode loaded on
   * first use, or the page's first render) they wait for it, and what came
   * behind them waits too; if the owner leaves the mode first, they are
   * dropped, never given to the screen shown instead (a look-up or a stocktake
   * scan given to the sell screen would be sold).
   */
  private _handOver(handover: Handover): void {
    this._waiting.push(handover);
    void this._handOverWaiting();
  }

  private async _handOverWaiting(): Promise<void> {
    if (this._handingOver) return;
    this._handingOver = true;
    try {
      while (this._waiting.length > 0) {
        const next = this._waiting[0]!;
        const screen = this._shell.screenOf(next.mode);
        if (screen === 'loading') {
          await this._shell.screenChange(next.mode);
          continue;
        }
        this._waiting.shift();
        if (!screen) continue;
        let shown: unknown;
        try {
          shown = next.show(screen);
        } catch (error) {
          console.error('showing a scan failed', error);
        }
        // Only what asks to be waited for is: the next scan of a commit goes over in the same task.
        if (shown !== undefined) await this._logged(shown);
      }
    } finally {
      this._handingOver = false;
    }
  }

  private async _logged(shown: unknown): Promise<void> {
    try {
      await shown;
    } catch (error) {
      console.error('showing a scan failed', error);
    }
  }
}
