/**
 * The page's end of the scan socket (see scan-protocol.ts).
 *
 * Each scan is handed to the screen at once and stored in IndexedDB in
 * parallel; the ack goes back only after the store has committed, because the
 * service deletes acknowledged scans from its journal. A scan that cannot be
 * stored is never acked: it stays in the journal and its store is retried here
 * with backoff until it succeeds.
 *
 * Stores are group-committed: while one transaction is committing, arriving
 * scans wait and then go together in the next one. A strict-durability commit
 * costs a disk flush, so one transaction per scan would fall behind a fast
 * scanner burst; batching keeps every scan's commit within about two flushes.
 */
import { WebSocket as ReconnectingWebSocket } from 'partysocket';
import {
  MAX_ACK_IDS,
  SCAN_SOCKET_PATH,
  parseServerMessage,
  type ClientMessage,
  type JournalState,
  type RejectedScan,
  type Scan,
  type ScannerRole,
  type ScannerState,
} from '../domain/scan-protocol.ts';
import { markScanCommitted } from './metrics.ts';
import { storeScans, type StoreScanResult } from './scans.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ScanStreamHandlers {
  /**
   * A scan arrived; `stored` settles when it is in IndexedDB: 'stored', or
   * 'duplicate' when it was already there (a re-offer after a lost ack, so the
   * screen may see a scan id twice across reconnects: key on scan.id). While
   * the store is retried `stored` stays pending; it rejects only if the stream is
   * unsubscribed first. A re-offer of a scan still being stored is not reported again.
   */
  onScan?(scan: Scan, stored: Promise<StoreScanResult>): void;
  /**
   * A scan arrived and is about to be queued for storing (before onScan, before
   * the store starts): what it does may depend on the moment it arrived.
   * `arrivedIn`: the mode it arrived in, when the stream knows it (the
   * worker's, scan-stream-client.ts); otherwise the page's mode now is.
   */
  onArrive?(scan: Scan, arrivedIn?: string): void;
  onRejected?(rejected: RejectedScan): void;
  /** The full list of scanners, after `hello` and after each change. */
  onScanners?(states: ScannerState[]): void;
  onConnection?(status: ConnectionStatus): void;
  /** A store attempt failed (disk full, database closed); it will be retried. */
  onStoreError?(scan: Scan, error: unknown): void;
  /** The service's journal health, after `hello` and after each change (disk full, read-only, recovered). */
  onJournal?(state: JournalState): void;
  /**
   * Another window subscribed to this role and now takes the scans: this
   * stream has stopped (no more acks, no reconnect) and says so on screen.
   */
  onReplaced?(): void;
}

/** The parts of a WebSocket the reconnecting socket uses; tests pass a fake. */
export type WebSocketLike = EventTarget & {
  readonly readyState: number;
  binaryType: BinaryType;
  send(data: string): void;
  close(code?: number, reason?: string): void;
};

export interface ScanStreamOptions {
  /** Default: ws(s)://<this page's host>/scans. */
  url?: string;
  WebSocket?: new (url: string, protocols?: string | string[]) => WebSocketLike;
  /** Where scans are kept, a batch in one transaction; default storeScans. */
  storeBatch?: (scans: Scan[]) => Promise<StoreScanResult[]>;
  /** Where one scan is kept (tests); a batch then stores each and fails if any fails. */
  store?: (scan: Scan) => Promise<StoreScanResult>;
  /** Backoff between store attempts: 1 s doubling up to 30 s by default. */
  storeRetry?: { initialMs?: number; maxMs?: number };
  /** Backoff between connection attempts: the service is on this machine, so short. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  /** Which scanners' scans this page takes; default 'counter'. */
  role?: ScannerRole;
}

/** Scans per store transaction at most, so one commit stays short. */
const MAX_STORE_BATCH = 200;

/** The wedge line limit of ClientMessageSchema. */
export const MAX_WEDGE_LINE = 1024;

export class ScanStreamClosedError extends Error {
  override name = 'ScanStreamClosedError';
  constructor(readonly scanId: string) {
    super(`The scan stream was closed before scan ${scanId} could be stored`);
  }
}

let activeSocket: ReconnectingWebSocket | undefined;
/** Where wedge lines go while the stream runs in a worker (scan-stream-client.ts). */
let wedgeRoute: ((line: string) => boolean) | undefined;

