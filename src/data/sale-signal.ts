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

/** Tell every display that sale `sessionId` changed (call after the commit). */
export function announceSaleChanged(sessionId: string, status: SessionStatus): void {
  signal.announce({ type: 'sale-changed', sessionId, status });
}

/** Call `listener` for each sale change, from this page or another; returns the unsubscribe. */
export function onSaleChanged(listener: (signal: SaleSignal) => void): () => void {
  return signal.listen(listener);
}
