/**
 * Every mode's main action fits on the screens these terminals have, in both
 * languages: at 800×480 (the Raspberry Pi 7" display), 1024×600, 1280×800 and
 * 1920×1080, with the banners a fresh terminal shows (no catalog yet, no owner
 * PIN yet), each element marked data-main-action lies inside the viewport and
 * is what a finger at its centre touches (not scrolled away, not covered), and
 * no label of the top bar or the mode bar is wider than its button. A basket's
 * lines (sell and receive) leave the product's name room and show their figures
 * whole, a delivery's ¥99,999 line and "10 cartons" included. The top bar
 * shows each scanner's state in words whole, with two scanners and the demo
 * shop, its parts side by side and on the screen.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { setViewport } from '@web/test-runner-commands';
import type { ScannerState } from '../../src/domain/scan-protocol.ts';
import '../../src/kiosk-app.ts';
import { MODE_STORAGE_KEY, type KioskApp } from '../../src/kiosk-app.ts';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { setLocale, type KioskLocale } from '../../src/localization.ts';
import { KIOSK_MODES, type KioskMode } from '../../src/wording/mode-text.ts';
// Never accepted: these tests are about layout, not scans.
import { ean13, makeScan, openOwnerSession, registerCartonPack, TEST_OWNER_PIN } from './shop-fixtures.ts';
import { FakeService } from './fakes.ts';
import { putProduct, registerProduct } from '../../src/data/products.ts';
import { forgetSessionForTests, registerStaff, signIn } from '../../src/data/roles.ts';
import type { KioskVisitScreen } from '../../src/screens/kiosk-visit-screen.ts';
import type { Scan } from '../../src/domain/scan-protocol.ts';
import type { Product } from '../../src/domain/product.ts';
import '../../src/components/kiosk-product-editor.ts';
import { kioskData } from '../../src/data/kiosk-data.ts';
import { placeOrder, saveOrderDraft } from '../../src/data/orders.ts';

const SIZES = [
  { width: 800, height: 480 },
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
/** The modes with an action that finishes their work. */
const MODES: KioskMode[] = ['sell', 'receive', 'stocktake', 'order'];

/** A test at each of the four sizes in each language, named by its size, language and `title`. */
function atEverySize(title: string, test: (size: { width: number; height: number }, locale: KioskLocale) => Promise<void>): void {
  for (const locale of ['zh-Hans', 'en'] as KioskLocale[]) {
    for (const size of SIZES) it(`${size.width}×${size.height} (${locale}): ${title}`, () => test(size, locale));
  }
}

/** The screen size, the language and the mode the next kiosk-app starts in. */
async function showAt(size: { width: number; height: number }, locale: KioskLocale, mode: KioskMode): Promise<void> {
  await setViewport(size);
  await setLocale(locale);
  localStorage.setItem(MODE_STORAGE_KEY, mode);
}

/** The whole app on the whole screen; its scanner socket never accepts (these tests show scans by hand). */
function mountApp(): Promise<KioskApp> {
  return fixture<KioskApp>(
    html`<kiosk-app style="position:fixed;inset:0" .streamOptions=${{ url: 'ws://kiosk.test/scans', WebSocket: FakeService }}></kiosk-app>`,
  );
}

/** The whole app, its socket open and the service's hello naming these scanners. */
async function mountConnectedApp(scanners: ScannerState[]): Promise<KioskApp> {
  FakeService.last = undefined;
  const app = await mountApp();
  await waitFor(() => FakeService.last !== undefined, 'no socket opened');
  FakeService.last!.accept();
  FakeService.last!.deliver({ type: 'hello', bootId: 'b1', version: 'test', scanners });
  await waitFor(() => app.dataset.connection === 'open', 'not connected');
  return app;
}

/** Each test closes the database and goes back to Chinese; the file's last test leaves an empty database and the default size. */
function cleanUpAfterEach(): void {
  afterEach(async () => {
    await closeDb();
    await setLocale('zh-Hans');
  });
  after(async () => {
    await deleteKioskDb();
    await setViewport({ width: 800, height: 600 });
  });
}

/** Each test of the suite this is called in starts on an empty database that `seed` fills, and cleans up after (cleanUpAfterEach). */
function seededPerTest(seed: () => Promise<unknown>): void {
  beforeEach(async () => {
    await deleteKioskDb();
    await seed();
  });
  cleanUpAfterEach();
}

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

/** The main actions (结账, 完成入库, …) laid out on the screen now. */
function visibleMainActions(app: KioskApp): HTMLElement[] {
  return deepAll(app.shadowRoot!, '[data-main-action]').filter((el) => el.getClientRects().length > 0);
}

