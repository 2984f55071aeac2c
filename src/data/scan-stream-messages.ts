/**
 * What the page and the scan-stream worker (scan-stream.worker.ts) say to each
 * other. The worker holds the socket to the service and stores each scan; the
 * page is told what arrived (to show it at once) and what each store did.
 */
import type { JournalState, RejectedScan, Scan, ScannerRole, ScannerState } from '../domain/scan-protocol.ts';
import type { DB_NAME, DEMO_DB_NAME } from './db.ts';
import type { ScanTarget, StoreScanResult } from './scans.ts';
import type { ConnectionStatus } from './scan-stream.ts';
import type { BasketScanEffect } from './sessions.ts';

/** The screen scans go to now: `mode` is the page's name for it, echoed back with each arrival. */
export interface ArrivalMode {
  mode: string;
  /** The basket a scan arriving now goes into, in the transaction that stores it. */
  into?: ScanTarget | undefined;
}

export type PageToWorker =
  | ({ type: 'subscribe'; role: ScannerRole; dbName: typeof DB_NAME | typeof DEMO_DB_NAME } & ArrivalMode)
  | ({ type: 'mode' } & ArrivalMode)
  | { type: 'wedge'; line: string }
  /** The page has taken the last 'stored': the next may come (see scan-stream.worker.ts). */
  | { type: 'stored-taken' }
  | { type: 'close' };

export interface StoredInWorker {
  id: string;
  result: StoreScanResult;
  effect?: BasketScanEffect | undefined;
  /** When the store committed (performance.timeOrigin + performance.now(), the worker's clock). */
  committedAt: number;
}

/** An Error's name and message: what survives the trip (describeStorageError reads the name). */
export interface ErrorShape {
  name: string;
  message: string;
}

export type WorkerToPage =
  | { type: 'arrive'; scan: Scan; mode: string }
  /** One message per committed transaction: the scans of one commit reach the screen together. */
  | { type: 'stored'; outcomes: StoredInWorker[] }
  | { type: 'store-error'; scan: Scan; error: ErrorShape }
  | { type: 'rejected'; rejected: RejectedScan }
  | { type: 'scanners'; states: ScannerState[] }
  | { type: 'connection'; status: ConnectionStatus }
  | { type: 'journal'; state: JournalState }
  | { type: 'replaced' };

export function errorShape(error: unknown): ErrorShape {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : String(error) };
  }
  return { name: 'Error', message: String(error) };
}
