/**
 * bench:scan-floor's worker (BENCH_FLOOR_STORE=worker): the socket, the stores
 * and the acks off the page's main thread, as the app's scan-stream worker has
 * them. The page is told each arrival (it shows it) and each commit.
 */
import type { Scan } from '../src/domain/scan-protocol.ts';
import { runFloorStream } from './scan-floor-store.ts';

export type FloorWorkerMessage =
  { type: 'subscribed' } | { type: 'arrive'; scans: readonly Scan[] } | { type: 'stored'; ids: readonly string[]; at: number };

const post = (message: FloorWorkerMessage) => postMessage(message);

onmessage = (event: MessageEvent<{ host: string; db: string }>) =>
  runFloorStream(event.data.host, event.data.db, {
    subscribed: () => post({ type: 'subscribed' }),
    arrived: (scans) => post({ type: 'arrive', scans }),
    committed: (ids) => post({ type: 'stored', ids, at: performance.timeOrigin + performance.now() }),
  });