/** Send wedge lines through `send` instead of this context's socket; undefined: back to the socket. */
export function routeWedgeLines(send: ((line: string) => boolean) | undefined): void {
  wedgeRoute = send;
}

export function defaultScanSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${SCAN_SOCKET_PATH}`;
}

/**
 * Send a line typed by a keyboard-wedge scanner to the service, which reads it
 * like a serial scan. False when there is no open connection (the caller should
 * say so: the line is not queued) or the line is too long.
 */
export function sendWedgeLine(line: string): boolean {
  if (wedgeRoute) return wedgeRoute(line);
  const socket = activeSocket;
  if (!socket || socket.readyState !== ReconnectingWebSocket.OPEN || line.length > MAX_WEDGE_LINE) return false;
  return socket.send(JSON.stringify({ type: 'wedge', line } satisfies ClientMessage));
}

/** Connect to the service and stream scans until the returned function is called. */
export function subscribeScanStream(handlers: ScanStreamHandlers, options: ScanStreamOptions = {}): () => void {
  const single = options.store;
  const storeBatch =
    options.storeBatch ??
    (single ? (scans: Scan[]) => Promise.all(scans.map((scan) => single(scan))) : (scans: Scan[]) => storeScans(scans));
  const retryInitialMs = options.storeRetry?.initialMs ?? 1000;
  const retryMaxMs = options.storeRetry?.maxMs ?? 30_000;

  const role = options.role ?? 'counter';
  let closed = false;
  let replaced = false;
  let status: ConnectionStatus | undefined;
  /** Scans being stored (or waiting to retry), by id: a re-offer must not store twice at once. */
  const inFlight = new Map<string, Promise<StoreScanResult>>();
  /** Scans waiting for the next store transaction, oldest first. */
  const storeQueue: Array<{ scan: Scan; resolve: (r: StoreScanResult) => void; reject: (e: unknown) => void }> = [];
  let storing = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = retryInitialMs;
  const scanners = new Map<string, ScannerState>();
  let pendingAcks: string[] = [];
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts connections: an ack goes back only on the connection that last offered the scan. */
  let connection = 0;
  /** The connection each scan being stored was last offered on. */
  const offeredOn = new Map<string, number>();

  const socket = new ReconnectingWebSocket(options.url ?? defaultScanSocketUrl, undefined, {
    WebSocket: options.WebSocket,
    minReconnectionDelay: options.reconnect?.minDelayMs ?? 250,
    maxReconnectionDelay: options.reconnect?.maxDelayMs ?? 3000,
    reconnectionDelayGrowFactor: 1.5,
    minUptime: 2000,
    connectionTimeout: 4000,
    // Nothing is queued while closed: acks then are dropped (a new connection
    // must subscribe first, and acks count only for scans offered on it; the
    // service offers them again) and wedge lines are refused.
    maxEnqueuedMessages: 0,
  });
  activeSocket = socket;

  function safely(what: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      console.error(`scan stream: ${what} handler threw`, error);
    }
  }

  function setStatus(next: ConnectionStatus): void {
    if (closed || next === status) return;
    status = next;
    safely('onConnection', () => handlers.onConnection?.(next));
  }

  function emitScanners(): void {
    const states = [...scanners.values()];
    safely('onScanners', () => handlers.onScanners?.(states));
  }

  function queueAck(id: string): void {
    const offeredIn = offeredOn.get(id);
    offeredOn.delete(id);
    // Offered on a connection that has since closed: the service ignores acks
    // from another connection, and offers the scan again on the new one.
    if (closed || offeredIn !== connection) return;
    pendingAcks.push(id);
    // Stores that commit close together go back as one message.
    ackTimer ??= setTimeout(flushAcks, 0);
  }

  function flushAcks(): void {
    ackTimer = undefined;
    const ids = pendingAcks;
    pendingAcks = [];
    // Another window took over, or the socket is down: the service would ignore
    // these acks (it takes acks only for scans offered on the same connection)
    // and offers the scans again after the reconnect, where they are acked anew.
    if (replaced || socket.readyState !== ReconnectingWebSocket.OPEN) return;
    for (let i = 0; i < ids.length; i += MAX_ACK_IDS) {
      const message: ClientMessage = { type: 'ack', ids: ids.slice(i, i + MAX_ACK_IDS) };
      socket.send(JSON.stringify(message));
    }
  }

  function storeWithRetry(scan: Scan): Promise<StoreScanResult> {
    return new Promise((resolve, reject) => {
      storeQueue.push({ scan, resolve, reject });
      void pumpStores();
    });
  }

  /** Stores everything waiting in one transaction; then again, until the queue is empty. */
  async function pumpStores(): Promise<void> {
    if (storing || closed || retryTimer !== undefined || storeQueue.length === 0) return;
    storing = true;
    const batch = storeQueue.splice(0, MAX_STORE_BATCH);
    let results: StoreScanResult[] | undefined;
    let failure: unknown;
    try {
      results = await storeBatch(batch.map((entry) => entry.scan));
    } catch (error) {
      failure = error ?? new Error('store failed');
    }
    storing = false;
    if (results) {
      retryDelay = retryInitialMs;
      batch.forEach((entry, i) => {
        markScanCommitted(entry.scan.id);
        queueAck(entry.scan.id);
        entry.resolve(results[i]!);
      });
    } else if (closed) {
      for (const entry of batch) entry.reject(failure);
      return;
    } else {
      console.warn(`scan stream: storing ${batch.length} scan(s) failed; retrying in ${retryDelay} ms`, failure);
      for (const entry of batch) safely('onStoreError', () => handlers.onStoreError?.(entry.scan, failure));
      storeQueue.unshift(...batch);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void pumpStores();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, retryMaxMs);
      return;
    }
    void pumpStores();
  }

  function receiveScan(scan: Scan): void {
    offeredOn.set(scan.id, connection);
    // Its ack goes out when the first arrival's store commits, on the connection that offered it last.
    if (inFlight.has(scan.id)) return;
    safely('onArrive', () => handlers.onArrive?.(scan));
    const stored = storeWithRetry(scan);
    inFlight.set(scan.id, stored);
    const done = (): void => {
      inFlight.delete(scan.id);
    };
    stored.then(done, done);
    safely('onScan', () => handlers.onScan?.(scan, stored));
  }

  socket.addEventListener('open', () => {
    connection++;
    // Acks not sent yet were for scans offered on the last connection.
    pendingAcks = [];
    // First on every connection: scans come only after it.
    socket.send(JSON.stringify({ type: 'subscribe', role } satisfies ClientMessage));
    setStatus('open');
  });
  socket.addEventListener('close', () => setStatus('closed'));
  socket.addEventListener('message', (event: MessageEvent) => {
    if (closed) return;
    const message = typeof event.data === 'string' ? parseServerMessage(event.data) : undefined;
    if (!message) {
      const preview = typeof event.data === 'string' ? event.data.slice(0, 200) : `(${typeof event.data})`;
      console.warn('scan stream: dropped a message that does not match the protocol:', preview);
      return;
    }
    switch (message.type) {
      case 'hello':
        scanners.clear();
        for (const state of message.scanners) scanners.set(state.id, state);
        emitScanners();
        if (message.journal) {
          const journal = message.journal;
          safely('onJournal', () => handlers.onJournal?.(journal));
        }
        break;
      case 'journal':
        safely('onJournal', () => handlers.onJournal?.(message.journal));
        break;
      case 'replaced':
        replaced = true;
        pendingAcks = [];
        // Stay closed: reconnecting would take the scans back from the other window, and back again.
        socket.close();
        setStatus('closed');
        safely('onReplaced', () => handlers.onReplaced?.());
        break;
      case 'scanner':
        scanners.set(message.scanner.id, message.scanner);
        emitScanners();
        break;
      case 'rejected':
        safely('onRejected', () => handlers.onRejected?.(message.rejected));
        break;
      case 'scans':
        for (const scan of message.scans) receiveScan(scan);
        break;
    }
  });

  setStatus('connecting');

  return () => {
    if (closed) return;
    if (ackTimer !== undefined) {
      // Committed scans should not wait for a re-offer to be acked.
      clearTimeout(ackTimer);
      flushAcks();
    }
    closed = true;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
    for (const entry of storeQueue.splice(0)) entry.reject(new ScanStreamClosedError(entry.scan.id));
    if (activeSocket === socket) activeSocket = undefined;
    socket.close();
  };
}
