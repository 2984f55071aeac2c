/**
 * The shop's board, as the terminal service keeps it: items the supplier's
 * collector signed (fleet/board.ts), fetched after each push of the outbox or
 * read from a USB stick's `board/` folder, each verified against the pinned
 * collector key (`--collector-key`) before it is kept in `<data dir>/board`.
 * A bad item — unsigned, signed by another key, altered, meant for another
 * terminal — is refused and logged, never kept. The page reads the kept items
 * on loopback (`GET /board`).
 *
 * The collector is asked from the last serial received (`since`), so each
 * item comes once; the cursor and the board token (earned by the last bundle
 * the collector accepted) are kept in `state.json`.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, type Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { writeFileDurably } from './durable-write.ts';
import { join } from 'node:path';
import { canonicalBoardItemBytes, MAX_BOARD_ITEM_BYTES, parseSignedBoardItem, type BoardItem } from '../src/domain/board-item.ts';

export interface BoardOptions {
  /** `<data dir>/board` */
  dir: string;
  /** The collector's raw Ed25519 public key, base64; absent: nothing is accepted. */
  collectorKey?: string;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  /** A board request that takes longer is abandoned (tried again with the next push). */
  timeoutMs?: number;
}

export interface BoardRefusal {
  source: string;
  id: string | null;
  reason: string;
}

export interface BoardState {
  pinned: boolean;
  since: number;
  items: BoardItem[];
  /** The last refusals, newest last. */
  refused: BoardRefusal[];
  lastProblem: string | null;
}

interface Saved {
  since: number;
  token: string | null;
}

const KEEP_REFUSALS = 20;
/** Folders searched for `board/` below each USB root: /media/usb0/board, /media/user/STICK/board. */
const USB_DEPTH = 3;

export function collectorKeyObject(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) throw new Error('the collector key is a raw Ed25519 public key: 32 bytes in base64');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** The terminal a board token names (its claims are readable; only the collector can make them). */
function tokenTerminal(token: string): string | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { t?: unknown };
    return typeof claims.t === 'string' ? claims.t : null;
  } catch {
    return null;
  }
}

export class Board {
  private readonly itemsDir: string;
  private readonly statePath: string;
  private readonly key: KeyObject | undefined;
  private readonly log: (line: string) => void;
  private refused: BoardRefusal[] = [];
  private lastProblem: string | null = null;
  private pulling: Promise<void> | undefined;

  constructor(private readonly options: BoardOptions) {
    this.itemsDir = join(options.dir, 'items');
    this.statePath = join(options.dir, 'state.json');
    mkdirSync(this.itemsDir, { recursive: true });
    this.key = options.collectorKey ? collectorKeyObject(options.collectorKey) : undefined;
    this.log = options.log ?? (() => {});
  }

  get pinned(): boolean {
    return this.key !== undefined;
  }

  /** Checks one signed item (parsed JSON) and keeps it: 'kept', 'known' (kept before) or 'refused'. */
  async receive(json: unknown, source: string, terminalId: string | null = null): Promise<'kept' | 'known' | 'refused'> {
    const refuse = (id: string | null, reason: string) => {
      this.refused = [...this.refused, { source, id, reason }].slice(-KEEP_REFUSALS);
      this.log(`board: refused ${id ?? 'an item'} from ${source}: ${reason}`);
      return 'refused' as const;
    };
    const parsed = parseSignedBoardItem(json);
    if (!parsed.ok) return refuse(null, `malformed (${parsed.detail.slice(0, 200)})`);
    const { item, signature } = parsed.value;
    if (!this.key) return refuse(item.id, 'no collector key pinned (--collector-key)');
    let valid = false;
    try {
      valid = verify(null, canonicalBoardItemBytes(item), this.key, Buffer.from(signature, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) return refuse(item.id, 'bad signature: not signed by the pinned collector key, or altered');
    const own = terminalId ?? (await this.saved()).terminalId;
    if (own && item.terminalId !== own) return refuse(item.id, `meant for terminal ${item.terminalId}, not ${own}`);
    const path = join(this.itemsDir, `${item.id}.json`);
    if (
      await lstat(path).then(
        () => true,
        () => false,
      )
    )
      return 'known';
    await writeFileDurably(path, JSON.stringify(parsed.value));
    return 'kept';
  }

  /** Asks the collector for the items after the last one received (the outbox calls this after each push). */
  pull(collector: string, token: string): Promise<void> {
    // One pull at a time: two would ask from the same cursor.
    this.pulling ??= this.pullOnce(collector, token).finally(() => (this.pulling = undefined));
    return this.pulling;
  }

  /** Reads `board/*.board.json` on the USB sticks under `roots`; how many items were kept and refused. */
  async importFromUsb(roots: readonly string[]): Promise<{ kept: number; known: number; refused: number }> {
    const counts = { kept: 0, known: 0, refused: 0 };
    const visit = async (dir: string, depth: number): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return; // not there, unreadable, or pulled out
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue; // symlinks are never followed
        const full = join(dir, entry.name);
        if (entry.name === 'board') {
          for (const file of (await readdir(full, { withFileTypes: true }).catch(() => [])).filter(
            (f) => f.isFile() && f.name.endsWith('.board.json'),
          )) {
            const source = join(full, file.name);
            let json: unknown;
            try {
              json = JSON.parse(await readSmall(source));
            } catch (error) {
              counts.refused++;
              this.refused = [...this.refused, { source, id: null, reason: (error as Error).message }].slice(-KEEP_REFUSALS);
              this.log(`board: refused ${source}: ${(error as Error).message}`);
              continue;
            }
            counts[await this.receive(json, source)]++;
          }
        } else if (depth < USB_DEPTH) await visit(full, depth + 1);
      }
    };
    for (const root of roots) await visit(root, 1);
    this.log(`board: from the USB stick ${counts.kept} new, ${counts.known} known, ${counts.refused} refused`);
    return counts;
  }

