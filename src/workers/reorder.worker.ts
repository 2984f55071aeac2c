/**
 * Web Worker running the reorder engine, so a recomputation of the order
 * suggestions never holds the counter's main thread (issue 13).
 */
import { suggestOrders } from '../domain/reorder/engine.ts';
import { unpackReorderRequest, type ReorderReply, type ReorderRequest } from './reorder-message.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ReorderRequest>) => void) | null; postMessage(m: ReorderReply): void };
scope.onmessage = (e) => {
  const { id } = e.data;
  try {
    scope.postMessage({ id, ok: true, suggestions: suggestOrders(unpackReorderRequest(e.data), e.data.settings) });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