/** Problems with the visible main actions: outside the screen, or covered where a finger would touch. */
function mainActionProblems(app: KioskApp, size: { width: number; height: number }, label: string): string[] {
  const problems: string[] = [];
  const visible = visibleMainActions(app);
  if (visible.length === 0) problems.push(`${label}: no visible main action`);
  for (const el of visible) {
    const r = el.getBoundingClientRect();
    const name = `${label} ${el.getAttribute('name')} (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})`;
    const problem = touchProblem(el, size);
    if (problem) problems.push(`${name} ${problem}`);
  }
  return problems;
}

/** Why a finger cannot touch `el` where it is now: off the screen, or covered where its centre is. */
function touchProblem(el: HTMLElement, size: { width: number; height: number }): string | undefined {
  const r = el.getBoundingClientRect();
  if (r.top < -0.5 || r.left < -0.5 || r.bottom > size.height + 0.5 || r.right > size.width + 0.5)
    return `lies outside the ${size.width}×${size.height} screen`;
  const hit = deepHit(r.left + r.width / 2, r.top + r.height / 2);
  if (!hit || !(hit === el || el.contains(hit))) return `is covered by ${hit?.localName ?? 'nothing'}`;
  return undefined;
}

/** A button's words, on one line. */
function buttonText(button: HTMLElement): string {
  return button.textContent?.trim().replace(/\s+/g, ' ') ?? '';
}

/** Why a button's label does not fit it (wider than the button: cut off or spilling out), or undefined. */
function cutLabel(button: HTMLElement): string | undefined {
  return button.scrollWidth > button.clientWidth ? `label ${button.scrollWidth} px in a ${button.clientWidth} px button` : undefined;
}

/**
 * Problems with the top bar's and the mode bar's buttons: a label wider than
 * its button (cut off or spilling over), or a button not wholly on the screen
 * (the language switch pushed off the right edge).
 */
