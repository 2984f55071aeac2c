/**
 * The outbox against a fake collector (a fetch stand-in) with fake timers:
 * backoff and jitter, refusals set aside, files that outlive the process.
 * test/fleet/outbox-collector.test.ts pushes to a real collector.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../device/outbox.ts';
import { idempotencyKeyOf } from '../../device/collector-upload.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

type Answer = number | 'down';
/** A collector that answers each POST with the next of `answers` (the last one repeats). */
function fakeCollector(answers: Answer[]) {
  const calls: { name: string; key: string; gzip: boolean }[] = [];
  const post = (async (_url: URL, init: RequestInit): Promise<Response> => {
    const headers = init.headers as Record<string, string>;
    calls.push({
      name: headers['idempotency-key']!.split(':')[0]!,
      key: headers['idempotency-key']!,
      gzip: headers['content-encoding'] === 'gzip',
    });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (answer === 'down') throw new TypeError('fetch failed: ECONNREFUSED');
    const body = answer === 403 ? { error: 'unknown-terminal', zh: '终端未登记', en: 'not enrolled' } : { duplicate: answer === 200 };
    return new Response(JSON.stringify(body), { status: answer });
  }) as unknown as typeof fetch;
  return { calls, fetch: post };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const pending = () => readdirSync(join(dir, 'pending')).sort();

describe('Outbox', () => {
  it('waits longer after each failure (doubling, capped) with a random half of jitter', () => {
    const low = new Outbox({ dir, baseDelayMs: 1000, maxDelayMs: 8000, random: () => 0 });
    const high = new Outbox({ dir, baseDelayMs: 1000, maxDelayMs: 8000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 9].map((n) => low.delayAfter(n))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect([1, 2, 3, 4, 5, 9].map((n) => high.delayAfter(n))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('keeps trying while the collector is down, backing off, then delivers and removes the file', async () => {
    const collector = fakeCollector(['down', 'down', 'down', 201]);
    const outbox = new Outbox({ dir, collector: 'http://collector.test', fetch: collector.fetch, baseDelayMs: 1000, random: () => 0.5 });
    outbox.start();
    await outbox.add('T1-2026-11-30-7.fleet.json.gz', bytes('bundle 7'));
    await vi.advanceTimersByTimeAsync(0);
    await outbox.whenIdle();
    expect(collector.calls).toHaveLength(1);
    expect(collector.calls[0]!.gzip).toBe(true);
    expect((await outbox.state()).failures).toBe(1);

    // 1st wait: 1000 ms × (½ + ½ × 0.5) = 750 ms; nothing before that.
    await vi.advanceTimersByTimeAsync(749);
    expect(collector.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await outbox.whenIdle();
    expect(collector.calls).toHaveLength(2);
    // 2nd wait: 1500 ms, 3rd: 3000 ms.
    await vi.advanceTimersByTimeAsync(1499);
    expect(collector.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await outbox.whenIdle();
    expect(collector.calls).toHaveLength(3);
    expect(pending()).toEqual(['T1-2026-11-30-7.fleet.json.gz']);
    await vi.advanceTimersByTimeAsync(3000);
    await outbox.whenIdle();
    expect(collector.calls).toHaveLength(4);
    expect(pending()).toEqual([]);
    // The same request every time: the collector can tell a retry from a new bundle.
    expect(new Set(collector.calls.map((c) => c.key)).size).toBe(1);
    const state = await outbox.state();
    expect(state).toMatchObject({ delivered: 1, failures: 0, lastProblem: null });
    expect(outbox.waiting).toBe(false);
    await outbox.stop();
  });

  it('sets a refused bundle aside with the reason and goes on with the next', async () => {
    const collector = fakeCollector([403, 201]);
    const outbox = new Outbox({ dir, collector: 'http://collector.test', fetch: collector.fetch });
    await outbox.add('T1-a-1.fleet.json', bytes('one'));
    await outbox.add('T1-a-2.fleet.json', bytes('two'));
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    await outbox.whenIdle();
    expect(collector.calls.map((c) => c.name)).toEqual(['T1-a-1.fleet.json', 'T1-a-2.fleet.json']);
    expect(pending()).toEqual([]);
    const state = await outbox.state();
    expect(state.refused).toEqual([
      { name: 'T1-a-1.fleet.json', status: 403, error: 'unknown-terminal', message: '终端未登记 / not enrolled' },
    ]);
    expect(readFileSync(join(dir, 'refused', 'T1-a-1.fleet.json'), 'utf8')).toBe('one');
    expect(outbox.waiting).toBe(false);
  });

  it('keeps bundles across a restart: made without a collector, pushed by the next start with one', async () => {
    const first = new Outbox({ dir });
    first.start();
    await first.add('T1-b-1.fleet.json', bytes('one'));
    await first.add('T1-b-2.fleet.json', bytes('two'));
    await vi.advanceTimersByTimeAsync(60_000);
    await first.stop();
    expect(pending()).toEqual(['T1-b-1.fleet.json', 'T1-b-2.fleet.json']);

    const collector = fakeCollector([201, 200]);
    const second = new Outbox({ dir, collector: 'http://collector.test', fetch: collector.fetch });
    second.start();
    await vi.advanceTimersByTimeAsync(0);
    await second.whenIdle();
    expect(collector.calls.map((c) => c.name)).toEqual(['T1-b-1.fleet.json', 'T1-b-2.fleet.json']);
    expect(pending()).toEqual([]);
  });

  it('refuses a file name that is not a bundle’s', async () => {
    const outbox = new Outbox({ dir });
    await expect(outbox.add('../etc/passwd', bytes('x'))).rejects.toThrow(/not a bundle file name/);
    await expect(outbox.add('notes.txt', bytes('x'))).rejects.toThrow(/not a bundle file name/);
    expect(pending()).toEqual([]);
  });

  it('names a request by the file and its bytes', () => {
    expect(idempotencyKeyOf('a.fleet.json', bytes('x'))).toBe(idempotencyKeyOf('a.fleet.json', bytes('x')));
    expect(idempotencyKeyOf('a.fleet.json', bytes('x'))).not.toBe(idempotencyKeyOf('a.fleet.json', bytes('y')));
  });
});
