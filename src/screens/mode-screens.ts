/**
 * The counter's modes and their screens, in one table: which element shows a
 * mode, which modes are loaded on first use, and which ones write stock. A new
 * mode is a line in each of these.
 */
import type { ReactiveControllerHost } from 'lit';
import { html as staticHtml, literal, type StaticValue } from 'lit/static-html.js';
import type { RejectedScan, Scan } from '../domain/scan-protocol.ts';
import type { BasketScanEffect } from '../data/sessions.ts';
import type { KioskModeChangeEvent } from '../components/kiosk-mode-bar.ts';
import { modeName, type KioskMode } from '../wording/mode-text.ts';
import { demoBoardService } from './demo-shop-controller.ts';
import './kiosk-counter-screen.ts';
import './kiosk-sell-screen.ts';

/** Each mode's screen element. */
const SCREEN_TAGS: Record<KioskMode, StaticValue> = {
  sell: literal`kiosk-sell-screen`,
  receive: literal`kiosk-receive-screen`,
  stocktake: literal`kiosk-stocktake-screen`,
  adjust: literal`kiosk-adjust-screen`,
  order: literal`kiosk-order-screen`,
  catalog: literal`kiosk-catalog-screen`,
  lookup: literal`kiosk-counter-screen`,
  report: literal`kiosk-report-screen`,
  board: literal`kiosk-board-screen`,
  visit: literal`kiosk-visit-screen`,
};

/** What <kiosk-app> asks of every mode's screen. */
export interface ModeScreen extends HTMLElement {
  /** `effect`: what the scan already did to the basket, in the transaction that stored it (销售, 入库). */
  showScan?(scan: Scan, effect?: BasketScanEffect): unknown;
  /** A scan of a writing mode as it arrives, before `stored` settles; showScan follows once it is stored. */
  previewScan?(scan: Scan, stored: Promise<unknown>): unknown;
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
  const tag = SCREEN_TAGS[mode];
  if (mode === 'board' && demo) {
    return staticHtml`<${tag} data-mode-screen=${mode} aria-label=${modeName(mode)} .boardService=${demoBoardService}></${tag}>`;
  }
  if (mode === 'visit') {
    // Its checklist opens 盘点 and 订货 with the same event as the mode bar.
    return staticHtml`<${tag} data-mode-screen=${mode} aria-label=${modeName(mode)} @kiosk-mode-change=${onModeChange}></${tag}>`;
  }
  return staticHtml`<${tag} data-mode-screen=${mode} aria-label=${modeName(mode)}></${tag}>`;
}
