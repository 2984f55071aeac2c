/**
 * bench:scan-floor's store and acks, as the app does them: every scan kept in
 * IndexedDB with the app's durability (strict; group-committed, one transaction
 * at a time, at most 200 scans each, as src/data/scan-stream.ts does), acked
 * after its commit in one message per turn of the event loop. Used where the
 * floor stores: on its page, or in its worker (BENCH_FLOOR_STORE=worker).
 */
import { MAX_ACK_IDS, SCAN_SOCKET_PATH, type ClientMessage, type Scan } from '../src/domain/scan-protocol.ts';

const MAX_STORE_BATCH = 200;

function openFloorDb(name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      // The app's scans store: keyed by id, the same two indexes to keep up to date.
      const scans = req.result.createObjectStore('scans', { keyPath: 'id' });
      scans.createIndex('by-order', ['boot', 'seq']);
      scans.createIndex('by-code', 'code');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Acks for the service, sent together once the current task is done. */
function floorAcks(socket: WebSocket): (ids: readonly string[]) => void {
  let acks: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    timer = undefined;
    for (let i = 0; i < acks.length; i += MAX_ACK_IDS) {
      socket.send(JSON.stringify({ type: 'ack', ids: acks.slice(i, i + MAX_ACK_IDS) } satisfies ClientMessage));
    }
    acks = [];
  };
  return (ids) => {
    acks.push(...ids);
    timer ??= setTimeout(send, 0);
  };
}

/** Scans queued for storing; `committed` is told each transaction's scans once it commits. */
function floorStore(db: IDBDatabase, committed: (batch: readonly Scan[]) => void): (scans: readonly Scan[]) => void {
  const queue: Scan[] = [];
  let storing = false;
  const store = (): void => {
    if (storing || queue.length === 0) return;
    storing = true;
    const batch = queue.splice(0, MAX_STORE_BATCH);
    const tx = db.transaction('scans', 'readwrite', { durability: 'strict' });
    const scans = tx.objectStore('scans');
    const storedAt = Date.now();
    for (const scan of batch) {
      const req = scans.add({ ...scan, storedAt });
      // Already stored (a re-offer): not an error, as in the app.
      req.onerror = (event) => {
        if (req.error?.name === 'ConstraintError') {
          event.preventDefault();
          event.stopPropagation();
        }
      };
    }
    tx.oncomplete = () => {
      storing = false;
      committed(batch);
      store();
    };
    tx.onabort = () => {
      storing = false;
      queue.unshift(...batch);
      setTimeout(store, 1000);
    };
  };
  return (scans) => {
    queue.push(...scans);
    store();
  };
}

/** What the floor's stream tells its owner (the page, or the worker for the page). */
export interface FloorStreamHandlers {
  subscribed(): void;
  /** Scans arrived: shown at once, stored after. */
  arrived(scans: readonly Scan[]): void;
  /** These scans are committed (and their acks on the way). */
  committed(ids: readonly string[]): void;
}

/** Subscribe to the service at `host` as the counter, store each scan in database `dbName`, ack each commit. */
export async function runFloorStream(host: string, dbName: string, handlers: FloorStreamHandlers): Promise<void> {
  const db = await openFloorDb(dbName);
  const socket = new WebSocket(`ws://${host}${SCAN_SOCKET_PATH}`);
  const ack = floorAcks(socket);
  const store = floorStore(db, (batch) => {
    const ids = batch.map((scan) => scan.id);
    handlers.committed(ids);
    ack(ids);
  });
  socket.onopen = () => {
    socket.send(JSON.stringify({ type: 'subscribe', role: 'counter' } satisfies ClientMessage));
    handlers.subscribed();
  };
  socket.onmessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as { type: string; scans?: Scan[] };
    if (message.type !== 'scans' || !message.scans?.length) return;
    handlers.arrived(message.scans);
    store(message.scans);
  };
}
