/**
 * The demo shop from the shell's side (src/data/demo-shop.ts holds its data):
 * loading it on a demo page, offering it on a shop with no product yet, and
 * removing it after the owner's PIN. The demo shop lives in its own database
 * and its own page address (?demo), so leaving or removing it is a reload.
 */
import type { ReactiveControllerHost } from 'lit';
import type { BoardService } from '../data/board-service.ts';
import { countProducts, loadProductCatalog } from '../data/products.ts';
import { askForOwner } from '../data/roles.ts';

export type DemoState = 'loading' | 'ready' | 'failed' | 'not-allowed';

/** The page was opened as the demo shop (`?demo`, as `npm start -- --demo` opens it). */
export function isDemoPage(): boolean {
  return new URLSearchParams(location.search).has('demo');
}

/** The demo shop's 公告板 (src/data/demo-board.ts), loaded when a demo page's board first reads it. */
export const demoBoardService: BoardService = {
  view: async () => (await import('../data/demo-board.ts')).demoBoardService.view(),
  importFromUsb: async () => (await import('../data/demo-board.ts')).demoBoardService.importFromUsb(),
};

export class DemoShopController {
  /** The shop's database has no product yet: offer the demo shop. */
  firstRun = false;
  state?: DemoState | undefined;
  /** Bumped when the data under the screens changed at once (the demo shop loaded): the screen starts afresh. */
  generation = 0;
  /** The demo shop's database is being deleted: nothing may open it again (an open would re-create it). */
  removing = false;

  constructor(private readonly _host: ReactiveControllerHost & EventTarget) {}

  /** On a demo page load the demo shop (once); otherwise the shop's catalog, and whether it is empty. */
  async start(demo: boolean): Promise<void> {
    if (demo) {
      this._set({ state: 'loading' });
      try {
        const { loadDemoShop } = await import('../data/demo-shop.ts');
        if ((await loadDemoShop()) === 'loaded') this.generation++;
        this._set({ state: 'ready' });
      } catch (error) {
        console.error('could not load the demo shop', error);
        this._set({ state: 'failed' });
      }
      return;
    }
    try {
      await loadProductCatalog();
      this._set({ firstRun: (await countProducts()) === 0 });
    } catch (error) {
      // Failing here only costs speed: lookups fall back to IndexedDB.
      console.warn('could not load the catalog into memory', error);
    }
  }

  /** Open the demo shop (its own database, this page reloaded with ?demo). */
  open(): void {
    location.assign(`${location.pathname}?demo`);
  }

  /** Back to the shop's own data. */
  leave(): void {
    location.assign(location.pathname);
  }

  /** Only the owner removes it: their PIN, then its database goes and the page returns to the shop. */
  async remove(): Promise<void> {
    if (!(await askForOwner('remove-demo'))) {
      this._set({ state: 'not-allowed' });
      return;
    }
    this.removing = true;
    const { removeDemoShop } = await import('../data/demo-shop.ts');
    await removeDemoShop();
    this._host.dispatchEvent(new Event('kiosk-demo-removed', { bubbles: true, composed: true }));
    this.leave();
  }

  /** The first-run offer or the "not allowed" note was dismissed. */
  dismiss(notice: 'first-run' | 'demo-not-allowed'): void {
    this._set(notice === 'first-run' ? { firstRun: false } : { state: 'ready' });
  }

  private _set(change: Partial<Pick<DemoShopController, 'firstRun' | 'state'>>): void {
    Object.assign(this, change);
    this._host.requestUpdate();
  }
}