function barLabelProblems(app: KioskApp, size: { width: number; height: number }, label: string): string[] {
  const problems: string[] = [];
  const bars = [...app.shadowRoot!.querySelectorAll<HTMLElement>('kiosk-top-bar, kiosk-mode-bar')];
  if (bars.length < 2) problems.push(`${label}: no top bar or mode bar`);
  for (const bar of bars) {
    for (const button of deepAll(bar.shadowRoot ?? bar, 'button')) {
      if (button.getClientRects().length === 0 || getComputedStyle(button).visibility === 'hidden') continue;
      const r = button.getBoundingClientRect();
      const name = `${label} ${button.getAttribute('name') ?? button.dataset.mode ?? button.dataset.locale ?? ''} “${buttonText(button)}”`;
      if (r.left < -0.5 || r.right > size.width + 0.5 || r.top < -0.5 || r.bottom > size.height + 0.5) {
        problems.push(`${name} (${Math.round(r.left)}–${Math.round(r.right)}) is not wholly on the ${size.width}×${size.height} screen`);
      }
      const cut = cutLabel(button);
      if (cut) problems.push(`${name}: ${cut}`);
      // A mode's name on one line: a wrapped one (English "Look up" among ten modes) makes the bar a line taller.
      for (const part of button.querySelectorAll<HTMLElement>('.name')) {
        if (part.getClientRects().length > 0 && labelLines(part) > 1)
          problems.push(`${name}: “${part.textContent}” wraps onto ${labelLines(part)} lines`);
      }
    }
  }
  return problems;
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

  atEverySize('结账, 完成入库, 开始盘点 and 已下单 in view, no bar label cut off', async (size, locale) => {
    await showAt(size, locale, 'sell');
    const app = await mountApp();
    const problems: string[] = [];
    for (const mode of MODES) {
      app.setMode(mode);
      await waitFor(() => app.dataset.mode === mode && visibleMainActions(app).length > 0, `${mode}: no main action shown`, {
        timeout: 8000,
      });
      expect(visibleMainActions(app).length, `${mode}: no visible main action`).to.be.greaterThan(0);
      problems.push(...mainActionProblems(app, size, mode));
    }
    problems.push(...barLabelProblems(app, size, 'bars'));
    // The demo shop's marker and its remove button take the most room in the top bar. Set after
    // connecting, so the shop's own (empty) database stays open: this is about the layout only.
    app.demo = true;
    await app.updateComplete;
    problems.push(...barLabelProblems(app, size, 'bars (demo)'));
    // On a small screen the occasional actions sit under ⋯: open it, they must fit too.
    const more = deepAll(app.shadowRoot!, 'button[name="more"]').find((el) => el.getClientRects().length > 0);
    if (more) {
      more.click();
      await waitFor(
        () => deepAll(app.shadowRoot!, 'button[name="remove-demo"]').some((el) => el.getClientRects().length > 0),
        'the ⋯ menu did not open',
      );
      problems.push(...barLabelProblems(app, size, 'bars (⋯ open)'));
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});

describe('the top bar keeps the scanners’ state in words', () => {
  before(async () => {
    await deleteKioskDb();
  });
  cleanUpAfterEach();
  // The owner signed in: 管理 and 锁定 beside the name, the most the bar holds.
  beforeEach(() => openOwnerSession());
  afterEach(() => forgetSessionForTests());

  // The title goes only when its room is needed: no size rule hides it on a screen where it fits.
  for (const size of SIZES.filter((s) => s.width >= 1024)) {
    it(`${size.width}×${size.height} (zh-Hans): one scanner, the owner signed in: the bar's title 柜台终端 is shown`, async () => {
      await showAt(size, 'zh-Hans', 'sell');
      const app = await mountConnectedApp([{ id: 'counter', path: '/dev/ttyACM0', status: 'connected' }]);
      const bar = app.shadowRoot!.querySelector('kiosk-top-bar')!;
      await bar.updateComplete;
      const title = bar.shadowRoot!.querySelector('h1')!;
      expect(title.textContent).to.equal('柜台终端');
      expect(title.getClientRects().length > 0 && isShown(title), 'the title is hidden though the bar has room for it').to.equal(true);
    });
  }

  atEverySize(
    'two scanners (one unplugged), the demo shop, the owner signed in: each state shown whole, nothing overlapping',
    async (size, locale) => {
      await showAt(size, locale, 'sell');
      const app = await mountConnectedApp([
        { id: 'counter', path: '/dev/ttyACM0', status: 'connected' },
        { id: 'display', path: '/dev/ttyACM1', status: 'disconnected', cause: 'unplugged' },
      ]);
      app.demo = true;
      await app.updateComplete;
      const bar = app.shadowRoot!.querySelector('kiosk-top-bar')!;
      await waitFor(() => deepAll(bar.shadowRoot!, 'button[data-scanner]').length === 2, 'no scanner pills');
      await bar.updateComplete;
      const problems: string[] = [];
      const pills = deepAll(bar.shadowRoot!, 'button[data-scanner]');
      for (const pill of pills) {
        const state = pill.shadowRoot ? null : pill.querySelector<HTMLElement>('.state');
        if (!state) {
          problems.push(`${pill.dataset.scanner}: no state in words`);
          continue;
        }
        const [p, s] = [pill.getBoundingClientRect(), state.getBoundingClientRect()];
        if (s.width === 0 || s.left < p.left - 0.5 || s.right > p.right + 0.5)
          problems.push(
            `${pill.dataset.scanner}: “${state.textContent}” (${Math.round(s.left)}–${Math.round(s.right)}) not inside its pill (${Math.round(p.left)}–${Math.round(p.right)})`,
          );
        if (state.scrollWidth > state.clientWidth + 0.5) problems.push(`${pill.dataset.scanner}: “${state.textContent}” cut`);
      }
      for (const button of deepAll(bar.shadowRoot!, 'button')) {
        if (button.getClientRects().length > 0 && labelLines(button) > 1)
          problems.push(`“${buttonText(button)}” wraps onto ${labelLines(button)} lines`);
      }
      // Who is signed in: on one line, or not at all (never cut to "Owner · 店").
      for (const who of deepAll(bar.shadowRoot!, '.who')) {
        if (isShown(who) && labelLines(who, { clippedToo: true }) > 1) problems.push(`“${who.textContent}” is cut to its first line`);
      }
      // The bar's parts side by side, none over another and none off the screen.
      const parts = [
        ...deepAll(
          bar.shadowRoot!,
          '.logo, h1, .demo-mark, header > button, .actions > button, .who, button[name="manage"], button[name="lock"], button[name="sign-in"], kiosk-language-switch',
        ),
        ...pills,
      ].filter((el) => el.getClientRects().length > 0 && isShown(el));
      const rects = parts.map((el) => ({ el, r: el.getBoundingClientRect() }));
      for (const { el, r } of rects) {
        if (r.left < -0.5 || r.right > size.width + 0.5) problems.push(`${el.localName}.${el.className} is not wholly on the screen`);
      }
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          const [a, b] = [rects[i]!, rects[j]!];
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          const overlap = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const vertical = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (overlap > 0.5 && vertical > 0.5)
            problems.push(`“${buttonText(a.el)}” and “${buttonText(b.el)}” overlap by ${Math.round(overlap)} px`);
        }
      }
      // What to do about the unplugged one: inline on a wide screen, on a tap below the chips on a small one, naming the scanner.
      const unplugged = pills.find((p) => p.dataset.scanner === 'display')!;
      const hint = unplugged.querySelector<HTMLElement>('.hint')!;
      if (hint.getClientRects().length === 0) {
        unplugged.click();
        await waitFor(() => hint.getClientRects().length > 0, 'the advice did not open on a tap');
        const before = getComputedStyle(hint, '::before').content;
        if (!before.includes('display')) problems.push(`the advice does not say which scanner: ${before}`);
      }
      const h = hint.getBoundingClientRect();
      if (h.left < -0.5 || h.right > size.width + 0.5 || h.bottom > size.height + 0.5)
        problems.push(`the advice (${Math.round(h.left)}–${Math.round(h.right)}) is not wholly on the screen`);
      if (problems.length > 0)
        problems.push(
          `the bar: ${rects.map(({ el, r }) => `“${buttonText(el)}” ${Math.round(r.left)}–${Math.round(r.right)}`).join(', ')}`,
        );
      expect(problems, problems.join('\n')).to.deep.equal([]);
    },
  );
});

