/**
 * The rep's visit (issue 12) in real Chromium and real IndexedDB: visit mode
 * only in a rep session, the price-tag audit from counter scans, a reload in
 * the middle of a visit resuming it where it was, the owner's PIN confirming
 * it (read-only from then on), and the owner's messages to the rep.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/kiosk-app.ts';
import '../../src/screens/kiosk-owner-messages.ts';
import { MODE_STORAGE_KEY, type KioskApp } from '../../src/kiosk-app.ts';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { registerProduct } from '../../src/data/products.ts';
import { putReorderSettings, getReorderSettings } from '../../src/data/reorder.ts';
import { forgetSessionForTests, newPageLifeForTests, registerStaff, signIn, signOut, usePinIterations } from '../../src/data/roles.ts';
import {
  VisitReadOnlyError,
  getOpenVisit,
  getPriceTagAudit,
  getVisitSummaries,
  getVisits,
  putChecklistItem,
  recordPriceTag,
  useVisitClockForTests,
} from '../../src/data/visits.ts';
import { getOwnerMessages } from '../../src/data/owner-messages.ts';
import type { KioskPinGate } from '../../src/screens/kiosk-pin-gate.ts';
import type { KioskOwnerMessages } from '../../src/screens/kiosk-owner-messages.ts';
import { deep, deepText, maybeDeep } from './shadow-dom.ts';
import { ean13, makeScan, openOwnerSession, TEST_OWNER_PIN } from './shop-fixtures.ts';
import { FakeService } from './fakes.ts';
import { gunzipText, verifyBundle } from '../../src/data/visit-bundle.ts';
import type { SignedFleetBundle } from '../../src/domain/fleet-bundle.ts';
import type { KioskVisitScreen } from '../../src/screens/kiosk-visit-screen.ts';
import type { OutboxView } from '../../src/data/outbox.ts';
import { emulateMedia } from '@web/test-runner-commands';

const REP_PIN = '7777';

const PRODUCTS = ['690111122223', '690111122224', '690111122225', '690111122226', '690111122227'].map((body) => ean13(body));

let repId = '';
let mono = 0;

async function typePin(gate: KioskPinGate, pin: string) {
  await waitFor(() => gate.hasAttribute('open'), 'the PIN pad did not open');
  await gate.updateComplete;
  for (const digit of pin) deep(gate, 'kiosk-pin-pad', 'kiosk-keypad', `button[data-key="${digit}"]`).click();
  const pad = deep(gate, 'kiosk-pin-pad') as HTMLElement & { updateComplete: Promise<unknown> };
  await pad.updateComplete;
  deep<HTMLButtonElement>(gate, 'kiosk-pin-pad', 'button[name="ok"]').click();
}

async function connectedApp() {
  FakeService.last = undefined;
  const app = await fixture<KioskApp>(
    html`<kiosk-app .streamOptions=${{ url: 'ws://kiosk.test/scans', WebSocket: FakeService }}></kiosk-app>`,
  );
  await waitFor(() => FakeService.last !== undefined, 'no socket opened');
  const service = FakeService.last!;
  service.accept();
  service.deliver({
    type: 'hello',
    bootId: 'b1',
    version: 'test',
    scanners: [{ id: 'counter', path: '/dev/ttyACM0', status: 'connected' }],
  });
  await waitFor(() => app.dataset.connection === 'open', 'not open');
  return { app, service };
}

async function repSignsIn(app: KioskApp) {
  expect((await signIn(repId, REP_PIN)).ok).to.equal(true);
  await waitFor(() => app.mode === 'visit' && maybeDeep(app, 'kiosk-visit-screen') !== null, 'the rep did not land in visit mode');
  await waitFor(
    () => maybeDeep(app, 'kiosk-visit-screen', '[data-kind="visit-start"], [data-kind="visit-bar"]') !== null,
    'visit screen empty',
  );
}

function click(app: KioskApp, ...selectors: string[]) {
  deep<HTMLButtonElement>(app, ...selectors).click();
}

/** Taps `button` on the visit screen and waits until `shown` (a path of selectors inside the screen) is there. */
async function tapAndSee(app: KioskApp, button: string, shown: string[], message: string, timeout?: number) {
  click(app, 'kiosk-visit-screen', button);
  await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', ...shown) !== null, message, { timeout });
}

