/**
 * The board from a real collector (PostgreSQL 15) to a real terminal service:
 * a manager posts; the terminal's outbox pushes a bundle, earns its board
 * token and fetches the board; each item verifies against the pinned collector
 * key and is served to the page on loopback. A terminal pinned to another key
 * keeps nothing. The rep's stick the collector writes (GET /board/stick) is
 * read by the terminal's own POST /board/import; a tampered file is refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateBoardKey } from '../../fleet/board.ts';
import { Board } from '../../device/board.ts';
import { ScanJournal } from '../../device/journal.ts';
import { Outbox } from '../../device/outbox.ts';
import { ScanHub } from '../../device/scan-hub.ts';
import { startKioskServer } from '../../device/server.ts';
import type { BoardState } from '../../device/board.ts';
import { startTestCollector, type TestCollector } from './test-collector.ts';
import { enrol, fakeTerminal, makeBundle, signBundle, signInAs, type FakeTerminal } from './fleet-helpers.ts';

let running: TestCollector | undefined;
let base: string;
let dir: string;
let terminal: FakeTerminal;
let collectorKey: string;
let managerCookie: string;

beforeAll(async () => {
  running = await startTestCollector();
  base = running.base;
  terminal = fakeTerminal('TBT1', 'board-terminal-district');
  expect((await enrol(base, terminal)).status).toBe(201);
  const manager = await signInAs(base, { login: 'mgr-bt', district: 'board-terminal-district', role: 'manager' });
  managerCookie = manager.cookie;
  const post = (item: unknown) =>
    fetch(`${base}/board`, {
      method: 'POST',
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken },
      body: JSON.stringify(item),
    });
  expect(
    (
      await post({
        kind: 'supply',
        title: '本周货源',
        quotas: [{ shopId: terminal.shopId, productCode: 'P1', productName: '中华', packsPerWeek: 4 }],
      })
    ).status,
  ).toBe(201);
  expect((await post({ kind: 'new-product', title: '新品', product: { code: 'P9', name: '新品烟', priceCents: 2500 } })).status).toBe(201);
  collectorKey = ((await (await fetch(`${base}/board-key`)).json()) as { publicKey: string }).publicKey;
  dir = mkdtempSync(join(tmpdir(), 'board-terminal-'));
});

afterAll(async () => {
  await running?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function pushOnce(name: string, pinned: string, sequence: number): Promise<Board> {
  const board = new Board({ dir: join(dir, name, 'board'), collectorKey: pinned });
  const outbox = new Outbox({ dir: join(dir, name, 'outbox'), collector: base, board });
  outbox.start();
  const bundle = gzipSync(JSON.stringify(signBundle(makeBundle(terminal, sequence, '2026-11-30', '2026-11-30'), terminal.keys)));
  await outbox.add(`${terminal.terminalId}-2026-11-30-${sequence}.fleet.json.gz`, bundle);
  await vi.waitFor(async () => expect((await outbox.state()).delivered).toBe(1), { timeout: 30_000, interval: 50 });
  await outbox.whenIdle();
  await outbox.stop();
  return board;
}

describe('the board back to the terminal', () => {
  it('arrives with a push, verified, and is served to the page newest first', async () => {
    const board = await pushOnce('shop', collectorKey, 1);
    const journal = ScanJournal.open(join(dir, 'journal'));
    const server = await startKioskServer({
      hub: new ScanHub(journal, { version: '9.9.9', doubleReadMs: 300 }),
      port: 0,
      version: '9.9.9',
      board: { board, usbRoots: [] },
    });
    try {
      const state = (await (await fetch(`${server.url}board`)).json()) as BoardState;
      expect(state.items.map((i) => i.kind)).toEqual(['new-product', 'supply']);
      expect(state.items[1]!.quotas).toEqual([{ productCode: 'P1', productName: '中华', packsPerWeek: 4 }]);
      expect(state.refused).toEqual([]);
      const foreign = await fetch(`${server.url}board`, { headers: { origin: 'http://evil.example' } });
      expect(foreign.status).toBe(403);
    } finally {
      await server.close();
      journal.close();
    }
  });

  it('keeps nothing when the terminal pins another collector’s key', async () => {
    const board = await pushOnce('misled', generateBoardKey().publicKey, 2);
    const state = await board.state();
    expect(state.items).toEqual([]);
    expect(state.refused).toHaveLength(2);
    expect(state.refused[0]!.reason).toMatch(/bad signature/);
  });

  it("writes the rep's stick: the terminal's own import keeps every item, refuses a tampered file, and another rep gets nothing", async () => {
    const res = await fetch(`${base}/board/stick?terminal=${terminal.terminalId}`, { headers: { cookie: managerCookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="board-${terminal.terminalId}.tar"`);
    // The rep unpacks it onto the stick with the system's tar, as an office PC would.
    const stick = join(dir, 'stick', 'usb0');
    mkdirSync(stick, { recursive: true });
    writeFileSync(join(dir, 'stick.tar'), Buffer.from(await res.arrayBuffer()));
    execFileSync('tar', ['-xf', join(dir, 'stick.tar'), '-C', stick]);
    const files = readdirSync(join(stick, 'board')).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.board.json'))).toBe(true);

    const importWith = async (name: string): Promise<{ kept: number; known: number; refused: number }> => {
      const board = new Board({ dir: join(dir, name, 'board'), collectorKey });
      const journal = ScanJournal.open(join(dir, name, 'journal'));
      const server = await startKioskServer({
        hub: new ScanHub(journal, { version: '9.9.9', doubleReadMs: 300 }),
        port: 0,
        version: '9.9.9',
        board: { board, usbRoots: [join(dir, 'stick')] },
      });
      try {
        return (await (await fetch(`${server.url}board/import`, { method: 'POST' })).json()) as {
          kept: number;
          known: number;
          refused: number;
        };
      } finally {
        await server.close();
        journal.close();
      }
    };
    expect(await importWith('from-stick')).toEqual({ kept: 2, known: 0, refused: 0 });

    const tampered = join(stick, 'board', files[0]!);
    const signed = JSON.parse(readFileSync(tampered, 'utf8')) as { item: { title: string } };
    signed.item.title = '改过的标题';
    writeFileSync(tampered, JSON.stringify(signed));
    expect(await importWith('from-tampered-stick')).toEqual({ kept: 1, known: 0, refused: 1 });

    const otherRep = await signInAs(base, { login: 'rep-bt-other', district: 'board-terminal-district', role: 'rep' });
    const refused = await fetch(`${base}/board/stick?terminal=${terminal.terminalId}`, { headers: { cookie: otherRep.cookie } });
    expect(refused.status).toBe(404);
  });
});
