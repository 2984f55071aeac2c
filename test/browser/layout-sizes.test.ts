/**
 * Every mode's main action fits on the screens these terminals have, in both
 * languages: at 800×480 (the Raspberry Pi 7" display), 1024×600, 1280×800 and
 * 1920×1080, with the banners a fresh terminal shows (no catalog yet, no owner
 * PIN yet), each element marked data-main-action lies inside the viewport and
 * is what a finger at its centre touches (not scrolled away, not covered).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/kiosk-app.ts';
import { MODE_STORAGE_KEY, type KioskApp } from '../../src/kiosk-app.ts';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { setLocale, type KioskLocale } from '../../src/localization.ts';
import type { KioskMode } from '../../src/wording/mode-text.ts';
// Never accepted: these tests are about layout, not scans.
import { FakeService } from './kiosk-helpers.ts';

const SIZES = [
  { width: 800, height: 480 },
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
/** The modes with an action that finishes their work. */
const MODES: KioskMode[] = ['sell', 'receive', 'stocktake', 'order'];

/** Every element matching `selector` in the tree, shadow roots included. */
function deepAll(root: Element | ShadowRoot, selector: string): HTMLElement[] {
  const found = [...root.querySelectorAll<HTMLElement>(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...deepAll(el.shadowRoot, selector));
  return found;
}

/** What a touch at (x, y) lands on, through shadow roots. */
function deepHit(x: number, y: number): Element | null {
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

describe('the main actions fit the counter screens', () => {
  before(async () => {
    await deleteKioskDb();
  });
  afterEach(async () => {
    await closeDb();
    await setLocale('zh-Hans');
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const locale of ['zh-Hans', 'en'] as KioskLocale[]) {
    for (const size of SIZES) {
      it(`${size.width}×${size.height} (${locale}): 结账, 完成入库, 开始盘点 and 已下单 in view`, async () => {
        await setViewport(size);
        await setLocale(locale);
        localStorage.setItem(MODE_STORAGE_KEY, 'sell');
        const app = await fixture<KioskApp>(
          html`<kiosk-app style="position:fixed;inset:0" .streamOptions=${{ url: 'ws://kiosk.test/scans', WebSocket: FakeService }}></kiosk-app>`,
        );
        const problems: string[] = [];
        for (const mode of MODES) {
          app.setMode(mode);
          const visible = () => deepAll(app.shadowRoot!, '[data-main-action]').filter((el) => el.getClientRects().length > 0);
          await waitUntil(() => app.dataset.mode === mode && visible().length > 0, `${mode}: no main action shown`, { timeout: 8000 });
          const action = visible();
          expect(action.length, `${mode}: no visible main action`).to.be.greaterThan(0);
          for (const el of action) {
            const r = el.getBoundingClientRect();
            const name = `${mode} ${el.getAttribute('name')} (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})`;
            if (r.top < 0 || r.left < 0 || r.bottom > size.height + 0.5 || r.right > size.width + 0.5) {
              problems.push(`${name} lies outside the ${size.width}×${size.height} screen`);
              continue;
            }
            const hit = deepHit(r.left + r.width / 2, r.top + r.height / 2);
            if (!hit || !(hit === el || el.contains(hit))) problems.push(`${name} is covered by ${hit?.localName ?? 'nothing'}`);
          }
        }
        expect(problems, problems.join('\n')).to.deep.equal([]);
      });
    }
  }
});