async function startVisit(app: KioskApp) {
  click(app, 'kiosk-visit-screen', 'button[name="start-visit"]');
  await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-audit') !== null, 'the audit tab did not open');
}

/** A connected app on which the rep has signed in and started a visit. */
async function repOnNewVisit() {
  const connected = await connectedApp();
  await repSignsIn(connected.app);
  await startVisit(connected.app);
  return connected;
}

async function scanAndMark(app: KioskApp, service: FakeService, code: string, mark: 'present' | 'missing' | 'wrong-price', seq: number) {
  service.deliver({ type: 'scans', scans: [makeScan(code, { id: `b1-${seq}`, seq })] });
  await waitFor(
    () => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-audit', `[data-kind="audit-product"][data-code="0${code}"]`) !== null,
    `${code} not shown to mark`,
  );
  click(app, 'kiosk-visit-screen', 'kiosk-visit-audit', `button[name="mark-${mark}"]`);
  await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-audit', '[data-kind="audit-product"]') === null, 'mark not taken');
}

/** The owner writes a message to the rep in the owner's panel, then signs out. */
async function ownerLeavesMessage(text: string) {
  await openOwnerSession();
  const panel = await fixture<KioskOwnerMessages>(html`<kiosk-owner-messages></kiosk-owner-messages>`);
  const input = deep<HTMLInputElement>(panel, 'input[name="owner-message"]');
  input.value = text;
  input.dispatchEvent(new Event('input'));
  deep<HTMLButtonElement>(panel, 'button[name="write-owner-message"]').click();
  await waitFor(async () => (await getOwnerMessages()).some((m) => m.text === text), 'message not stored');
  await signOut();
  fixtureCleanup();
}

/** As a reload does: the page goes, the session (in memory) with it, the database stays. */
async function reload() {
  fixtureCleanup();
  newPageLifeForTests();
  forgetProducts();
  await closeDb();
}

