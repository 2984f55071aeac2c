/**
 * The counter tells the customer display that the open sale changed. The
 * display reads the sale itself from IndexedDB, so the message carries only
 * which sale and its status, and is sent only after the write has committed
 * (a display reading too early would show the basket one scan behind); how it
 * reaches the display is page-signal.ts.
 */
import type { SessionStatus } from './schema.ts';
import { pageSignal } from './page-signal.ts';

export const SALE_CHANNEL = 'shop-terminal-sale';

export interface SaleSignal {
  type: 'sale-changed';
  sessionId: string;
  status: SessionStatus;
}

const signal = pageSignal<SaleSignal>(SALE_CHANNEL, (data) =>
  data.type === 'sale-changed' && typeof data.sessionId === 'string' && typeof data.status === 'string' ? (data as SaleSignal) : undefined,
);

/**
 * An open sale is announced at most once per this many ms: a burst of scans
 * commits every few ms, and each announcement has every display read the
 * whole sale and its products again, on the same small machine as the
 * counter. The first change goes at once, the last one of a burst at the end
 * of its interval, so a display is never more than this behind.
 */
export const OPEN_SALE_SIGNAL_MS = 100;

let lastOpenSignalAt = -Infinity;
let heldOpen: string | undefined;
let heldTimer: ReturnType<typeof setTimeout> | undefined;

function sendHeld(): void {
  clearTimeout(heldTimer);
  heldTimer = undefined;
  if (heldOpen === undefined) return;
  const sessionId = heldOpen;
  heldOpen = undefined;
  lastOpenSignalAt = performance.now();
  signal.announce({ type: 'sale-changed', sessionId, status: 'open' });
}

/** Tell every display that sale `sessionId` changed (call after the commit). */
export function announceSaleChanged(sessionId: string, status: SessionStatus): void {
  // A sale closed or voided, or another sale: what is held goes first.
  if (status !== 'open' || heldOpen !== sessionId) sendHeld();
  if (status !== 'open') {
    // The display thanks the customer (or goes back to its loop) at once.
    signal.announce({ type: 'sale-changed', sessionId, status });
    return;
  }
  heldOpen = sessionId;
  // performance.now(), not the wall clock: a Pi's clock may jump.
  const wait = lastOpenSignalAt + OPEN_SALE_SIGNAL_MS - performance.now();
  if (wait <= 0) sendHeld();
  else heldTimer ??= setTimeout(sendHeld, wait);
}

/** Call `listener` for each sale change, from this page or another; returns the unsubscribe. */
export function onSaleChanged(listener: (signal: SaleSignal) => void): () => void {
  return signal.listen(listener);
}
