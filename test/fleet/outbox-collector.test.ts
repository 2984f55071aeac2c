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
import { enrol, fakeTerminal, makeBundle, signBundle, signInAs, type FakeTerminal } from './fleet-helpers.ts';
import { keyFingerprint } from '../../fleet/keys.ts';
import { UNASSIGNED_DISTRICT } from '../../src/domain/fleet-bundle.ts';

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

describe('a terminal enrolled by a rep through its fingerprint', () => {
  it('is refused while unknown, enrolled by the fingerprint in the rep’s district, and learns that district from its next push', async () => {
    const newcomer = fakeTerminal('TNEW', UNASSIGNED_DISTRICT, '烟酒店');
    const outbox = new Outbox({ dir: join(dir, 'outbox-new'), collector: collector.url });
    outbox.start();
    const first = bundleFile(newcomer, 1, '2026-11-28');
    await outbox.add(first.name, first.bytes);
    await vi.waitFor(async () => expect((await outbox.state()).refused).toHaveLength(1), { timeout: 30_000, interval: 50 });
    expect((await outbox.state()).district).toBeNull();
    expect((await pool.query('SELECT count(*)::int AS n FROM bundles WHERE terminal_id = $1', ['TNEW'])).rows[0].n).toBe(0);

    const rep = await signInAs(collector.url, { login: 'rep-out', district: 'outbox-district', role: 'rep' });
    const enrolBy = (fingerprint: string, csrf = rep.csrfToken) =>
      fetch(`${collector.url}/terminals/by-fingerprint`, {
        method: 'POST',
        headers: { cookie: rep.cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ fingerprint, shopId: 'S-new', shopName: '新开烟酒店' }),
      });
    // Without the session's CSRF token, with a fingerprint no terminal sent, and mistyped: refused, nothing enrolled.
    expect((await enrolBy(keyFingerprint(newcomer.keys.publicKey), 'wrong')).status).toBe(403);
    expect((await enrolBy('0000 0000 0000 0000 0000 0000 0000 0000')).status).toBe(404);
    expect(((await (await enrolBy('12 34')).json()) as { error: string }).error).toBe('bad-fingerprint');
    // As the rep reads it off the screen: upper case, groups of four.
    const enrolled = await enrolBy(keyFingerprint(newcomer.keys.publicKey).toUpperCase());
    expect(enrolled.status).toBe(201);
    expect(await enrolled.json()).toMatchObject({ terminalId: 'TNEW', district: 'outbox-district', shopId: 'S-new' });
    const shop = await pool.query('SELECT rep, business_format FROM shops WHERE district_id = $1 AND shop_id = $2', [
      'outbox-district',
      'S-new',
    ]);
    expect(shop.rows[0]).toEqual({ rep: 'rep-out', business_format: '烟酒店' });

    // The terminal still names no district: its bundle goes to the one it is enrolled in, and the answer tells it.
    const second = bundleFile(newcomer, 2, '2026-11-29');
    await outbox.add(second.name, second.bytes);
    await vi.waitFor(async () => expect((await outbox.state()).delivered).toBe(1), { timeout: 30_000, interval: 50 });
    expect((await outbox.state()).district).toBe('outbox-district');
    const stored = await pool.query('SELECT district_id, sequence FROM bundles WHERE terminal_id = $1', ['TNEW']);
    expect(stored.rows).toEqual([{ district_id: 'outbox-district', sequence: 2 }]);
    // Kept across a restart of the terminal service.
    await outbox.stop();
    expect((await new Outbox({ dir: join(dir, 'outbox-new') }).state()).district).toBe('outbox-district');
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
