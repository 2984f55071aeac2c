/**
 * Transport from the terminal end to end (issue 15): a real terminal service
 * with a pty scanner and `--collector` set, Debian's Chromium, and a real
 * collector on a throw-away PostgreSQL 15. The rep reads the terminal's key
 * fingerprint off the quarter tab and enrols it; does a visit (a tag audit by
 * scanning); the owner confirms it; the page hands the signed bundle to the
 * service's outbox, the service pushes it, the rep's screen says it was sent,
 * and a manager signed in to the collector sees the shop with the visit.
 * The board back (issue 15): a new product a manager promoted before the push
 * comes back with it, verified against the pinned collector key; the owner
 * reads it on the board screen, puts it into the customer display's loop, and
 * sends the receipts, which reach the collector's board_acks (marked accepted).
 *
 * A seeded shop of three products, not the demo shop: the demo's year of sales
 * makes a bundle of a quarter's daily rows and minutes of seeding; the
 * transport is the same for either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnerKiosk, stopTerminal, type Terminal } from '../helpers/terminal.ts';
import { closeAndConfirm, registerRep, repSignsIn, scanAndMark } from '../helpers/visit-page.ts';
import { E2E_OWNER_PIN, makeEan13Codes, typePinOnPage, type KioskPage } from '../helpers/kiosk-page.ts';
import { startTestCollector, type TestCollector } from '../fleet/test-collector.ts';
import { ADMIN_TOKEN, signInAs } from '../fleet/fleet-helpers.ts';
import { localDay } from '../../src/domain/product.ts';

const REP_PIN = '8642';
/** Bundles name their district 'unassigned' until the terminal learns its district at enrolment. */
const DISTRICT = 'unassigned';

