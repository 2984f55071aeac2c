/**
 * The owner's side travelling to the collector (issue 15), on a real collector
 * and PostgreSQL 15: a receipt says read / accepted / quotas applied, the
 * owner's messages to the rep are kept once per terminal, a re-sent bundle
 * changes nothing, a late one takes no flag back, and the shop's page (in a
 * real Chromium) shows both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.mjs';
import { buildFleetPagesIfStale, FLEET_PAGES_DIR } from '../../fleet/pages.ts';
import type { ShopPage } from '../../fleet/overview.ts';
import { parseSignedFleetBundle } from '../../src/domain/fleet-bundle.ts';
import { startTestCollector, type TestCollector } from './test-collector.ts';
import {
  enrol,
  fakeTerminal,
  makeBundle,
  makeBundleV1,
  postBundle,
  signBundle,
  signInAs,
  type FakeTerminal,
  type SignedIn,
} from './fleet-helpers.ts';

let running: TestCollector | undefined;
let browser: Browser | undefined;
let base: string;
let shop: FakeTerminal;
let manager: SignedIn;
let supplyId: string;
let promoId: string;

const DAY = '2026-11-29';

beforeAll(async () => {
  await buildFleetPagesIfStale(() => {});
  running = await startTestCollector(DAY, FLEET_PAGES_DIR);
  base = running.base;
  shop = fakeTerminal('T-reply', 'D-reply');
  expect((await enrol(base, shop, '回信便利店')).status).toBe(201);
  manager = await signInAs(base, { login: 'mgr-reply', district: 'D-reply', role: 'manager' });
  const post = async (item: unknown) => {
    const res = await fetch(`${base}/board`, {
      method: 'POST',
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken },
      body: JSON.stringify(item),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  supplyId = await post({
    kind: 'supply',
    title: '本周货源',
    body: '中华紧俏',
    quotas: [{ shopId: shop.shopId, productCode: 'P1', productName: '中华', packsPerWeek: 5 }],
  });
  promoId = await post({ kind: 'new-product', title: '新品上市', product: { code: 'P9', name: '新品烟', priceCents: 2500 } });
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

const shopPage = async (): Promise<ShopPage> =>
  (await (await fetch(`${base}/shop?terminal=${shop.terminalId}&asOf=${DAY}`, { headers: { cookie: manager.cookie } })).json()) as ShopPage;

const tables = async () => ({
  acks: (
    await running!.pool.query('SELECT item_id, seen_on, accepted, quotas_applied FROM board_acks WHERE terminal_id = $1 ORDER BY item_id', [
      shop.terminalId,
    ])
  ).rows,
  messages: (
    await running!.pool.query(
      'SELECT message_id, body, written_at, bundle_sequence FROM owner_messages WHERE terminal_id = $1 ORDER BY message_id',
      [shop.terminalId],
    )
  ).rows,
});

describe('the owner’s receipts and messages', () => {
  it('an older bundle without the new fields still loads, and its receipt reads as read only', async () => {
    const old = makeBundleV1(shop, 1, DAY, DAY);
    old.boardAcks = [{ itemId: supplyId, seenOn: '2026-11-28' }];
    expect(parseSignedFleetBundle(signBundle(old, shop.keys)).ok).toBe(true);
    expect((await postBundle(base, signBundle(old, shop.keys), 'reply-1')).status).toBe(201);
    expect((await tables()).acks).toEqual([{ item_id: supplyId, seen_on: '2026-11-28', accepted: false, quotas_applied: false }]);
  });

  it('stores the flags and the messages once: a re-sent bundle changes nothing, a late one takes nothing back', async () => {
    const writtenAt = Date.parse('2026-11-29T02:30:00Z');
    const signed = signBundle(
      makeBundle(shop, 3, DAY, DAY, 1, {
        boardAcks: [
          { itemId: supplyId, seenOn: '2026-11-28', quotasApplied: true },
          { itemId: promoId, seenOn: DAY, accepted: true },
        ],
        ownerMessages: [
          { id: 2, text: '新品烟卖得好，请多配', writtenAt: writtenAt + 60_000 },
          { id: 1, text: '中华(硬)常断货', writtenAt },
        ],
      }),
      shop.keys,
    );
    expect((await postBundle(base, signed, 'reply-3')).status).toBe(201);
    const after = await tables();
    expect(after.acks).toEqual(
      [
        { item_id: supplyId, seen_on: '2026-11-28', accepted: false, quotas_applied: true },
        { item_id: promoId, seen_on: DAY, accepted: true, quotas_applied: false },
      ].sort((a, b) => (a.item_id < b.item_id ? -1 : 1)),
    );
    expect(after.messages.map((m) => [m.message_id, m.body, (m.written_at as Date).getTime(), m.bundle_sequence])).toEqual([
      [1, '中华(硬)常断货', writtenAt, 3],
      [2, '新品烟卖得好，请多配', writtenAt + 60_000, 3],
    ]);

    expect((await postBundle(base, signed, 'reply-3')).status).toBe(200);
    expect((await postBundle(base, signed, 'reply-3-again')).status).toBe(200);
    expect(await tables()).toEqual(after);

    // A late bundle (sequence 2, a stick handed in after the push) without the flags, and with message 1 again.
    const late = signBundle(
      makeBundle(shop, 2, DAY, DAY, 1, {
        boardAcks: [{ itemId: supplyId, seenOn: '2026-11-28' }],
        ownerMessages: [{ id: 1, text: '中华(硬)常断货', writtenAt }],
      }),
      shop.keys,
    );
    expect((await postBundle(base, late, 'reply-2')).status).toBe(201);
    expect(await tables()).toEqual(after);
  });

  it('refuses a bundle with a false flag or too many messages, writing nothing', async () => {
    const flag = makeBundle(shop, 9, DAY, DAY, 1, { boardAcks: [{ itemId: supplyId, seenOn: DAY, accepted: false as unknown as true }] });
    expect((await postBundle(base, signBundle(flag, shop.keys), 'reply-9')).status).toBe(400);
    const many = makeBundle(shop, 10, DAY, DAY, 1, {
      ownerMessages: Array.from({ length: 51 }, (_x, i) => ({ id: i + 1, text: '多', writtenAt: 0 })),
    });
    expect((await postBundle(base, signBundle(many, shop.keys), 'reply-10')).status).toBe(400);
  });

  it('the shop’s page lists the messages newest first and each item’s receipt', async () => {
    const page = await shopPage();
    expect(page.ownerMessages.map((m) => m.id)).toEqual([2, 1]);
    expect(page.board).toEqual([
      { itemId: promoId, kind: 'new-product', title: '新品上市', seenOn: DAY, accepted: true, quotasApplied: false },
      { itemId: supplyId, kind: 'supply', title: '本周货源', seenOn: '2026-11-28', accepted: false, quotasApplied: true },
    ]);

    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext();
    const [name, value] = manager.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const tab = await context.newPage();
    await tab.goto(`${base}/shop.html?terminal=${shop.terminalId}`);
    const messages = tab.locator('fleet-shop ul.owner-messages li');
    await expect.poll(() => messages.count()).toBe(2);
    expect(await messages.first().textContent()).toContain('新品烟卖得好，请多配');
    const receipts = tab.locator('fleet-shop table.board-receipts tbody tr');
    expect(await receipts.nth(0).textContent()).toContain('已加入展示');
    expect(await receipts.nth(1).textContent()).toMatch(/已读.*已应用配额/);
    expect(await receipts.nth(1).textContent()).not.toContain('已加入展示');
  });
});
