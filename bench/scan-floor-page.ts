/**
 * bench:scan-floor's page: the smallest client of the scan socket that does
 * what the kiosk must do per scan. It subscribes as the counter, sets one
 * element's text to the newest scan, keeps every scan in IndexedDB and acks
 * after the commit, as the app does (scan-floor-store.ts). Shown and committed
 * times go through src/data/metrics.ts, so they mean what the app's mean.
 *
 * Query: db (database name), rows (a list of that many rows under the text, each
 * scan adds one on top and drops the last: what one frame costs with a DOM the
 * size of the counter's), store=worker (the socket, stores and acks in a worker,
 * as the app's scan stream runs; its bundled code in globalThis.scanFloorWorker).
 */
import type { Scan } from '../src/domain/scan-protocol.ts';
import { markScanCommitted, markScanShown } from '../src/data/metrics.ts';
import { runFloorStream } from './scan-floor-store.ts';
import type { FloorWorkerMessage } from './scan-floor-worker.ts';

declare global {
  var scanFloor: { subscribed: boolean } | undefined;
  var scanFloorWorker: string | undefined;
}

const params = new URLSearchParams(location.search);
const dbName = params.get('db') ?? 'scan-floor';
const rows = Number(params.get('rows') ?? 0);

const shown = document.createElement('output');
shown.style.cssText = 'display:block;font:700 48px sans-serif;padding:24px';
document.body.append(shown);
const list = document.createElement('ol');
list.style.cssText = 'margin:0;padding:0 24px;list-style:none;font:20px sans-serif';
document.body.append(list);
for (let i = 0; i < rows; i++) list.append(row(`—`));

function row(text: string): HTMLLIElement {
  const li = document.createElement('li');
  li.style.cssText = 'display:grid;grid-template-columns:1fr auto;padding:8px 0;border-top:1px solid #ccc';
  const name = document.createElement('span');
  name.textContent = text;
  const price = document.createElement('span');
  price.textContent = '¥15.00';
  li.append(name, price);
  return li;
}

function show(scans: readonly Scan[]): void {
  shown.textContent = scans[scans.length - 1]!.code;
  if (rows > 0) {
    for (const scan of scans) {
      list.prepend(row(scan.code));
      list.lastElementChild!.remove();
    }
  }
  for (const scan of scans) markScanShown(scan.id);
}

globalThis.scanFloor = { subscribed: false };
if (params.get('store') === 'worker') {
  const code = URL.createObjectURL(new Blob([globalThis.scanFloorWorker ?? ''], { type: 'text/javascript' }));
  const worker = new Worker(code, { type: 'module' });
  worker.onmessage = (event: MessageEvent<FloorWorkerMessage>) => {
    const message = event.data;
    if (message.type === 'subscribed') globalThis.scanFloor = { subscribed: true };
    else if (message.type === 'arrive') show(message.scans);
    else for (const id of message.ids) markScanCommitted(id, message.at);
  };
  worker.postMessage({ host: location.host, db: dbName });
} else {
  await runFloorStream(location.host, dbName, {
    subscribed: () => (globalThis.scanFloor = { subscribed: true }),
    arrived: show,
    committed: (ids) => ids.forEach((id) => markScanCommitted(id)),
  });
}