/** On how many lines a button's words are seen (words wrapped into a clipped-off line do not count, unless `clippedToo`). */
function labelLines(button: HTMLElement, { clippedToo = false } = {}): number {
  const seen: DOMRect[] = [];
  const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const clips: DOMRect[] = [];
    for (let box = node.parentElement; box && box !== button.parentElement; box = box.parentElement) {
      if (getComputedStyle(box).overflow !== 'visible') clips.push(box.getBoundingClientRect());
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
      if (r.width > 0 && (clippedToo || clips.every((c) => x >= c.left && x <= c.right && y >= c.top && y <= c.bottom))) seen.push(r);
    }
  }
  // A new line where a piece of text is centred more than half its height below the line before
  // (line boxes may overlap: a mode bar's names have line-height 1.15; a small note beside a big value is on its line).
  let lines = 0;
  let centre = -Infinity;
  for (const r of seen.sort((a, b) => a.top + a.height / 2 - (b.top + b.height / 2))) {
    const c = r.top + r.height / 2;
    if (c - centre > r.height / 2) {
      lines++;
      centre = c;
    }
  }
  return lines;
}

/** Drawn where it is: not hidden, and not clipped away by an ancestor in its shadow root (the bar's title wrapped out of sight). */
function isShown(el: HTMLElement): boolean {
  if (getComputedStyle(el).visibility === 'hidden') return false;
  const r = el.getBoundingClientRect();
  for (let box = el.parentElement; box; box = box.parentElement) {
    if (getComputedStyle(box).overflow === 'visible') continue;
    const c = box.getBoundingClientRect();
    if (r.top >= c.bottom - 0.5 || r.bottom <= c.top + 0.5 || r.left >= c.right - 0.5 || r.right <= c.left + 0.5) return false;
  }
  return true;
}

