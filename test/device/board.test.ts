/**
 * The terminal's board: only items signed by the pinned collector key are
 * kept; the collector is asked from the last serial; a collector that does not
 * answer is given up on after the time-out (fake timers); a USB stick's
 * board/ folder is read the same way; the outbox fetches the board after a push.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Board } from '../../device/board.ts';
import { Outbox } from '../../device/outbox.ts';
import { canonicalBoardItemBytes, type BoardItem, type SignedBoardItem } from '../../src/domain/board-item.ts';
import { boardItem } from '../helpers/board-item.ts';

function keyPair(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64'), privateKey };
}

const collector = keyPair();
const stranger = keyPair();

const item = boardItem;

const signed = (i: BoardItem, key = collector.privateKey): SignedBoardItem => ({
  item: i,
  signature: sign(null, canonicalBoardItemBytes(i), key).toString('base64'),
});

/** A board token as the collector makes them: only its claims matter to the terminal. */
const token = (terminalId = 'T1') => `${Buffer.from(JSON.stringify({ d: 'D1', t: terminalId, exp: 0 })).toString('base64url')}.mac`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'board-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('Board.receive', () => {
  it('keeps a signed item once and refuses altered, foreign-signed, malformed and unpinned ones', async () => {
    const log: string[] = [];
    const board = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey, log: (l) => log.push(l) });
    const good = signed(item(1));
    expect(await board.receive(good, 'test')).toBe('kept');
    expect(await board.receive(good, 'test')).toBe('known');
    expect(await board.receive({ ...good, item: { ...good.item, title: '改过的' } }, 'test')).toBe('refused');
    expect(await board.receive(signed(item(2), stranger.privateKey), 'test')).toBe('refused');
    expect(await board.receive({ item: { ...item(3), extra: 1 }, signature: good.signature }, 'test')).toBe('refused');
    expect(await board.receive(signed(item(4, { terminalId: 'T2' })), 'test', 'T1')).toBe('refused');
    expect((await board.items()).map((i) => i.id)).toEqual([good.item.id]);
    expect((await board.state()).refused).toHaveLength(4);
    expect(log.filter((l) => l.includes('refused'))).toHaveLength(4);

    const unpinned = new Board({ dir: join(dir, 'other') });
    expect(await unpinned.receive(good, 'test')).toBe('refused');
  });

  it('lists kept items newest first by the collector’s serial, after a restart too', async () => {
    const board = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey });
    for (const serial of [2, 5, 1]) await board.receive(signed(item(serial)), 'test');
    const again = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey });
    expect((await again.items()).map((i) => i.serial)).toEqual([5, 2, 1]);
  });
});

describe('Board.pull', () => {
  it('asks from the last serial with the board token, page after page, and keeps the cursor', async () => {
    const asked: { url: string; auth: string | null }[] = [];
    const pages = [
      { items: [signed(item(1)), signed(item(2))], next: 2, more: true },
      { items: [signed(item(3))], next: 3, more: false },
      { items: [], next: 3, more: false },
    ];
    const fetchFake = (async (url: URL, init: RequestInit) => {
      asked.push({ url: url.href, auth: new Headers(init.headers).get('authorization') });
      return Response.json(pages.shift());
    }) as unknown as typeof fetch;
    const board = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey, fetch: fetchFake });
    await board.pull('http://collector.test/', token());
    expect(asked.map((a) => a.url)).toEqual(['http://collector.test/board?since=0', 'http://collector.test/board?since=2']);
    expect(asked[0]!.auth).toBe(`Bearer ${token()}`);
    expect((await board.items()).map((i) => i.serial)).toEqual([3, 2, 1]);
    const restarted = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey, fetch: fetchFake });
    await restarted.pull('http://collector.test/', token());
    expect(asked.at(-1)!.url).toBe('http://collector.test/board?since=3');
  });

  it('refuses an item meant for another terminal than the token’s', async () => {
    const fetchFake = (async () =>
      Response.json({ items: [signed(item(1, { terminalId: 'T9' }))], next: 1, more: false })) as unknown as typeof fetch;
    const board = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey, fetch: fetchFake });
    await board.pull('http://collector.test/', token('T1'));
    expect(await board.items()).toEqual([]);
    expect((await board.state()).refused[0]!.reason).toMatch(/T9/);
  });

  it('gives up on a collector that does not answer after the time-out, keeping the cursor', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let asked!: () => void;
    const fetchCalled = new Promise<void>((resolve) => (asked = resolve));
    const fetchFake = ((_url: URL, init: RequestInit) => {
      asked();
      return new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason as Error)));
    }) as unknown as typeof fetch;
    const board = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey, fetch: fetchFake, timeoutMs: 5_000 });
    let settled = false;
    const pulling = board.pull('http://collector.test/', token()).then(() => (settled = true));
    await fetchCalled; // the cursor is read from disk first
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pulling;
    const state = await board.state();
    expect(state.lastProblem).toMatch(/did not answer in time/);
    expect(state.since).toBe(0);
  });
});

describe('Board.importFromUsb', () => {
  it('reads board/*.board.json below a USB root, keeping the good and refusing the bad', async () => {
    const stick = join(dir, 'media', 'rep', 'STICK', 'board');
    mkdirSync(stick, { recursive: true });
    writeFileSync(join(stick, 'a.board.json'), JSON.stringify(signed(item(7)), null, 2));
    writeFileSync(join(stick, 'b.board.json'), JSON.stringify(signed(item(8), stranger.privateKey)));
    writeFileSync(join(stick, 'c.board.json'), '{ not json');
    writeFileSync(join(stick, 'notes.txt'), 'ignored');
    const board = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey });
    expect(await board.importFromUsb([join(dir, 'media')])).toEqual({ kept: 1, known: 0, refused: 2 });
    expect((await board.items()).map((i) => i.serial)).toEqual([7]);
    expect(await board.importFromUsb([join(dir, 'media'), join(dir, 'absent')])).toEqual({ kept: 0, known: 1, refused: 2 });
  });
});

describe('the outbox and the board', () => {
  it('fetches the board with the token the collector answered a delivered bundle with', async () => {
    const calls: string[] = [];
    const fetchFake = (async (url: URL) => {
      calls.push(url.pathname);
      if (url.pathname === '/bundles') return Response.json({ duplicate: false, boardToken: token() }, { status: 201 });
      return Response.json({ items: [signed(item(1))], next: 1, more: false });
    }) as unknown as typeof fetch;
    const board = new Board({ dir: join(dir, 'board'), collectorKey: collector.publicKey, fetch: fetchFake });
    const outbox = new Outbox({ dir: join(dir, 'outbox'), collector: 'http://collector.test/', fetch: fetchFake, board });
    outbox.start();
    await outbox.add('T1-2026-11-30-1.fleet.json', new TextEncoder().encode('{}'));
    await vi.waitFor(async () => expect(await board.items()).toHaveLength(1), { timeout: 5_000, interval: 10 });
    await outbox.whenIdle();
    expect(calls).toEqual(['/bundles', '/board']);
    expect(readdirSync(join(dir, 'outbox', 'pending'))).toEqual([]);
    await outbox.stop();
  });
});