describe('a visit’s bundle from a real terminal to a real collector', () => {
  let collector: TestCollector | undefined;
  let terminal: Terminal | undefined;
  let kiosk: KioskPage | undefined;
  const codes = makeEan13Codes(2, 810);
  const today = localDay(Date.now());
  /** The promoted product's board item, posted before the push that brings it back. */
  let promotedItemId = '';
  let enrolledTerminal = '';

  beforeAll(async () => {
    collector = await startTestCollector(today);
    const boardKey = ((await (await fetch(`${collector.base}/board-key`)).json()) as { publicKey: string }).publicKey;
    ({ terminal, kiosk } = await startOwnerKiosk('e2e-fleet-push-', 'sell', {
      extraArgs: ['--collector', collector.base, '--collector-key', boardKey],
      products: codes.map((code, i) => ({ code: `0${code}`, name: `推送烟${i + 1}`, priceCents: 2000 + i * 300, stock: 20 })),
    }));
  }, 170_000);

  afterAll(async () => {
    await stopTerminal(terminal, kiosk);
    await collector?.stop();
  });

  it('is enrolled, visited, confirmed, pushed, and seen in the district overview', async () => {
    const page = kiosk!.page;
    const base = collector!.base;
    await registerRep(page, '李业务', 'KM-9', REP_PIN);
    await repSignsIn(page, REP_PIN);
    await page.locator('kiosk-visit-screen button[name="start-visit"]').click();
    await page.locator('kiosk-visit-screen [data-kind="visit-started"]').waitFor();

    // Enrolment: the rep reads the key's fingerprint off the terminal and registers it with the collector.
    await page.locator('kiosk-visit-screen button[data-tab="quarter"]').click();
    const key = page.locator('kiosk-quarter-evaluation [data-key]');
    await key.waitFor({ timeout: 15_000 });
    const publicKey = (await key.getAttribute('title'))!;
    const [, terminalId, fingerprint] = /本机 (T[0-9a-f]{12}) 签名公钥指纹：([0-9a-f ]+)/.exec(
      (await key.textContent())!.replace(/\s+/g, ' '),
    )!;
    const enrolled = await fetch(`${base}/terminals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        district: DISTRICT,
        shopId: 'shop-push',
        shopName: '推送测试便利店',
        businessFormat: '便利店',
        terminalId,
        publicKey,
        fingerprint: fingerprint!.trim(),
      }),
    });
    expect(enrolled.status).toBe(201);
    enrolledTerminal = terminalId!;

    // A manager promotes one of the shop's products on the board; it travels back with the push below.
    const poster = await signInAs(base, { login: 'push-poster', district: DISTRICT, role: 'manager' });
    const posted = await fetch(`${base}/board`, {
      method: 'POST',
      headers: { cookie: poster.cookie, 'x-csrf-token': poster.csrfToken },
      body: JSON.stringify({
        kind: 'new-product',
        title: '新品推荐：推送烟2',
        product: { code: `0${codes[1]}`, name: '推送烟2', priceCents: 2300 },
      }),
    });
    expect(posted.status).toBe(201);
    promotedItemId = ((await posted.json()) as { id: string }).id;

    // The visit: one tag missing, one present, scanned with the counter scanner.
    await page.locator('kiosk-visit-screen button[data-tab="audit"]').click();
    await scanAndMark(page, terminal!.pty, codes[0]!, 'missing');
    await scanAndMark(page, terminal!.pty, codes[1]!, 'present');
    await closeAndConfirm(page);

    // The bundle goes to the outbox on confirmation and out to the collector; the rep's screen follows it.
    const result = page.locator('kiosk-visit-screen [data-kind="outbox-result"]');
    await result.waitFor({ timeout: 20_000 });
    const until = Date.now() + 30_000;
    while ((await result.getAttribute('data-outbox')) !== 'sent') {
      expect(await result.getAttribute('data-outbox'), (await result.textContent()) ?? '').toBe('waiting');
      if (Date.now() > until) throw new Error('the bundle was not sent in 30 s');
      await page.locator('kiosk-visit-screen button[name="refresh-outbox"]').click();
      await page.waitForTimeout(200);
    }
    const stored = await collector!.pool.query<{ sequence: number }>('SELECT sequence FROM bundles WHERE terminal_id = $1', [terminalId]);
    expect(stored.rows).toHaveLength(1);

    // A manager of the district signs in to the collector: the shop is there, with today's visit.
    const manager = await signInAs(base, { login: 'push-manager', district: DISTRICT, role: 'manager' });
    const overview = (await (await fetch(`${base}/overview`, { headers: { cookie: manager.cookie } })).json()) as {
      shops: { shopId: string; name: string; lastVisit: { date: string } | null; priceTagsMissing: number | null; visitOverdue: boolean }[];
    };
    const shop = overview.shops.find((s) => s.shopId === 'shop-push');
    expect(shop).toMatchObject({ name: '推送测试便利店', lastVisit: { date: today }, priceTagsMissing: 1, visitOverdue: false });
    const html = await (await fetch(`${base}/overview.html`, { headers: { cookie: manager.cookie } })).text();
    expect(html).toContain('推送测试便利店');
    expect(html).toContain(today);
  }, 180_000);

  it('brings the promoted product back on the board; the owner accepts it and the receipt reaches the collector', async () => {
    const page = kiosk!.page;
    // The service fetched the board after the push (GET /board on loopback: what the screen reads).
    const until = Date.now() + 30_000;
    for (;;) {
      const board = (await (await fetch(`${terminal!.service.url}board`)).json()) as { items: { id: string }[] };
      if (board.items.some((i) => i.id === promotedItemId)) break;
      if (Date.now() > until) throw new Error('the board item did not reach the terminal in 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }

    await page.locator('kiosk-mode-bar button[data-mode="board"]').click();
    const screen = page.locator('kiosk-board-screen');
    const needed = screen.locator('[data-kind="owner-needed"] button[name="owner-pin"]');
    const verified = screen.locator('[data-kind="verified"]');
    await needed.or(verified).first().waitFor({ timeout: 15_000 });
    if (await needed.isVisible()) {
      await needed.click();
      await typePinOnPage(page, E2E_OWNER_PIN);
    }
    await verified.waitFor({ timeout: 15_000 });
    await screen.locator('button[data-column="new-product"]').click();
    const row = screen.locator(`li[data-item="${promotedItemId}"]`);
    expect(await row.getAttribute('data-unread')).toBe('true');
    await row.locator('button[name="open-item"]').click();
    await row.locator('button[name="accept"]').click();
    await row.locator('[data-kind="accepted"]').waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-unread')).toBe('false');
    // On the customer display's loop now.
    const display = await kiosk!.context.newPage();
    try {
      await display.goto(`${terminal!.service.url}display`);
      await display.locator(`kiosk-display-app article[data-kind="new-product"][data-code="0${codes[1]}"]`).waitFor({ timeout: 15_000 });
    } finally {
      await display.close();
    }

    await screen.locator('button[name="send-receipts"]').click();
    await screen.locator('kiosk-banner[data-kind="receipts"]').waitFor({ timeout: 15_000 });
    const ackUntil = Date.now() + 30_000;
    for (;;) {
      const acks = await collector!.pool.query<{ item_id: string; seen_on: Date; accepted: boolean }>(
        'SELECT item_id, seen_on, accepted FROM board_acks WHERE terminal_id = $1',
        [enrolledTerminal],
      );
      // The receipt says more than "read": the owner put the product into the display's loop.
      if (acks.rows.some((a) => a.item_id === promotedItemId && a.accepted)) break;
      if (Date.now() > ackUntil) throw new Error('the receipt did not reach the collector in 30 s');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);
});