describe('the rep’s visit fits the counter screens', () => {
  const CODE = '06901111222233';
  let repId = '';
  before(async () => {
    await deleteKioskDb();
    await openOwnerSession();
    await registerProduct({ code: CODE, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 10 });
    repId = (await registerStaff({ role: 'rep', name: '李经理', staffNumber: 'KM-1', pin: '7777' }, TEST_OWNER_PIN)).id!;
  });
  afterEach(async () => {
    forgetSessionForTests();
    await setLocale('zh-Hans');
  });
  after(async () => {
    await closeDb();
    await deleteKioskDb();
    await setViewport({ width: 800, height: 600 });
  });

  atEverySize('开始拜访, 有 and 结束拜访 in view', async (size, locale) => {
    await showAt(size, locale, 'sell');
    expect((await signIn(repId, '7777')).ok).to.equal(true);
    const app = await mountApp();
    const screen = () => deepAll(app.shadowRoot!, 'kiosk-visit-screen')[0] as KioskVisitScreen | undefined;
    const shown = (name: string) => deepAll(app.shadowRoot!, `[name="${name}"]`).some((el) => el.getClientRects().length > 0);
    await waitFor(() => app.dataset.mode === 'visit' && screen() && (shown('start-visit') || shown('pause-visit')), 'no visit screen', {
      timeout: 8000,
    });
    const problems: string[] = [];
    if (shown('start-visit')) {
      problems.push(...mainActionProblems(app, size, 'start'));
      deepAll(app.shadowRoot!, '[name="start-visit"]')[0]!.click();
    }
    await waitFor(() => shown('pause-visit'), 'visit not started', { timeout: 5000 });
    // The audit tab with a product scanned: 有 / 缺 / 价错.
    deepAll(app.shadowRoot!, 'button[data-tab="audit"]')[0]!.click();
    await waitFor(() => deepAll(app.shadowRoot!, 'kiosk-visit-audit').length > 0, 'no audit tab', { timeout: 5000 });
    await screen()!.showScan(makeScan('6901111222233'));
    await waitFor(() => shown('mark-present'), 'no marks', { timeout: 5000 });
    problems.push(...mainActionProblems(app, size, 'audit'));
    problems.push(...cutLabels(screen()!, 'visit audit'));
    deepAll(app.shadowRoot!, 'button[data-tab="summary"]')[0]!.click();
    await waitFor(() => shown('close-visit'), 'no close button', { timeout: 5000 });
    problems.push(...mainActionProblems(app, size, 'summary'));
    problems.push(...cutLabels(screen()!, 'visit summary'));
    // The rep's session: nine modes on the bar and the rep's name in the top bar.
    problems.push(...barLabelProblems(app, size, 'bars'));
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});

describe('a fresh terminal’s banners leave the screen its room (800×480)', () => {
  const { persist, persisted } = StorageManager.prototype;
  before(async () => {
    await deleteKioskDb();
    // Products, so the order list has rows; no owner PIN yet, and the browser refuses persistent storage.
    for (let i = 0; i < 12; i++) {
      await registerProduct({
        code: `0690222233${String(i).padStart(3, '0')}${i % 10}`,
        name: `商品 ${i + 1}`,
        priceCents: 1000,
        unit: 'pack',
        openingStock: 5,
      });
    }
    StorageManager.prototype.persisted = async () => false;
    StorageManager.prototype.persist = async () => false;
  });
  after(async () => {
    StorageManager.prototype.persist = persist;
    StorageManager.prototype.persisted = persisted;
    await closeDb();
    await deleteKioskDb();
    await setViewport({ width: 800, height: 600 });
    await setLocale('zh-Hans');
  });

  for (const locale of ['zh-Hans', 'en'] as KioskLocale[]) {
    it(`(${locale}) the order list keeps a visible height with the storage and owner-PIN banners up`, async () => {
      const size = { width: 800, height: 480 };
      await showAt(size, locale, 'order');
      const app = await mountApp();
      const banner = (kind: string) => app.shadowRoot!.querySelector(`kiosk-banner[data-kind="${kind}"]`);
      await waitFor(() => banner('persist') && banner('set-owner-pin'), 'the two first-run banners did not come up', { timeout: 8000 });
      const list = () => deepAll(app.shadowRoot!, 'kiosk-order-lines')[0];
      await waitFor(() => list()?.getClientRects().length, 'no order list', { timeout: 8000 });
      const r = list()!.getBoundingClientRect();
      // Room for at least a few products: a header row and three rows of the list.
      expect(
        Math.min(r.bottom, size.height) - Math.max(r.top, 0),
        `the order list is ${Math.round(r.height)} px high at ${Math.round(r.top)}`,
      ).to.be.at.least(160);
      expect(mainActionProblems(app, size, 'order')).to.deep.equal([]);
    });
  }

  for (const locale of ['zh-Hans', 'en'] as KioskLocale[]) {
    it(`(${locale}) the catalog's product list shows two products whole under the tabs and a banner`, async () => {
      const size = { width: 800, height: 480 };
      await showAt(size, locale, 'catalog');
      const app = await mountApp();
      await waitFor(() => app.shadowRoot!.querySelector('kiosk-banner[data-kind="persist"]'), 'no storage banner', { timeout: 8000 });
      await waitFor(() => deepAll(app.shadowRoot!, 'button[data-tab="products"]')[0], 'no products tab', { timeout: 8000 });
      (deepAll(app.shadowRoot!, 'button[data-tab="products"]')[0] as HTMLElement).click();
      await waitFor(() => deepAll(app.shadowRoot!, 'tr.tap').length >= 2, 'no product rows', { timeout: 8000 });
      const whole = deepAll(app.shadowRoot!, 'tr.tap').filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= size.height;
      });
      expect(whole.length, 'products shown whole without scrolling').to.be.at.least(2);
    });
  }
});