  /** Kept items, newest first (the collector's serial: its posting order, not a clock). */
  async items(): Promise<BoardItem[]> {
    const items: BoardItem[] = [];
    for (const name of (await readdir(this.itemsDir)).filter((n) => n.endsWith('.json'))) {
      try {
        const parsed = parseSignedBoardItem(JSON.parse(await readFile(join(this.itemsDir, name), 'utf8')));
        if (parsed.ok) items.push(parsed.value.item);
      } catch {
        // a file half-written before a power cut: it comes again with the next pull or stick
      }
    }
    return items.sort((a, b) => b.serial - a.serial || a.id.localeCompare(b.id));
  }

  async state(): Promise<BoardState> {
    return {
      pinned: this.pinned,
      since: (await this.saved()).since,
      items: await this.items(),
      refused: this.refused,
      lastProblem: this.lastProblem,
    };
  }

  private async pullOnce(collector: string, token: string): Promise<void> {
    if (!this.key) return;
    const terminalId = tokenTerminal(token);
    let { since } = await this.saved();
    const doFetch = this.options.fetch ?? fetch;
    try {
      for (let page = 0; page < 100; page++) {
        const controller = new AbortController();
        // Our own timer rather than AbortSignal.timeout, so that tests can drive it with fake timers.
        const timer = setTimeout(
          () => controller.abort(new Error('the collector did not answer in time')),
          this.options.timeoutMs ?? 30_000,
        );
        let body: { items?: unknown[]; next?: unknown; more?: unknown };
        try {
          const res = await doFetch(new URL(`/board?since=${since}`, collector), {
            headers: { authorization: `Bearer ${token}` },
            signal: controller.signal,
          });
          if (res.status !== 200) throw new Error(`the collector answered ${res.status} ${(await res.text()).slice(0, 200)}`);
          body = (await res.json()) as typeof body;
        } finally {
          clearTimeout(timer);
        }
        for (const item of Array.isArray(body.items) ? body.items : []) await this.receive(item, collector, terminalId);
        // A refused item is passed too: asking for it again brings the same bad copy.
        if (typeof body.next === 'number' && Number.isSafeInteger(body.next) && body.next > since) since = body.next;
        await this.save({ since, token, terminalId });
        if (body.more !== true) break;
      }
      this.lastProblem = null;
    } catch (error) {
      this.lastProblem = (error as Error).message;
      this.log(`board: not fetched from ${collector}: ${this.lastProblem}`);
    }
  }

  private async saved(): Promise<Saved & { terminalId: string | null }> {
    try {
      const s = JSON.parse(await readFile(this.statePath, 'utf8')) as Partial<Saved & { terminalId: string }>;
      return { since: typeof s.since === 'number' ? s.since : 0, token: s.token ?? null, terminalId: s.terminalId ?? null };
    } catch {
      return { since: 0, token: null, terminalId: null };
    }
  }

  private async save(s: Saved & { terminalId: string | null }): Promise<void> {
    await writeFileDurably(this.statePath, JSON.stringify(s));
  }
}

async function readSmall(path: string): Promise<string> {
  const s = await lstat(path);
  if (!s.isFile()) throw new Error('not a file');
  if (s.size > MAX_BOARD_ITEM_BYTES) throw new Error(`larger than ${MAX_BOARD_ITEM_BYTES / 1024} KB`);
  return readFile(path, 'utf8');
}
