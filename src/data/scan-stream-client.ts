/**
 * The page's end of the scan-stream worker (scan-stream.worker.ts): the same
 * handlers as subscribeScanStream, fed from the worker's messages. Where a
 * worker cannot start (no Worker, its script blocked or broken) the stream
 * runs on the page instead, as before, so the counter still takes scans.
 */
import type { Scan, ScannerRole } from '../domain/scan-protocol.ts';
import { currentDbName, getDb } from './db.ts';
import { markScanCommitted } from './metrics.ts';
import {
  MAX_WEDGE_LINE,
  ScanStreamClosedError,
  routeWedgeLines,
  subscribeScanStream,
  type ConnectionStatus,
  type ScanStreamHandlers,
} from './scan-stream.ts';
import type { ArrivalMode, PageToWorker, WorkerToPage } from './scan-stream-messages.ts';
import { arrivalStore, type StoreScanResult } from './scans.ts';
import type { BasketScanEffect } from './sessions.ts';

export interface WorkerStreamHandlers extends ScanStreamHandlers {
  /** What a stored scan did to its basket; called before its `stored` settles. */
  onEffect?(scanId: string, effect: BasketScanEffect): void;
}

export interface WorkerStream {
  /** The page now shows `mode`: scans arriving from now on are stored `into` its basket. */
  setMode(mode: ArrivalMode): void;
  close(): void;
}

export interface WorkerStreamOptions {
  role?: ScannerRole;
  /** The mode shown when the stream starts. */
  mode: ArrivalMode;
}

/**
 * Stream scans through the worker. `onArrive` is given the mode the scan
 * arrived in, as the worker saw it: that, not the page's mode when the message
 * lands, is what its store did.
 */
export function subscribeScanStreamInWorker(handlers: WorkerStreamHandlers, options: WorkerStreamOptions): WorkerStream {
  let mode = options.mode;
  let status: ConnectionStatus | undefined;
  let closed = false;
  let fallback: (() => void) | undefined;
  const waiting = new Map<string, { resolve(result: StoreScanResult): void; reject(error: unknown): void }>();

  let worker: Worker | undefined;
  try {
    worker = typeof Worker === 'function' ? new Worker(new URL('./scan-stream.worker.ts', import.meta.url), { type: 'module' }) : undefined;
  } catch (error) {
    console.warn('scan stream: no worker; taking scans on the page', error);
  }

  const send = (message: PageToWorker) => worker?.postMessage(message);

  function receive(message: WorkerToPage): void {
    switch (message.type) {
      case 'arrive': {
        const { scan } = message;
        handlers.onArrive?.(scan, message.mode);
        const stored = new Promise<StoreScanResult>((resolve, reject) => waiting.set(scan.id, { resolve, reject }));
        handlers.onScan?.(scan, stored);
        return;
      }
      case 'stored':
        for (const { id, result, effect, committedAt } of message.outcomes) {
          markScanCommitted(id, committedAt);
          if (effect) handlers.onEffect?.(id, effect);
          waiting.get(id)?.resolve(result);
          waiting.delete(id);
        }
        // After the screen updates this brings (they run before the next task).
        setTimeout(() => send({ type: 'stored-taken' }), 0);
        return;
      case 'connection':
        status = message.status;
        handlers.onConnection?.(message.status);
        return;
      // The rest is passed on as the page's own stream would.
      case 'store-error':
        return handlers.onStoreError?.(message.scan, new DOMException(message.error.message, message.error.name));
      case 'rejected':
        return handlers.onRejected?.(message.rejected);
      case 'scanners':
        return handlers.onScanners?.(message.states);
      case 'journal':
        return handlers.onJournal?.(message.state);
      case 'replaced':
        return handlers.onReplaced?.();
    }
  }

  /** Scans the worker took but had not stored: the service offers them again to whoever connects next. */
  function dropWaiting(): void {
    for (const [id, { reject }] of waiting) reject(new ScanStreamClosedError(id));
    waiting.clear();
  }

  function runOnPage(): void {
    routeWedgeLines(undefined);
    const arrivals = arrivalStore((id, effect) => handlers.onEffect?.(id, effect));
    fallback = subscribeScanStream(
      {
        ...handlers,
        onArrive: (scan: Scan) => {
          arrivals.arrived(scan.id, mode.into);
          handlers.onArrive?.(scan, mode.mode);
        },
      },
      { role: options.role, storeBatch: (scans) => arrivals.storeBatch(scans) },
    );
  }

  if (!worker) {
    runOnPage();
  } else {
    const started = worker;
    started.onmessage = (e: MessageEvent<WorkerToPage>) => {
      if (!closed) receive(e.data);
    };
    started.onerror = (e) => {
      // The script failed to load or threw: take the scans here from now on.
      e.preventDefault();
      console.error('scan stream: the worker failed; taking scans on the page', e.message);
      started.terminate();
      worker = undefined;
      dropWaiting();
      if (!closed) runOnPage();
    };
    routeWedgeLines((line) => {
      if (status !== 'open' || line.length > MAX_WEDGE_LINE) return false;
      send({ type: 'wedge', line });
      return true;
    });
    // The page opens the database first, so an upgrade it runs shows its progress here.
    void getDb()
      .catch(() => undefined)
      .then(() => {
        if (!closed) send({ type: 'subscribe', role: options.role ?? 'counter', dbName: currentDbName(), ...mode });
      });
  }

  return {
    setMode(next) {
      mode = next;
      send({ type: 'mode', ...next });
    },
    close() {
      if (closed) return;
      closed = true;
      routeWedgeLines(undefined);
      fallback?.();
      send({ type: 'close' });
      dropWaiting();
    },
  };
}