describe('the receive screen’s figures are in view', () => {
  const PACKS = [ean13('690111133360'), ean13('690111133361'), ean13('690111133362')];
  seededPerTest(async () => {
    for (const [i, code] of PACKS.entries())
      await registerProduct({
        code: `0${code}`,
        name: `长白山（硬）${i + 1}`,
        priceCents: 1500,
        unit: 'pack',
        openingStock: 5,
      });
    // A placed order for more than comes: the delivery check lists every line short.
    const draft = await saveOrderDraft(
      PACKS.map((code) => ({ code: `0${code}`, units: 3, packs: 30, suggestedUnits: 3, ownerEdited: false, unitCostCents: 12000 })),
    );
    await openOwnerSession();
    await placeOrder(draft.id);
    forgetSessionForTests();
  });

  atEverySize(
    'with the first-run banners and an order to check: the cost total and the note’s button above 完成入库',
    async (size, locale) => {
      await showAt(size, locale, 'receive');
      const app = await mountApp();
      await waitFor(() => app.shadowRoot!.querySelector('kiosk-banner[data-kind="persist"]'), 'no first-run banner', { timeout: 8000 });
      await waitFor(() => deepAll(app.shadowRoot!, 'kiosk-receive-screen')[0]?.getClientRects().length, 'no receive screen', {
        timeout: 8000,
      });
      const screen = deepAll(app.shadowRoot!, 'kiosk-receive-screen')[0] as HTMLElement & { showScan(scan: Scan): Promise<void> };
      for (const code of PACKS) await screen.showScan(makeScan(code));
      await waitFor(() => deepAll(screen.shadowRoot!, '[data-panel="order-match"]').length === 1, 'the order check did not show', {
        timeout: 8000,
      });
      const problems: string[] = [];
      const close = deepAll(screen.shadowRoot!, 'button[name="close"]')[0]!.getBoundingClientRect();
      for (const selector of ['[data-panel="total"] .sum', '[data-panel="total"] .packs', 'button[name="note-total"]']) {
        const el = deepAll(screen.shadowRoot!, selector)[0]!;
        const r = el.getBoundingClientRect();
        const side = el.closest('.frame')!.getBoundingClientRect();
        if (r.top < side.top - 0.5 || r.bottom > close.top + 0.5)
          problems.push(
            `${selector} (${Math.round(r.top)}–${Math.round(r.bottom)}) is not in view between ${Math.round(side.top)} and 完成入库 at ${Math.round(close.top)}`,
          );
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
    },
  );
});

describe('a basket’s lines are readable at the counter screens', () => {
  /** A long name, and the dearest line a shop sees: ten cartons at ¥999.99 a pack is ¥99,999.00. */
  const PACK = ean13('690111133330');
  const CARTON = ean13('690111133331');
  seededPerTest(() => registerCartonPack(PACK, CARTON, { name: '红塔山（经典1956）软包 细支', priceCents: 99999, openingStock: 500 }));

  atEverySize('the name has room for six characters a line, prices and totals are shown whole', async (size, locale) => {
    await showAt(size, locale, 'sell');
    const app = await mountApp();
    const problems: string[] = [];
    for (const mode of ['sell', 'receive'] as const) {
      app.setMode(mode);
      const tag = mode === 'sell' ? 'kiosk-sell-screen' : 'kiosk-receive-screen';
      await waitFor(() => deepAll(app.shadowRoot!, tag)[0]?.getClientRects().length, `${mode}: no screen`, { timeout: 8000 });
      const screen = deepAll(app.shadowRoot!, tag)[0] as HTMLElement & { showScan(scan: Scan): Promise<void> };
      await screen.showScan(makeScan(PACK));
      for (let i = 0; i < 10; i++) await screen.showScan(makeScan(CARTON));
      await waitFor(() => deepAll(screen.shadowRoot!, 'button.line').length === 2, `${mode}: the two lines were not shown`, {
        timeout: 8000,
      });
      for (const line of deepAll(screen.shadowRoot!, 'button.line'))
        problems.push(...lineProblems(line, `${mode} line ${line.querySelector('.no')?.textContent}`));
      // Beside the quantity editor the list is narrower still.
      deepAll(screen.shadowRoot!, 'button.line')[1]!.click();
      await waitFor(() => deepAll(screen.shadowRoot!, 'kiosk-quantity-editor').length === 1, `${mode}: no quantity editor`, {
        timeout: 5000,
      });
      for (const line of deepAll(screen.shadowRoot!, 'button.line'))
        problems.push(...lineProblems(line, `${mode} editing, line ${line.querySelector('.no')?.textContent}`));
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});

/** A basket line whose name is squeezed (under six characters a line) or whose figures are cut or overlap the name. */
function lineProblems(line: HTMLElement, label: string): string[] {
  const problems: string[] = [];
  const name = line.querySelector<HTMLElement>('.name')!;
  const nameBox = name.getBoundingClientRect();
  const charWidth = parseFloat(getComputedStyle(line.querySelector('.name .text')!).fontSize);
  if (nameBox.width < 6 * charWidth)
    problems.push(`${label}: the name is ${Math.round(nameBox.width)} px wide, under six characters of ${charWidth} px`);
  for (const cell of line.querySelectorAll<HTMLElement>('.num')) {
    // The unit price may step aside on a narrow list (the editor shows it); the quantity and the total never.
    if (cell.getClientRects().length === 0) {
      if (!cell.classList.contains('price')) problems.push(`${label}: ${cell.className} not shown`);
      continue;
    }
    const box = cell.getBoundingClientRect();
    const text = cell.textContent?.trim();
    if (cell.scrollWidth > cell.clientWidth + 0.5) problems.push(`${label}: “${text}” needs ${cell.scrollWidth} px in ${cell.clientWidth}`);
    if (box.left < nameBox.right - 0.5) problems.push(`${label}: “${text}” overlaps the name`);
  }
  return problems;
}

describe('the keypads can be reached at the counter screens', () => {
  const PACK = ean13('690111133340');
  const UNKNOWN = ean13('690111133349');
  seededPerTest(() => registerProduct({ code: `0${PACK}`, name: '红塔山（经典1956）', priceCents: 1000, unit: 'pack', openingStock: 50 }));

  atEverySize(
    "every key, 确定 and 保存 of the quantity editor and the new-product form can be touched, with a fresh terminal's banners",
    async (size, locale) => {
      await showAt(size, locale, 'sell');
      const app = await mountApp();
      await waitFor(() => deepAll(app.shadowRoot!, 'kiosk-sell-screen')[0]?.getClientRects().length, 'no sell screen', { timeout: 8000 });
      const screen = deepAll(app.shadowRoot!, 'kiosk-sell-screen')[0] as HTMLElement & { showScan(scan: Scan): Promise<void> };
      const problems: string[] = [];
      await screen.showScan(makeScan(PACK));
      await waitFor(() => deepAll(screen.shadowRoot!, 'button.line').length === 1, 'the line was not shown', { timeout: 8000 });
      deepAll(screen.shadowRoot!, 'button.line')[0]!.click();
      await waitFor(() => deepAll(screen.shadowRoot!, 'kiosk-quantity-editor').length === 1, 'no quantity editor', { timeout: 5000 });
      problems.push(...unreachable(app, size, 'kiosk-quantity-editor', 'quantity'));
      deepAll(deepAll(screen.shadowRoot!, 'kiosk-quantity-editor')[0]!.shadowRoot!, 'button[name="cancel"]')[0]!.click();
      await screen.showScan(makeScan(UNKNOWN));
      await waitFor(() => deepAll(screen.shadowRoot!, 'kiosk-register-form').length === 1, 'no new-product form', { timeout: 5000 });
      problems.push(...unreachable(app, size, 'kiosk-register-form', 'new product'));
      expect(problems, problems.join('\n')).to.deep.equal([]);
    },
  );
});

/**
 * The keys and buttons of `host` that a finger cannot touch: each is first
 * scrolled into view (as the owner would swipe), then must lie on the screen
 * and be what a touch at its centre lands on.
 */
function unreachable(app: KioskApp, size: { width: number; height: number }, host: string, label: string): string[] {
  const problems: string[] = [];
  const buttons = deepAll(app.shadowRoot!, host)
    .flatMap((el) => deepAll(el.shadowRoot!, 'button'))
    .filter((b) => b.getClientRects().length > 0);
  if (buttons.length < 12) problems.push(`${label}: only ${buttons.length} buttons`);
  for (const button of buttons) {
    button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = button.getBoundingClientRect();
    const name = `${label} “${buttonText(button)}” (${Math.round(r.top)}–${Math.round(r.bottom)})`;
    // A script may scroll a box a finger cannot (overflow: hidden): every box scrolled must be a scroller.
    for (let box: Element | null = button; box; box = box.parentElement ?? (box.getRootNode() as ShadowRoot).host ?? null) {
      const overflow = getComputedStyle(box);
      if (
        (box.scrollTop !== 0 && !/auto|scroll/.test(overflow.overflowY)) ||
        (box.scrollLeft !== 0 && !/auto|scroll/.test(overflow.overflowX))
      )
        problems.push(`${name} is in ${box.localName}.${box.className}, scrolled but not scrollable by touch`);
    }
    const problem = touchProblem(button, size);
    if (problem) problems.push(`${name}, scrolled into view, ${problem}`);
  }
  return problems;
}

describe('no label is cut off, for the owner', () => {
  const PACK = ean13('690111133350');
  const CARTON = ean13('690111133351');
  seededPerTest(async () => {
    await registerCartonPack(PACK, CARTON, { name: '红塔山（经典1956）', priceCents: 1000, openingStock: 50 });
    await openOwnerSession();
  });
  afterEach(() => forgetSessionForTests());

  atEverySize('调整 and 盘点 with a product scanned', async (size, locale) => {
    await showAt(size, locale, 'adjust');
    const app = await mountApp();
    const problems: string[] = [];
    const adjust = await modeScreen(app, 'kiosk-adjust-screen');
    await adjust.showScan(makeScan(PACK));
    await waitFor(() => deepAll(adjust.shadowRoot!, '.reasons button').length > 0, 'no reasons shown', { timeout: 5000 });
    problems.push(...cutLabels(adjust, 'adjust'));
    app.setMode('stocktake');
    const stocktake = await modeScreen(app, 'kiosk-stocktake-screen');
    await waitFor(() => deepAll(stocktake.shadowRoot!, 'button[name="start"]').length > 0, 'no start button', { timeout: 5000 });
    deepAll(stocktake.shadowRoot!, 'button[name="start"]')[0]!.click();
    await waitFor(() => deepAll(stocktake.shadowRoot!, 'kiosk-stocktake-progress').length > 0, 'the stocktake did not start', {
      timeout: 5000,
    });
    await stocktake.showScan(makeScan(PACK));
    await waitFor(() => deepAll(stocktake.shadowRoot!, 'button[name="unit-carton"]').length > 0, 'no count entry', { timeout: 5000 });
    problems.push(...cutLabels(stocktake, 'stocktake'));
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  atEverySize('every mode’s first screen', async (size, locale) => {
    await showAt(size, locale, 'sell');
    const app = await mountApp();
    const problems: string[] = [];
    let checked = 0;
    for (const mode of KIOSK_MODES.filter((m) => m !== 'visit')) {
      app.setMode(mode);
      const screen = await modeScreen(app, `[data-mode-screen="${mode}"]`);
      await waitFor(() => !screen.shadowRoot!.querySelector('[data-state="loading"]'), `${mode} still loading`, { timeout: 8000 });
      await (screen as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      problems.push(...cutLabels(screen, mode));
      checked += deepAll(screen.shadowRoot!, 'button').filter((b) => b.getClientRects().length > 0).length;
    }
    expect(checked, 'buttons checked').to.be.at.least(30);
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});

/** The mode's screen once the app shows it. */
async function modeScreen(app: KioskApp, tag: string): Promise<HTMLElement & { showScan(scan: Scan): Promise<void> }> {
  await waitFor(() => deepAll(app.shadowRoot!, tag)[0]?.getClientRects().length, `no ${tag}`, { timeout: 8000 });
  await waitFor(() => deepAll(app.shadowRoot!, tag)[0]!.shadowRoot, `${tag} not defined yet`, { timeout: 8000 }); // modes load on demand
  return deepAll(app.shadowRoot!, tag)[0] as HTMLElement & { showScan(scan: Scan): Promise<void> };
}

/** Buttons under `screen` whose label is wider than the button (cut off or spilling out). */
function cutLabels(screen: HTMLElement, label: string): string[] {
  return deepAll(screen.shadowRoot!, 'button')
    .filter((b) => b.getClientRects().length > 0)
    .flatMap((b) => {
      const cut = cutLabel(b);
      return cut ? [`${label} “${buttonText(b)}”: ${cut}`] : [];
    });
}

describe('the product editor’s fields fit beside its keypad', () => {
  let product: Product;
  before(async () => {
    await deleteKioskDb();
    await openOwnerSession();
    // A shop's longest everyday prices: ¥136.70 a pack (a cigar), ¥1,333.80 a carton.
    product = await registerCartonPack(ean13('690900000011'), ean13('690900000012'), { name: '七匹狼（细支）', priceCents: 136_70 });
    product = await putProduct({ ...product, costCents: 133_38 });
  });
  after(() => forgetSessionForTests());
  cleanUpAfterEach();

  atEverySize('every field at least 120 px wide and its value on one line, no label over a field', async (size, locale) => {
    await setViewport(size);
    await setLocale(locale);
    // As the catalog shows it: an overlay with 16 px around, at most 1000 px wide.
    const overlay = await fixture<HTMLElement>(
      html`<div style="position:fixed;inset:0;display:flex;align-items:flex-start;justify-content:center;padding:16px;overflow-y:auto">
        <kiosk-product-editor style="flex:1;max-width:1000px" .data=${kioskData} .product=${product}></kiosk-product-editor>
      </div>`,
    );
    const editor = overlay.querySelector('kiosk-product-editor')!;
    await editor.updateComplete;
    const root = editor.shadowRoot!;
    // The retail price tapped, as the owner does to change it: its value shown marked, to be typed over.
    root.querySelector<HTMLElement>('.entry[name="price"]')!.click();
    await editor.updateComplete;
    const controls = [...root.querySelectorAll<HTMLElement>('.fields > .control')];
    const labels = [...root.querySelectorAll<HTMLElement>('.fields > label, .fields > .label')];
    expect(controls.length, 'no fields').to.be.greaterThan(8);
    const problems: string[] = [];
    for (const control of controls) {
      const r = control.getBoundingClientRect();
      const name =
        control.querySelector('[name], [id]')?.getAttribute('name') ??
        control.querySelector('[id]')?.id ??
        control.textContent?.trim().slice(0, 12);
      if (r.width < 120) problems.push(`${name}: ${Math.round(r.width)} px wide`);
      const entry = control.querySelector<HTMLElement>('.entry');
      if (entry && labelLines(entry) > 1) problems.push(`${name}: “${buttonText(entry)}” on ${labelLines(entry)} lines`);
      for (const label of labels) {
        const l = label.getBoundingClientRect();
        const across = Math.min(l.right, r.right) - Math.max(l.left, r.left);
        const down = Math.min(l.bottom, r.bottom) - Math.max(l.top, r.top);
        if (across > 0.5 && down > 0.5) problems.push(`label “${label.textContent?.trim()}” lies over ${name} by ${Math.round(across)} px`);
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
