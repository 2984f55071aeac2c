/**
 * suggestOrders off the main thread: one module worker for the app, requests
 * answered by id. Where a worker cannot start (no Worker, a blocked script)
 * the engine runs here instead, so the order screen still works.
 */
import { suggestOrders, type ReorderProduct, type ReorderSettings, type Suggestion } from '../domain/reorder/engine.ts';
import { packReorderRequest, type ReorderReply } from './reorder-message.ts';

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, { resolve(s: Suggestion[]): void; reject(e: Error): void; here(): Suggestion[] }>();

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = typeof Worker === 'function' ? new Worker(new URL('./reorder.worker.ts', import.meta.url), { type: 'module' }) : null;
  } catch {
    worker = null;
  }
  if (worker) {
    worker.onmessage = (e: MessageEvent<ReorderReply>) => {
      const waiting = pending.get(e.data.id);
      if (!waiting) return;
      pending.delete(e.data.id);
      if (e.data.ok) waiting.resolve(e.data.suggestions);
      else waiting.reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      // the worker script failed to load or crashed: answer what is waiting here, and from now on
      e.preventDefault();
      worker?.terminate();
      worker = null;
      for (const [, waiting] of pending) {
        try {
          waiting.resolve(waiting.here());
        } catch (err) {
          waiting.reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
      pending.clear();
    };
  }
  return worker;
}

/** The engine's suggestions, computed in the reorder worker. */
export function suggestOrdersInWorker(products: ReorderProduct[], settings: ReorderSettings): Promise<Suggestion[]> {
  const w = startWorker();
  if (!w) return Promise.resolve(suggestOrders(products, settings));
  const id = nextId++;
  const { request, transfer } = packReorderRequest(id, products, settings);
  return new Promise<Suggestion[]>((resolve, reject) => {
    pending.set(id, { resolve, reject, here: () => suggestOrders(products, settings) });
    w.postMessage(request, transfer);
  });
}
