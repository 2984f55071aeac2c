/**
 * The counter tells the customer display that the open sale changed. The
 * display is another page of the same origin (a second screen, or customer
 * mode in this page): it reads the sale itself from IndexedDB, so the message
 * carries only which sale and its status, and is sent only after the write has
 * committed (a display reading too early would show the basket one scan behind).
 */
import type { SessionStatus } from './schema.ts';

export const SALE_CHANNEL = 'shop-terminal-sale';

export interface SaleSignal {
  type: 'sale-changed';
  sessionId: string;
  status: SessionStatus;
}

let channel: BroadcastChannel | undefined;
/** Listeners in this page: a BroadcastChannel does not deliver to its own sender. */
const local = new EventTarget();

/** Tell every display that sale `sessionId` changed (call after the commit). */
export function announceSaleChanged(sessionId: string, status: SessionStatus): void {
  const signal: SaleSignal = { type: 'sale-changed', sessionId, status };
  try {
    channel ??= typeof BroadcastChannel === 'function' ? new BroadcastChannel(SALE_CHANNEL) : undefined;
    channel?.postMessage(signal);
  } catch (error) {
    // The display then shows the change at its next refresh; the sale itself is recorded.
    console.warn('sale signal: could not post', error);
  }
  local.dispatchEvent(new CustomEvent<SaleSignal>('sale-changed', { detail: signal }));
}

/** Call `listener` for each sale change, from this page or another; returns the unsubscribe. */
export function onSaleChanged(listener: (signal: SaleSignal) => void): () => void {
  const fromHere = (event: Event) => listener((event as CustomEvent<SaleSignal>).detail);
  local.addEventListener('sale-changed', fromHere);
  const other = typeof BroadcastChannel === 'function' ? new BroadcastChannel(SALE_CHANNEL) : undefined;
  const fromOther = (event: MessageEvent) => {
    const data = event.data as Partial<SaleSignal> | null;
    if (data?.type === 'sale-changed' && typeof data.sessionId === 'string' && typeof data.status === 'string')
      listener(data as SaleSignal);
  };
  other?.addEventListener('message', fromOther);
  return () => {
    local.removeEventListener('sale-changed', fromHere);
    other?.close();
  };
}
