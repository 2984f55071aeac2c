/**
 * The terminal's outbox: signed bundles waiting for the supplier's collector,
 * kept as files in `<data dir>/outbox/pending` so that they survive a restart
 * and a power cut (written to a temporary name, synced, then renamed).
 *
 * With a collector set (`--collector URL`) each file is posted in name order;
 * a delivered one (stored, or already there) is removed; one the collector
 * refuses (bad signature, unknown terminal, …) moves to `outbox/refused` with
 * the reason beside it, for the rep to look at, and does not block the rest.
 * When the collector cannot be reached the outbox waits and tries again, the
 * wait doubling from `baseDelayMs` up to `maxDelayMs` with jitter (a random
 * half of each wait), so that a district's terminals coming back online after
 * an outage do not all call at the same moment. A restart tries at once.
 * Without a collector the files stay for the USB stick.
 *
 * After a push that delivered something, the board is fetched with the board
 * token the collector answered with (device/board.ts).
 */
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { writeFileDurably } from './durable-write.ts';
import { join } from 'node:path';
import { BUNDLE_FILE_NAME, uploadBundleFile, type UploadOutcome } from './collector-upload.ts';
import type { OutboxState } from '../src/domain/outbox-state.ts';
import type { Board } from './board.ts';

export interface OutboxOptions {
  /** `<data dir>/outbox` */
  dir: string;
  collector?: string;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  /** In [0, 1): the jitter. */
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Fetched from the collector after each push that delivered a bundle. */
  board?: Board;
}

export type { OutboxState };

export class OutboxFileError extends Error {
  override name = 'OutboxFileError';
}

export class Outbox {
  private readonly pendingDir: string;
  private readonly refusedDir: string;
  private readonly log: (line: string) => void;
  private readonly random: () => number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failures = 0;
  private delivered = 0;
  private lastProblem: string | null = null;

  constructor(private readonly options: OutboxOptions) {
    this.pendingDir = join(options.dir, 'pending');
    this.refusedDir = join(options.dir, 'refused');
    mkdirSync(this.pendingDir, { recursive: true });
    mkdirSync(this.refusedDir, { recursive: true });
    this.log = options.log ?? (() => {});
    this.random = options.random ?? Math.random;
    this.baseDelayMs = options.baseDelayMs ?? 10_000;
    this.maxDelayMs = options.maxDelayMs ?? 30 * 60_000;
  }

  /** Pushes what is waiting (files from before a restart too), when a collector is set. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Keeps a bundle file; pushes it soon when a collector is set. */
  async add(name: string, bytes: Uint8Array): Promise<void> {
    if (!BUNDLE_FILE_NAME.test(name)) throw new OutboxFileError(`not a bundle file name: ${name}`);
    await writeFileDurably(join(this.pendingDir, name), bytes);
    this.failures = 0;
    this.schedule(0);
  }

  async state(): Promise<OutboxState> {
    const refused = [];
    for (const name of (await readdir(this.refusedDir)).filter((n) => n.endsWith('.reason.json')).sort()) {
      try {
        refused.push(JSON.parse(await readFile(join(this.refusedDir, name), 'utf8')) as OutboxState['refused'][number]);
      } catch {
        // half-written reason: the file is still there for the rep
      }
    }
    return {
      collector: this.options.collector ?? null,
      pending: await this.pendingNames(),
      refused,
      lastProblem: this.lastProblem,
      failures: this.failures,
      delivered: this.delivered,
      district: await this.district(),
    };
  }

  /** The wait after `failures` failed attempts in a row: doubling, capped, and a random half of it. */
  delayAfter(failures: number): number {
    const full = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, failures - 1));
    return Math.round(full / 2 + (this.random() * full) / 2);
  }

  /** Settles when no attempt is under way (one that a timer started included). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Whether an attempt is waiting on its timer. */
  get waiting(): boolean {
    return this.timer !== undefined;
  }

  /** Stops pushing; an attempt under way finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** The district the collector's last answer named, null before any. */
  private async district(): Promise<string | null> {
    try {
      const { district } = JSON.parse(await readFile(join(this.options.dir, 'district.json'), 'utf8')) as { district?: unknown };
      return typeof district === 'string' ? district : null;
    } catch {
      return null;
    }
  }

  private async pendingNames(): Promise<string[]> {
    return (await readdir(this.pendingDir)).filter((n) => BUNDLE_FILE_NAME.test(n)).sort();
  }

  private schedule(delayMs: number): void {
    if (this.stopped || !this.options.collector) return;
    if (this.running) {
      // An attempt is under way: it looks again when done.
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.pushAll()
        .catch((error: Error) => {
          // The data directory itself failed (full, read-only): try again later like a network fault.
          this.failures++;
          this.lastProblem = error.message;
          this.log(`outbox: ${error.message}`);
          return this.delayAfter(this.failures);
        })
        .then((retryInMs) => {
          this.running = undefined;
          const again = this.again;
          this.again = false;
          if (retryInMs !== null) this.schedule(retryInMs);
          else if (again) this.schedule(0);
        });
    }, delayMs);
    this.timer.unref?.();
  }

  /** Posts every pending file in name order; the wait before trying again when the collector was not reached, else null. */
  private async pushAll(): Promise<number | null> {
    const collector = this.options.collector!;
    let names: string[];
    try {
      names = await this.pendingNames();
    } catch (error) {
      this.log(`outbox: cannot read ${this.pendingDir}: ${(error as Error).message}`);
      return null;
    }
    let boardToken: string | undefined;
    for (const name of names) {
      if (this.stopped) return null;
      let bytes: Buffer;
      try {
        bytes = await readFile(join(this.pendingDir, name));
      } catch {
        continue; // gone meanwhile
      }
      const outcome: UploadOutcome = await uploadBundleFile(
        collector,
        name,
        bytes,
        this.options.fetch ? { fetch: this.options.fetch } : {},
      );
      if (outcome.kind === 'delivered') {
        await rm(join(this.pendingDir, name), { force: true });
        this.delivered++;
        this.failures = 0;
        this.lastProblem = null;
        boardToken = outcome.boardToken ?? boardToken;
        if (outcome.district !== undefined && outcome.district !== (await this.district()))
          await writeFileDurably(join(this.options.dir, 'district.json'), Buffer.from(JSON.stringify({ district: outcome.district })));
        this.log(`outbox: ${name} delivered${outcome.duplicate ? ' (the collector had it already)' : ''}`);
      } else if (outcome.kind === 'refused') {
        const reason = { name, status: outcome.status, error: outcome.error, message: outcome.message };
        await writeFile(join(this.refusedDir, `${name}.reason.json`), JSON.stringify(reason));
        await rename(join(this.pendingDir, name), join(this.refusedDir, name));
        this.log(`outbox: ${name} refused by the collector (${outcome.status} ${outcome.error}): kept in outbox/refused`);
      } else {
        this.failures++;
        this.lastProblem = outcome.message;
        const delay = this.delayAfter(this.failures);
        this.log(`outbox: collector not reached (${outcome.message}); trying again in ${Math.round(delay / 1000)} s`);
        return delay;
      }
    }
    if (boardToken && this.options.board && !this.stopped) await this.options.board.pull(collector, boardToken);
    return null;
  }
}
