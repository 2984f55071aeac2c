/**
 * The terminal's outbox and `npm run fleet:import` against a real collector on
 * a real PostgreSQL 15 (started here): a bundle pushed arrives once, a pushed
 * bundle on the rep's stick is reported as already there, a collector that is
 * down leaves the file for the next start, an unknown terminal's bundle is
 * set aside.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type pg from 'pg';
import { freePort } from '../../fleet/pg-cluster.ts';
import type { Collector } from '../../fleet/server.ts';
import { startTestCollector, type TestCollector } from './test-collector.ts';
import { Outbox } from '../../device/outbox.ts';
import { importBundles } from '../../scripts/fleet-import.ts';
import { enrol, fakeTerminal, makeBundle, signBundle, type FakeTerminal } from './fleet-helpers.ts';

let running: TestCollector | undefined;
let pool: pg.Pool;
let collector: Collector;
let dir: string;
let terminal: FakeTerminal;

beforeAll(async () => {
  running = await startTestCollector();
  ({ pool, collector } = running);
  terminal = fakeTerminal('TOUT1', 'outbox-district');
  expect((await enrol(collector.url, terminal)).status).toBe(201);
  dir = mkdtempSync(join(tmpdir(), 'outbox-collector-'));
});

afterAll(async () => {
  await running?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function bundleFile(t: FakeTerminal, sequence: number, date: string): { name: string; bytes: Buffer } {
  return {
    name: `${t.terminalId}-${date}-${sequence}.fleet.json.gz`,
    bytes: gzipSync(JSON.stringify(signBundle(makeBundle(t, sequence, date, date), t.keys))),
  };
}

const storedSequences = async () =>
  (
    await pool.query<{ sequence: number }>('SELECT sequence FROM bundles WHERE terminal_id = $1 ORDER BY 1', [terminal.terminalId])
  ).rows.map((r) => r.sequence);

describe('outbox to a real collector', () => {
  it('keeps the bundle while the collector is down; the next start delivers it once', async () => {
    const outboxDir = join(dir, 'outbox');
    const down = new Outbox({ dir: outboxDir, collector: `http://127.0.0.1:${await freePort()}`, baseDelayMs: 60_000 });
    down.start();
    const first = bundleFile(terminal, 1, '2026-11-28');
    await down.add(first.name, first.bytes);
    await new Promise((r) => setTimeout(r, 50));
    await down.whenIdle();
    const state = await down.state();
    expect(state.pending).toEqual([first.name]);
    expect(state.failures).toBe(1);
    expect(state.lastProblem).toBeTruthy();
    await down.stop();

    const up = new Outbox({ dir: outboxDir, collector: collector.url });
    up.start();
    const second = bundleFile(terminal, 2, '2026-11-29');
    await up.add(second.name, second.bytes);
    await vi.waitFor(async () => expect((await up.state()).pending).toEqual([]), { timeout: 30_000, interval: 50 });
    expect(await storedSequences()).toEqual([1, 2]);
    const day = await pool.query('SELECT sales_cents FROM shop_days WHERE terminal_id = $1 AND sale_date = $2', [
      terminal.terminalId,
      '2026-11-29',
    ]);
    expect(day.rows[0].sales_cents).toBe(3 * 2300 + 1500);
    await up.stop();
  });

  it('sets aside a bundle from a terminal the collector does not know', async () => {
    const stranger = fakeTerminal('TSTRANGER', 'outbox-district');
    const outbox = new Outbox({ dir: join(dir, 'outbox-stranger'), collector: collector.url });
    const file = bundleFile(stranger, 1, '2026-11-29');
    await outbox.add(file.name, file.bytes);
    outbox.start();
    await vi.waitFor(async () => expect((await outbox.state()).pending).toEqual([]), { timeout: 30_000, interval: 50 });
    const state = await outbox.state();
    expect(state.refused).toEqual([expect.objectContaining({ name: file.name, status: 403, error: 'unknown-terminal' })]);
    await outbox.stop();
  });
});

describe('npm run fleet:import DIR', () => {
  it('uploads a stick’s bundles; one already pushed is reported as there, not stored twice', async () => {
    const stick = join(dir, 'stick', 'reports');
    mkdirSync(stick, { recursive: true });
    const pushedBefore = bundleFile(terminal, 2, '2026-11-29');
    const fresh = bundleFile(terminal, 3, '2026-11-30');
    writeFileSync(join(stick, pushedBefore.name), pushedBefore.bytes);
    writeFileSync(join(stick, fresh.name), fresh.bytes);
    writeFileSync(join(stick, 'catalog.csv'), 'not a bundle');
    const lines: string[] = [];
    const counts = await importBundles(join(dir, 'stick'), collector.url, (l) => lines.push(l));
    expect(counts).toEqual({ stored: 1, already: 1, refused: 0, unreached: 0 });
    expect(lines).toHaveLength(2);
    expect(await storedSequences()).toEqual([1, 2, 3]);
    expect(readdirSync(stick)).toContain('catalog.csv');
  });
});
