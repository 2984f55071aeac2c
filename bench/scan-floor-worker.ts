/**
 * bench:scan-floor's worker (BENCH_FLOOR_STORE=worker): the socket, the stores
 * and the acks off the page's main thread, as the app's scan-stream worker has
 * them. The page is told each arrival (it shows it) and each commit.
 */
import { SCAN_SOCKET_PATH, type ClientMessage, type Scan } from '../src/domain/scan-protocol.ts';
import { floorAcks, floorStore, openFloorDb } from './scan-floor-store.ts';

export type FloorWorkerMessage = { type: 'subscribed' } | { type: 'arrive'; scans: Scan[] } | { type: 'stored'; ids: string[]; at: number };

const post = (message: FloorWorkerMessage) => postMessage(message);

onmessage = async (event: MessageEvent<{ host: string; db: string }>) => {
  const db = await openFloorDb(event.data.db);
  const socket = new WebSocket(`ws://${event.data.host}${SCAN_SOCKET_PATH}`);
  const ack = floorAcks(socket);
  const store = floorStore(db, (batch) => {
    const ids = batch.map((scan) => scan.id);
    post({ type: 'stored', ids, at: performance.timeOrigin + performance.now() });
    ack(ids);
  });
  socket.onopen = () => {
    socket.send(JSON.stringify({ type: 'subscribe', role: 'counter' } satisfies ClientMessage));
    post({ type: 'subscribed' });
  };
  socket.onmessage = (message: MessageEvent<string>) => {
    const parsed = JSON.parse(message.data) as { type: string; scans?: Scan[] };
    if (parsed.type !== 'scans' || !parsed.scans?.length) return;
    post({ type: 'arrive', scans: parsed.scans });
    store(parsed.scans);
  };
};