describe('the rep’s visit', () => {
  beforeEach(async () => {
    localStorage.setItem(MODE_STORAGE_KEY, 'sell');
    usePinIterations(10);
    newPageLifeForTests();
    forgetProducts();
    await deleteKioskDb();
    mono = 0;
    useVisitClockForTests(() => mono);
    await openOwnerSession();
    // A convenience store: the weekly visit is owed.
    await putReorderSettings({ ...(await getReorderSettings()), businessFormat: 'convenience' });
    for (const [i, code] of PRODUCTS.entries()) {
      await registerProduct({ code: `0${code}`, name: `测试烟${i + 1}`, priceCents: 1000 + i * 100, unit: 'pack', openingStock: 10 });
    }
    const rep = await registerStaff({ role: 'rep', name: '李经理', staffNumber: 'KM-0042', pin: REP_PIN }, TEST_OWNER_PIN);
    repId = rep.id!;
    await signOut();
  });
  afterEach(async () => {
    fixtureCleanup();
    forgetSessionForTests();
    useVisitClockForTests();
    await closeDb();
  });

  it('is not on the bar without a rep or the owner, and a customer cannot switch to it', async () => {
    const { app } = await connectedApp();
    expect(maybeDeep(app, 'kiosk-mode-bar', 'button[data-mode="visit"]')).to.equal(null);
    app.setMode('visit');
    await app.updateComplete;
    expect(app.mode).to.equal('sell');
    await repSignsIn(app);
    expect(maybeDeep(app, 'kiosk-mode-bar', 'button[data-mode="visit"]')).to.not.equal(null);
    // Customer mode signs the rep out: the visit goes from the screen under it.
    app.enterCustomerMode();
    await waitFor(() => app.mode === 'sell', 'visit mode stayed under customer mode');
    expect(maybeDeep(app, 'kiosk-visit-screen')).to.equal(null);
  });

  it('marks price tags from counter scans: 有 / 缺 / 价错, the missing count against ≤ 3 and the list to fix', async () => {
    const { app, service } = await connectedApp();
    await repSignsIn(app);
    // Never visited: the visit screen says it is owed.
    expect(deep(app, 'kiosk-visit-screen', '[data-kind="visit-cadence"]').dataset.overdue).to.equal('true');
    await startVisit(app);
    expect(deepText(deep(app, 'kiosk-visit-screen', '[data-kind="visit-started"]'))).to.include('李经理');

    service.deliver({ type: 'scans', scans: [makeScan(PRODUCTS[0]!, { id: 'b1-1', seq: 1 })] });
    await waitFor(
      () => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-audit', '[data-kind="audit-product"]') !== null,
      'product not shown',
    );
    expect(deepText(deep(app, 'kiosk-visit-screen', 'kiosk-visit-audit', '[data-kind="terminal-price"]'))).to.include('10.00');
    click(app, 'kiosk-visit-screen', 'kiosk-visit-audit', 'button[name="mark-present"]');
    await waitFor(
      () => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-audit', '[data-kind="audit-product"]') === null,
      'mark not taken',
    );

    // 价错 with the shelf's price typed.
    service.deliver({ type: 'scans', scans: [makeScan(PRODUCTS[1]!, { id: 'b1-2', seq: 2 })] });
    await waitFor(
      () => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-audit', 'input[name="shelf-price"]') !== null,
      'no shelf price field',
    );
    const shelf = deep<HTMLInputElement>(app, 'kiosk-visit-screen', 'kiosk-visit-audit', 'input[name="shelf-price"]');
    shelf.value = '10.50';
    shelf.dispatchEvent(new Event('input'));
    click(app, 'kiosk-visit-screen', 'kiosk-visit-audit', 'button[name="mark-wrong-price"]');
    await waitFor(
      () => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-audit', '[data-kind="audit-product"]') === null,
      'mark not taken',
    );
    for (const [i, code] of PRODUCTS.slice(2).entries()) await scanAndMark(app, service, code, 'missing', 3 + i);

    const audit = deep(app, 'kiosk-visit-screen', 'kiosk-visit-audit');
    await waitFor(() => deep(audit, '[data-kind="missing-count"]').dataset.missing === '3', 'missing count not 3');
    expect(deep(audit, '[data-kind="missing-count"]').classList.contains('ok')).to.equal(true, '3 missing meets the standard');
    const visit = (await getOpenVisit())!;
    const lines = await getPriceTagAudit(visit.id);
    expect(lines.map((l) => l.status)).to.deep.equal(['present', 'wrong-price', 'missing', 'missing', 'missing']);
    expect(lines[1]).to.deep.include({ terminalPriceCents: 1100, shelfPriceCents: 1050 });
    expect(visit.priceTags).to.deep.equal({ checked: 5, missing: 3, wrongPrice: 1 });
    expect(deep(audit, '[data-kind="fix-list"]').querySelectorAll('li').length).to.equal(4);

    // The first product again, now missing: its line is replaced, and 4 > 3 fails the standard.
    await scanAndMark(app, service, PRODUCTS[0]!, 'missing', 10);
    await waitFor(() => deep(audit, '[data-kind="missing-count"]').dataset.missing === '4', 'missing count not 4');
    expect(deep(audit, '[data-kind="missing-count"]').classList.contains('off')).to.equal(true);
    expect((await getVisitSummaries())[0]!.priceTagsMissing).to.equal(4);
  });

  it('survives a reload mid-visit: the rep signs in again and is back on the same tab with everything kept; pause and resume', async () => {
    let { app, service } = await repOnNewVisit();
    await scanAndMark(app, service, PRODUCTS[2]!, 'missing', 1);
    await tapAndSee(app, 'nav button[data-tab="checklist"]', ['kiosk-visit-checklist'], 'no checklist');
    mono = 5 * 60_000; // five minutes of work
    click(app, 'kiosk-visit-screen', 'kiosk-visit-checklist', 'section[data-task="new-brand"] button[name="task-done"]');
    await waitFor(async () => (await getOpenVisit())!.checklist['new-brand'].done, 'task not stored');

    await reload();
    ({ app, service } = await connectedApp());
    expect(app.mode).to.equal('sell', 'a reload must not open the visit to whoever is at the counter');
    expect(maybeDeep(app, 'kiosk-visit-screen')).to.equal(null);
    await repSignsIn(app);
    await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-checklist') !== null, 'not back on the checklist');
    const item = deep(app, 'kiosk-visit-screen', 'kiosk-visit-checklist', 'section[data-task="new-brand"] button[name="task-done"]');
    expect(item.getAttribute('aria-pressed')).to.equal('true');
    expect((await getVisits()).length).to.equal(1, 'the same visit, not a new one');
    expect((await getOpenVisit())!.priceTags?.missing).to.equal(1);

    // Pause: nothing can be changed until resumed.
    click(app, 'kiosk-visit-screen', 'button[name="pause-visit"]');
    await waitFor(async () => (await getOpenVisit())!.status === 'paused', 'not paused');
    await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', 'button[name="resume-visit"]') !== null, 'no resume button');
    expect(deep<HTMLButtonElement>(app, 'kiosk-visit-screen', 'kiosk-visit-checklist', 'button[name="task-done"]').disabled).to.equal(true);
    click(app, 'kiosk-visit-screen', 'button[name="resume-visit"]');
    await waitFor(async () => (await getOpenVisit())!.status === 'open', 'not resumed');
    // The time worked counts the five minutes before the reload only (the new page life starts a new stretch).
    expect((await getOpenVisit())!.activeMs).to.equal(5 * 60_000);
  });

  it('is confirmed by the owner’s PIN on the one PIN pad, and read-only after', async () => {
    const { app, service } = await repOnNewVisit();
    await scanAndMark(app, service, PRODUCTS[0]!, 'missing', 1);
    await tapAndSee(app, 'nav button[data-tab="summary"]', ['button[name="close-visit"]'], 'no close button');
    await tapAndSee(app, 'button[name="close-visit"]', ['button[name="confirm-visit"]'], 'no confirm button');
    const id = (await getOpenVisit())!.id;

    // The terminal service's outbox, faked: what the page hands over, and what the service says of it.
    const handed = new Map<string, Uint8Array>();
    const outboxView: OutboxView = {
      collector: 'http://collector.example',
      pending: [],
      refused: [],
      lastProblem: null,
      failures: 0,
      delivered: 0,
    };
    deep<KioskVisitScreen>(app, 'kiosk-visit-screen').outbox = {
      put: async (name, bytes) => {
        handed.set(name, bytes.slice());
        outboxView.pending.push(name);
      },
      state: async () => structuredClone(outboxView),
    };
    click(app, 'kiosk-visit-screen', 'button[name="confirm-visit"]');
    await typePin(deep<KioskPinGate>(app, 'kiosk-pin-gate'), TEST_OWNER_PIN);
    await waitFor(async () => (await getVisits())[0]!.status === 'confirmed', 'not confirmed');
    // Confirmed: the signed bundle goes to the outbox at once, and the rep sees it waiting.
    await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', '[data-kind="outbox-result"]') !== null, 'no outbox result', {
      timeout: 20_000,
    });
    expect(deep(app, 'kiosk-visit-screen', '[data-kind="outbox-result"]').dataset.outbox).to.equal('waiting');
    const [[queuedName, queued]] = [...handed.entries()] as [[string, Uint8Array]];
    const queuedSigned = JSON.parse(await gunzipText(queued)) as SignedFleetBundle;
    expect(await verifyBundle(queuedSigned)).to.equal(true);
    expect(queuedSigned.bundle.visit?.priceTagsMissing).to.equal(1);
    // The collector refuses it: the reason reaches the rep's screen.
    outboxView.pending = [];
    outboxView.refused = [{ name: queuedName, status: 403, error: 'unknown-terminal', message: '终端未登记' }];
    click(app, 'kiosk-visit-screen', 'button[name="refresh-outbox"]');
    await waitFor(() => deep(app, 'kiosk-visit-screen', '[data-kind="outbox-result"]').dataset.outbox === 'refused', 'refusal not shown');
    expect(deepText(deep(app, 'kiosk-visit-screen', '[data-kind="outbox-result"]'))).to.include('终端未登记');
    // The owner signing in ended the rep's session, yet the screen stays on the confirmed visit.
    await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', '[data-kind="visit-confirmed"]') !== null, 'confirmation not shown');
    expect(app.mode).to.equal('visit');
    const confirmed = (await getVisits())[0]!;
    expect(confirmed.confirmedAt).to.be.a('number');
    expect(confirmed.durationMs).to.equal(confirmed.activeMs);

    // The rep takes the signed report away on a stick: written, read back, its signature verified.
    const stick = new Map<string, Uint8Array>();
    deep<KioskVisitScreen>(app, 'kiosk-visit-screen').usb = {
      list: async () => ({ files: [], truncated: false, targets: ['/media/usb0'] }),
      writeBytes: async (path: string, bytes: Uint8Array) => void stick.set(path, bytes.slice()),
      read: async (path: string) => stick.get(path) ?? new Uint8Array(),
    };
    await tapAndSee(app, 'button[name="export-bundle"]', ['[data-kind="bundle-result"]'], 'no export result', 20_000);
    expect(deep(app, 'kiosk-visit-screen', '[data-kind="bundle-result"]').dataset.tone).to.equal('info');
    const [[path, bytes]] = [...stick.entries()] as [[string, Uint8Array]];
    expect(path).to.match(/^\/media\/usb0\/.+\.fleet\.json\.gz$/);
    const signed = JSON.parse(await gunzipText(bytes)) as SignedFleetBundle;
    expect(await verifyBundle(signed)).to.equal(true);
    expect(signed.bundle.visit?.priceTagsMissing).to.equal(1);
    expect(
      await verifyBundle({ ...signed, bundle: { ...signed.bundle, visit: { ...signed.bundle.visit!, priceTagsMissing: 0 } } }),
    ).to.equal(false);
    // The stick's file went to the outbox too, and the service says it was sent.
    expect(handed.get(path.slice('/media/usb0/'.length))).to.deep.equal(bytes);
    outboxView.pending = [];
    click(app, 'kiosk-visit-screen', 'button[name="refresh-outbox"]');
    await waitFor(() => deep(app, 'kiosk-visit-screen', '[data-kind="outbox-result"]').dataset.outbox === 'sent', 'sent not shown');

    // The printed report: the summary's record on paper, without the tabs and buttons.
    let printed = 0;
    deep<KioskVisitScreen>(app, 'kiosk-visit-screen').printPage = () => printed++;
    click(app, 'kiosk-visit-screen', 'button[name="print-visit"]');
    expect(printed).to.equal(1);
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(deep(app, 'kiosk-visit-screen', 'nav')).display).to.equal('none');
      expect(getComputedStyle(deep(app, 'kiosk-visit-screen', 'button[name="print-visit"]')).display).to.equal('none');
      expect(deep(app, 'kiosk-visit-screen', 'kiosk-visit-summary').getClientRects().length).to.be.greaterThan(0);
    } finally {
      await emulateMedia({ media: 'screen' });
    }

    // The log shows it; and no write reaches it any more, not even from the rep.
    await tapAndSee(app, 'button[name="open-log"]', ['kiosk-visit-log', '[data-kind="visit-log-entry"]'], 'no log entry');
    expect(deepText(deep(app, 'kiosk-visit-screen', 'kiosk-visit-log'))).to.include('店主已确认');
    expect((await signIn(repId, REP_PIN)).ok).to.equal(true);
    let refused: unknown;
    try {
      await putChecklistItem(id, 'display', { done: true, note: '', shown: '' });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(VisitReadOnlyError);
    refused = undefined;
    try {
      await recordPriceTag(id, { productId: 'x', barcode: 'x', name: 'x', terminalPriceCents: 1, status: 'present' });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(VisitReadOnlyError);
    expect((await getVisits())[0]!.checklist.display.done).to.equal(false);
  });

  it('carries the owner’s messages to the rep, who marks them read in the visit', async () => {
    await ownerLeavesMessage('下次请带新品目录');

    const { app } = await repOnNewVisit();
    click(app, 'kiosk-visit-screen', 'nav button[data-tab="notes"]');
    await waitFor(
      () => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-notes', '[data-kind="owner-messages"]') !== null,
      'message not shown',
    );
    expect(deepText(deep(app, 'kiosk-visit-screen', 'kiosk-visit-notes'))).to.include('下次请带新品目录');
    click(app, 'kiosk-visit-screen', 'kiosk-visit-notes', 'button[name="message-read"]');
    const visitId = (await getOpenVisit())!.id;
    await waitFor(async () => (await getOwnerMessages())[0]!.readInVisitId === visitId, 'not marked read');
    await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-visit-notes', '[data-kind="owner-messages"]') === null, 'still shown');
  });

  it('writes the notes and the checklist in the kiosk’s font (a textarea’s own is monospace)', async () => {
    const { app } = await repOnNewVisit();
    const wrong: string[] = [];
    for (const [tab, part] of [
      ['checklist', 'kiosk-visit-checklist'],
      ['notes', 'kiosk-visit-notes'],
    ] as const) {
      click(app, 'kiosk-visit-screen', `nav button[data-tab="${tab}"]`);
      await waitFor(() => maybeDeep(app, 'kiosk-visit-screen', part, 'textarea, input') !== null, `${tab}: no text field`);
      const root = deep(app, 'kiosk-visit-screen', part).shadowRoot!;
      const font = getComputedStyle(root.host).fontFamily;
      for (const field of root.querySelectorAll<HTMLElement>('textarea, input:not([type="date"])')) {
        const used = getComputedStyle(field).fontFamily;
        if (used !== font) wrong.push(`${tab} ${field.localName}[name=${field.getAttribute('name')}]: ${used}`);
      }
    }
    expect(wrong, wrong.join('\n')).to.deep.equal([]);
  });

  it('shows the review since the last visit with the owner’s messages, and the quarter’s five functions, in the visit’s tabs', async () => {
    await ownerLeavesMessage('中华断货两天了');

    const { app } = await repOnNewVisit();
    await tapAndSee(app, 'nav button[data-tab="review"]', ['kiosk-visit-review'], 'no review in the 回顾 tab');
    await waitFor(
      () => deepText(deep(app, 'kiosk-visit-screen', 'kiosk-visit-review')).includes('中华断货两天了'),
      'the owner’s message is not in the review',
    );
    await tapAndSee(app, 'nav button[data-tab="quarter"]', ['kiosk-quarter-evaluation'], 'no evaluation in the 季度评价 tab');
    await waitFor(
      () => maybeDeep(app, 'kiosk-visit-screen', 'kiosk-quarter-evaluation', 'button[data-action="grade"]') !== null,
      'no 评定本季度',
    );
    click(app, 'kiosk-visit-screen', 'kiosk-quarter-evaluation', 'button[data-action="grade"]');
    await waitFor(
      () => deepText(deep(app, 'kiosk-visit-screen', 'kiosk-quarter-evaluation')).includes('信息采集'),
      'the five functions are not shown',
    );
    expect(maybeDeep(app, 'kiosk-visit-screen', '[data-kind="slot-not-yet"]')).to.equal(null);
  });

  it('tells the owner on the counter that the weekly visit is overdue', async () => {
    const { app } = await connectedApp();
    await openOwnerSession();
    await waitFor(() => maybeDeep(app, 'kiosk-banner[data-kind="visit-overdue"]') !== null, 'no overdue notice');
    expect(deepText(deep(app, 'kiosk-banner[data-kind="visit-overdue"]'))).to.include('每周应拜访');
  });
});
