/**
 * The supplier's board as the terminal service keeps it (device/board.ts):
 * `GET /board` gives the verified items, newest first, and the last refusals;
 * `POST /board/import` reads the board files on a USB stick. Tests pass a fake.
 */
import type { BoardItem } from '../domain/board-item.ts';

/** What `GET /board` answers (device/board.ts BoardState). */
export interface BoardView {
  /** A collector key is pinned: without one every item is refused. */
  pinned: boolean;
  /** Verified items, newest first (the collector's serial). */
  items: BoardItem[];
  /** The last items refused (bad signature, another terminal's, malformed), newest last. */
  refused: { source: string; id: string | null; reason: string }[];
  /** Why the last fetch from the collector failed; null when it worked. */
  lastProblem: string | null;
}

export interface BoardService {
  /** The board now; undefined when the service cannot be reached or has no board. */
  view(): Promise<BoardView | undefined>;
  /** Read `board/*.board.json` on the USB sticks; undefined when the service cannot be reached. */
  importFromUsb(): Promise<{ kept: number; known: number; refused: number } | undefined>;
}

export class HttpBoardService implements BoardService {
  constructor(private readonly base = '') {}

  async view(): Promise<BoardView | undefined> {
    try {
      const res = await fetch(`${this.base}/board`, { cache: 'no-store' });
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return undefined;
      const body = (await res.json()) as Partial<BoardView>;
      if (!Array.isArray(body.items)) return undefined;
      return { pinned: body.pinned === true, items: body.items, refused: body.refused ?? [], lastProblem: body.lastProblem ?? null };
    } catch {
      return undefined;
    }
  }

  async importFromUsb(): Promise<{ kept: number; known: number; refused: number } | undefined> {
    try {
      const res = await fetch(`${this.base}/board/import`, { method: 'POST' });
      return res.ok ? ((await res.json()) as { kept: number; known: number; refused: number }) : undefined;
    } catch {
      return undefined;
    }
  }
}
