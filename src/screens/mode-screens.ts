/**
 * The counter's modes and their screens, in one table: which element shows a
 * mode, which modes are loaded on first use, and which ones write stock. A new
 * mode is a line in each of these and a case in renderModeScreen.
 */
import { html, type ReactiveControllerHost } from 'lit';
import type { RejectedScan, Scan } from '../domain/scan-protocol.ts';
import type { BasketScanEffect } from '../data/sessions.ts';
import type { KioskModeChangeEvent } from '../components/kiosk-mode-bar.ts';
import { modeName, type KioskMode } from '../wording/mode-text.ts';
import { demoBoardService } from './demo-shop-controller.ts';
import './kiosk-counter-screen.ts';
import './kiosk-sell-screen.ts';

/** What <kiosk-app> asks of every mode's screen. */
export interface ModeScreen extends HTMLElement {
  /** `effect`: what the scan already did to the basket, in the transaction that stored it (销售, 入库). */
  showScan?(scan: Scan, effect?: BasketScanEffect): unknown;
  /** Look-up scans that came together: all join the screen's history, the newest is shown. */
  showScans?(scans: readonly Scan[]): unknown;
  showRejected?(rejected: RejectedScan): unknown;
}

/**
 * Modes loaded on first use, so the counter starts with what selling needs:
 * the order screen brings the reorder engine, uPlot and the CSV writer; the
 * catalog screen the supplier-CSV import (papaparse). The scan router holds a
 * scan for its own mode's screen while that screen loads (scan-router.ts).
 */
const LAZY_SCREENS: Partial<Record<KioskMode, () => Promise<unknown>>> = {
  // Deliveries, stocktake and adjustments are the owner's, a few times a week or a month: not on
  // the cold start's path (issue 9).
  receive: () => import('./kiosk-receive-screen.ts'),
  stocktake: () => import('./kiosk-stocktake-screen.ts'),
  adjust: () => import('./kiosk-adjust-screen.ts'),
  order: () => import('./kiosk-order-screen.ts'),
  catalog: () => import('./kiosk-catalog-screen.ts'),
  // The business report brings its own charts and CSV writer (issue 10).
  report: () => import('./kiosk-report-screen.ts'),
  // The rep's visit (issue 12): only ever shown in a rep or owner session.
  visit: () => import('./kiosk-visit-screen.ts'),
  // The supplier's board (issue 15): owner only.
  board: () => import('./kiosk-board-screen.ts'),
};

/** Modes whose screen writes stock: a scan reaches them only once, after it is stored. */
export const WRITING_MODES: ReadonlySet<KioskMode> = new Set(['sell', 'receive', 'stocktake', 'adjust']);

/**
 * Loads a lazily loaded mode's screen once, and remembers a mode whose screen
 * could not be loaded (its file missing after a bad update) for the banner.
 */
export class ModeScreenLoader {
  /** The mode whose screen failed to load last, until it loads. */
  failed?: KioskMode | undefined;
  private readonly _loads = new Map<KioskMode, Promise<unknown>>();

  constructor(private readonly _host: ReactiveControllerHost) {}

  /** Resolves when the mode's element is defined (at once for the modes loaded with the app). */
  load(mode: KioskMode): Promise<unknown> {
    const load = LAZY_SCREENS[mode];
    if (!load) return Promise.resolve();
    let loading = this._loads.get(mode);
    if (!loading) {
      loading = load().then(
        () => {
          if (this.failed === mode) this._setFailed(undefined);
        },
        (error: unknown) => {
          console.error(`could not load the ${mode} screen`, error);
          this._loads.delete(mode); // the next switch to it tries again
          this._setFailed(mode);
        },
      );
      this._loads.set(mode, loading);
    }
    return loading;
  }

  private _setFailed(mode: KioskMode | undefined): void {
    if (mode === this.failed) return;
    this.failed = mode;
    this._host.requestUpdate();
  }
}

/**
 * The mode's screen, marked data-mode-screen with its mode for the shell to hand it that mode's scans.
 * `demo`: the demo shop's page (its board is the demo board, not the service's).
 */
export function renderModeScreen(mode: KioskMode, onModeChange: (e: KioskModeChangeEvent) => void, demo = false) {
  switch (mode) {
    case 'sell':
      return html`<kiosk-sell-screen data-mode-screen="sell" aria-label=${modeName('sell')}></kiosk-sell-screen>`;
    case 'receive':
      return html`<kiosk-receive-screen data-mode-screen="receive" aria-label=${modeName('receive')}></kiosk-receive-screen>`;
    case 'stocktake':
      return html`<kiosk-stocktake-screen data-mode-screen="stocktake" aria-label=${modeName('stocktake')}></kiosk-stocktake-screen>`;
    case 'adjust':
      return html`<kiosk-adjust-screen data-mode-screen="adjust" aria-label=${modeName('adjust')}></kiosk-adjust-screen>`;
    case 'order':
      return html`<kiosk-order-screen data-mode-screen="order" aria-label=${modeName('order')}></kiosk-order-screen>`;
    case 'catalog':
      return html`<kiosk-catalog-screen data-mode-screen="catalog" aria-label=${modeName('catalog')}></kiosk-catalog-screen>`;
    case 'lookup':
      return html`<kiosk-counter-screen data-mode-screen="lookup" aria-label=${modeName('lookup')}></kiosk-counter-screen>`;
    case 'report':
      return html`<kiosk-report-screen data-mode-screen="report" aria-label=${modeName('report')}></kiosk-report-screen>`;
    case 'board':
      return demo
        ? html`<kiosk-board-screen data-mode-screen="board" aria-label=${modeName('board')} .boardService=${demoBoardService}></kiosk-board-screen>`
        : html`<kiosk-board-screen data-mode-screen="board" aria-label=${modeName('board')}></kiosk-board-screen>`;
    case 'visit':
      // Its checklist opens 盘点 and 订货 with the same event as the mode bar.
      return html`<kiosk-visit-screen data-mode-screen="visit" aria-label=${modeName('visit')} @kiosk-mode-change=${onModeChange}></kiosk-visit-screen>`;
  }
}
