/**
 * Scans a basket screen shows before their store has committed (see
 * KioskBasketScreen._previewScan for why that is safe), and the basket as the
 * owner sees it: the stored session's, with those scans applied over it in the
 * order they arrived. Taps that write, and closing, wait until every preview
 * has landed, so they only ever act on stored lines.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { addScan, emptyBasket, type Basket, type ScanItem } from '../domain/basket.ts';

/** A scan shown before its store committed: the line it adds. */
interface Preview {
  scanId: string;
  item: ScanItem;
}

export class ScanPreviewController implements ReactiveController {
  private _previews: readonly Preview[] = [];
  private _memo?: { stored: Basket | undefined; previews: readonly Preview[]; shown: Basket | undefined };
  private _waiters: Array<() => void> = [];

  /** `stored`: the basket of the session the screen holds (undefined when none is open). */
  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _stored: () => Basket | undefined,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {}

  /** Scans shown and not yet stored. */
  get count(): number {
    return this._previews.length;
  }

  has(scanId: string): boolean {
    return this._previews.some((p) => p.scanId === scanId);
  }

  /** Shows `item` as added by `scanId`, after the previews before it. */
  add(scanId: string, item: ScanItem): void {
    this._previews = [...this._previews, { scanId, item }];
    this._host.requestUpdate();
  }

  /** Drops a scan's preview (its store has spoken); false if it had none. */
  forget(scanId: string): boolean {
    if (!this.has(scanId)) return false;
    this._previews = this._previews.filter((p) => p.scanId !== scanId);
    this._host.requestUpdate();
    if (this._previews.length > 0) return true;
    const waiters = this._waiters;
    this._waiters = [];
    for (const resolve of waiters) resolve();
    return true;
  }

  /** The basket as shown: the stored one with the scans still being stored applied over it. */
  get basket(): Basket | undefined {
    // Read several times a render: worked out once per stored basket and previews.
    const stored = this._stored();
    const memo = this._memo;
    if (memo && memo.stored === stored && memo.previews === this._previews) return memo.shown;
    let shown = stored;
    for (const { item } of this._previews) {
      const result = addScan(shown ?? emptyBasket(), item);
      if (result.ok) shown = result.basket;
    }
    this._memo = { stored, previews: this._previews, shown };
    return shown;
  }

  /** Resolves once every scan shown ahead of its store is stored (or known not to be). */
  landed(): Promise<void> {
    if (this._previews.length === 0) return Promise.resolve();
    return new Promise((resolve) => this._waiters.push(resolve));
  }
}
