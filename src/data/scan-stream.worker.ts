/**
 * The counter's scan stream in a Web Worker: the socket to the service, each
 * scan's store (and its basket line) in IndexedDB, and the acks, all on a
 * thread of their own. On the page's main thread a store waited twice for the
 * screen's rendering (for the reads, then for the commit), so at a Pi's speed a
 * burst into a basket committed hundreds of ms late, and its tasks took from
 * the screen the time it needed to keep up with the scanner. The page is told
 * what arrived (to show it at once) and what each commit did.
 *
 * What a scan does is decided here, by the mode the page said it was in when
 * the scan arrived (the page says so on every mode change).
 */
import { sendWedgeLine, subscribeScanStream } from './scan-stream.ts';
import { arrivalStore } from './scans.ts';
import type { BasketScanEffect } from './sessions.ts';
import { useDatabase } from './db.ts';
import { errorShape, type ArrivalMode, type PageToWorker, type StoredInWorker, type WorkerToPage } from './scan-stream-messages.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PageToWorker>) => void) | null;
  postMessage(message: WorkerToPage): void;
  close(): void;
};

let current: ArrivalMode = { mode: '' };
/** What each stored scan did to its basket, until the page is told. */
const effects = new Map<string, BasketScanEffect>();
const arrivals = arrivalStore((id, effect) => effects.set(id, effect));
let unsubscribe: (() => void) | undefined;

const post = (message: WorkerToPage) => scope.postMessage(message);

/**
 * Commits the page has not been told of yet. Each 'stored' costs the page a
 * screen update (the basket as stored), and here a commit takes a few ms, so
 * one message per commit would ask a busy page for an update per scan; the
 * next goes only once the page has taken the last, with every commit since.
 * The acks do not wait for this: the service hears of a commit at once.
 */
let untold: StoredInWorker[] = [];
let pageTaking = false;

function tellPage(): void {
  if (pageTaking || untold.length === 0) return;
  pageTaking = true;
  post({ type: 'stored', outcomes: untold });
  untold = [];
}

scope.onmessage = ({ data: message }) => {
  switch (message.type) {
    case 'subscribe': {
      if (unsubscribe) return;
      useDatabase(message.dbName);
      current = { mode: message.mode, into: message.into };
      unsubscribe = subscribeScanStream(
        {
          onArrive: (scan) => {
            arrivals.arrived(scan.id, current.into);
            post({ type: 'arrive', scan, mode: current.mode });
          },
          onRejected: (rejected) => post({ type: 'rejected', rejected }),
          onScanners: (states) => post({ type: 'scanners', states }),
          onConnection: (status) => post({ type: 'connection', status }),
          onStoreError: (scan, error) => post({ type: 'store-error', scan, error: errorShape(error) }),
          onJournal: (state) => post({ type: 'journal', state }),
          onReplaced: () => post({ type: 'replaced' }),
        },
        {
          role: message.role,
          storeBatch: async (scans) => {
            const results = await arrivals.storeBatch(scans);
            const committedAt = performance.timeOrigin + performance.now();
            scans.forEach((scan, i) => {
              untold.push({ id: scan.id, result: results[i]!, effect: effects.get(scan.id), committedAt });
              effects.delete(scan.id);
            });
            tellPage();
            return results;
          },
        },
      );
      return;
    }
    case 'mode':
      current = { mode: message.mode, into: message.into };
      return;
    case 'stored-taken':
      pageTaking = false;
      tellPage();
      return;
    case 'wedge':
      sendWedgeLine(message.line);
      return;
    case 'close':
      unsubscribe?.();
      scope.close();
      return;
  }
};
