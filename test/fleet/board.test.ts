/**
 * The board on a real collector and PostgreSQL 15: a manager posts (session and
 * CSRF token), the collector signs each terminal's copy, a terminal reads it
 * with the board token its verified bundle earned.
 */
import { verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { publicKeyObject } from '../../fleet/keys.ts';
import { canonicalBoardItemBytes, parseSignedBoardItem, type SignedBoardItem } from '../../src/domain/board-item.ts';
import { startTestCollector, type TestCollector } from './test-collector.ts';
import { enrol, fakeTerminal, makeBundle, postBundle, signBundle, signInAs, type FakeTerminal, type SignedIn } from './fleet-helpers.ts';

let running: TestCollector | undefined;
let base: string;
let pool: pg.Pool;
let shopA: FakeTerminal;
let shopB: FakeTerminal;
let manager: SignedIn;
let collectorKey: string;

const PICTURE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]).toString('base64');

beforeAll(async () => {
  running = await startTestCollector();
  ({ base, pool } = running);
  shopA = fakeTerminal('TBOARD-A', 'board-district');
  shopB = fakeTerminal('TBOARD-B', 'board-district');
  expect((await enrol(base, shopA)).status).toBe(201);
  expect((await enrol(base, shopB)).status).toBe(201);
  manager = await signInAs(base, { login: 'mgr-board', district: 'board-district', role: 'manager' });
  collectorKey = ((await (await fetch(`${base}/board-key`)).json()) as { publicKey: string }).publicKey;
});

afterAll(async () => {
  await running?.stop();
});

