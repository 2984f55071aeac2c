/**
 * Takes the counter's scan stream to the mode's screen.
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
 */
import type { Scan } from '../domain/scan-protocol.ts';
import { subscribeScanStream, type ScanStreamHandlers, type ScanStreamOptions } from '../data/scan-stream.ts';
import { storeAndApplyScans, type ScanTarget, type StoreScanResult } from '../data/scans.ts';
import type { BasketScanEffect } from '../data/sessions.ts';
import type { KioskMode } from '../wording/mode-text.ts';
import { WRITING_MODES, type ModeScreen } from './mode-screens.ts';

/** What the router needs from the shell. */
export interface ScanRouterShell {
  /** The mode shown now. */
  mode(): KioskMode;
  /** Call the shown mode's screen, once it is there (scans can arrive before it is). */
  withScreen(call: (screen: ModeScreen) => unknown): Promise<void>;
  /** The stream's news the shell shows itself (scanners, connection, journal, errors). */
  handlers: Omit<ScanStreamHandlers, 'onArrive' | 'onScan'>;
  /** A scan was stored: a storage error shown before is over. */
  onStored(): void;
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
  /** Look-up scans waiting while the screen shows the previous ones. */
  private _lookupsWaiting: Scan[] = [];
  private _showingLookups = false;
  private _unsubscribe?: (() => void) | undefined;

  constructor(private readonly _shell: ScanRouterShell) {}

  /** Subscribe; `given`: tests hand in a fake socket or store. Default: the service at this page's host. */
  subscribe(given: ScanStreamOptions = {}): void {
    this._unsubscribe = subscribeScanStream(
      {
        ...this._shell.handlers,
        onArrive: (scan) => this._arrivedIn.set(scan.id, this._shell.mode()),
        onScan: (scan, stored) => {
          const mode = this._arrivedIn.get(scan.id) ?? this._shell.mode();
          if (!WRITING_MODES.has(mode)) void this._showLookup(scan);
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
      },
      // Storing through _storeBatch unless the options bring their own store (tests).
      given.store || given.storeBatch ? given : { ...given, storeBatch: (scans) => this._storeBatch(scans) },
    );
  }

  unsubscribe(): void {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
  }

  /** Store a batch, each scan applied to the basket of the mode it arrived in, in one transaction. */
  private async _storeBatch(scans: Scan[]): Promise<StoreScanResult[]> {
    const outcomes = await storeAndApplyScans(
      scans.map((scan) => ({ scan, into: basketOfMode(this._arrivedIn.get(scan.id) ?? this._shell.mode()) })),
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
    if (!WRITING_MODES.has(arrivedIn) || result !== 'stored' || arrivedIn !== this._shell.mode()) return;
    const effect = this._effects.get(scan.id);
    void this._shell.withScreen((screen) => screen.showScan?.(scan, effect));
  }

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
        await this._shell
          .withScreen((screen) => (screen.showScans ? screen.showScans(scans) : screen.showScan?.(scans[scans.length - 1]!)))
          .catch((error: unknown) => console.error('showing a scan failed', error));
      }
    } finally {
      this._showingLookups = false;
    }
  }
}