const post = (who: SignedIn, item: unknown, csrf = who.csrfToken) =>
  fetch(`${base}/board`, { method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': csrf }, body: JSON.stringify(item) });

async function boardToken(t: FakeTerminal, sequence: number): Promise<string> {
  const res = await postBundle(
    base,
    signBundle(makeBundle(t, sequence, '2026-11-29', '2026-11-29'), t.keys),
    `${t.terminalId}-${sequence}`,
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { boardToken: string }).boardToken;
}

const readBoard = async (token: string, since = 0) =>
  fetch(`${base}/board?since=${since}`, { headers: { authorization: `Bearer ${token}` } });

const signatureValid = (s: SignedBoardItem) =>
  verify(null, canonicalBoardItemBytes(s.item), publicKeyObject(collectorKey), Buffer.from(s.signature, 'base64'));

describe('the board', () => {
  it('refuses a post without the CSRF token, from a rep, and malformed or mismatched items', async () => {
    const item = { kind: 'training', title: '陈列培训', body: '周三下午' };
    expect((await post(manager, item, 'wrong')).status).toBe(403);
    expect((await fetch(`${base}/board`, { method: 'POST', body: JSON.stringify(item) })).status).toBe(401);
    const rep = await signInAs(base, { login: 'rep-board', district: 'board-district', role: 'rep' });
    expect(((await (await post(rep, item)).json()) as { error: string }).error).toBe('not-manager');
    expect((await post(manager, { kind: 'gossip', title: 'x' })).status).toBe(400);
    expect(((await (await post(manager, { kind: 'new-product', title: '新品' })).json()) as { error: string }).error).toBe(
      'product-missing',
    );
    const quotaOnTraining = { ...item, quotas: [{ shopId: shopA.shopId, productCode: 'P1', productName: '中华', packsPerWeek: 5 }] };
    expect((await post(manager, quotaOnTraining)).status).toBe(400);
    const unknownShop = {
      kind: 'supply',
      title: '到货',
      quotas: [{ shopId: 'nowhere', productCode: 'P1', productName: '中华', packsPerWeek: 5 }],
    };
    expect((await post(manager, unknownShop)).status).toBe(404);
    expect((await pool.query('SELECT count(*)::int AS n FROM board_items')).rows[0].n).toBe(0);
  });

  it('serves each terminal its signed copies in posting order, with only its own shop’s quotas', async () => {
    const supply = await post(manager, {
      kind: 'supply',
      title: '本周货源',
      body: '中华紧俏',
      quotas: [
        { shopId: shopA.shopId, productCode: 'P1', productName: '中华', packsPerWeek: 5 },
        { shopId: shopB.shopId, productCode: 'P1', productName: '中华', packsPerWeek: 9 },
      ],
    });
    expect(supply.status).toBe(201);
    const promo = await post(manager, {
      kind: 'new-product',
      title: '新品上市',
      product: { code: 'P9', name: '新品烟', priceCents: 2500 },
      picture: { mediaType: 'image/jpeg', base64: PICTURE },
    });
    expect(promo.status).toBe(201);

    const tokenA = await boardToken(shopA, 1);
    const res = await readBoard(tokenA);
    expect(res.status).toBe(200);
    const board = (await res.json()) as { items: unknown[]; next: number; more: boolean };
    expect(board.items).toHaveLength(2);
    const [a1, a2] = board.items.map((i) => {
      const parsed = parseSignedBoardItem(i);
      if (!parsed.ok) throw new Error(parsed.detail);
      return parsed.value;
    });
    expect(signatureValid(a1!) && signatureValid(a2!)).toBe(true);
    expect(a1!.item).toMatchObject({ kind: 'supply', terminalId: shopA.terminalId, postedBy: 'mgr-board' });
    expect(a1!.item.quotas).toEqual([{ productCode: 'P1', productName: '中华', packsPerWeek: 5 }]);
    expect(a2!.item.picture).toEqual({ mediaType: 'image/jpeg', base64: PICTURE });
    expect(a2!.item.serial).toBeGreaterThan(a1!.item.serial);
    expect(board.next).toBe(a2!.item.serial);
    expect(((await (await readBoard(tokenA, board.next)).json()) as { items: unknown[] }).items).toEqual([]);

    // Shop B's copy names B and carries B's quota; A's copy does not verify as B's.
    const boardB = (await (await readBoard(await boardToken(shopB, 1))).json()) as { items: SignedBoardItem[] };
    expect(boardB.items[0]!.item.quotas[0]!.packsPerWeek).toBe(9);
    const forged = { item: { ...a1!.item, terminalId: shopB.terminalId }, signature: a1!.signature };
    expect(signatureValid(forged)).toBe(false);
  });

  it('refuses a missing, altered or another collector’s board token', async () => {
    const token = await boardToken(shopA, 2);
    expect((await readBoard('')).status).toBe(401);
    const [claims, mac] = token.split('.');
    const otherClaims = Buffer.from(JSON.stringify({ d: 'board-district', t: shopB.terminalId, exp: Date.now() + 1e9 })).toString(
      'base64url',
    );
    expect((await readBoard(`${otherClaims}.${mac}`)).status).toBe(401);
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    expect((await readBoard(`${claims}.${flip(mac![0]!)}${mac!.slice(1)}`)).status).toBe(401);
    // Only the spare bits of the last character changed: the same bytes decoded, still not the token.
    const last = mac!.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spare = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect((await readBoard(`${claims}.${mac!.slice(0, -1)}${spare}`)).status).toBe(401);
    expect((await readBoard(token, -1)).status).toBe(400);
  });

  it('carries a rep’s message to the one shop it is written to; a rep writes to the rep’s own shops only', async () => {
    const rep = await signInAs(base, { login: 'rep-msg', district: 'board-district', role: 'rep' });
    await pool.query(`UPDATE shops SET rep = 'rep-msg' WHERE district_id = 'board-district' AND shop_id = $1`, [shopA.shopId]);
    const before = (await (await readBoard(await boardToken(shopB, 3))).json()) as { next: number };
    const message = { kind: 'message', title: '周四来拜访', body: '请准备好进货单', shopId: shopA.shopId };
    expect(((await (await post(rep, { ...message, shopId: shopB.shopId })).json()) as { error: string }).error).toBe('not-your-shop');
    expect(((await (await post(rep, { ...message, shopId: null })).json()) as { error: string }).error).toBe('shop-on-message-only');
    expect(
      ((await (await post(manager, { kind: 'training', title: '培训', shopId: shopA.shopId })).json()) as { error: string }).error,
    ).toBe('shop-on-message-only');
    const posted = await post(rep, message);
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };

    const boardA = (await (await readBoard(await boardToken(shopA, 4))).json()) as { items: SignedBoardItem[] };
    const got = boardA.items.find((i) => i.item.id === id);
    expect(got?.item).toMatchObject({ kind: 'message', title: '周四来拜访', postedBy: 'rep-msg', terminalId: shopA.terminalId });
    expect(signatureValid(got!)).toBe(true);
    const boardB = (await (await readBoard(await boardToken(shopB, 5), before.next)).json()) as { items: SignedBoardItem[] };
    expect(boardB.items.map((i) => i.item.id)).not.toContain(id);
  });
});
