/**
 * bench:scan-floor's page: the smallest client of the scan socket that does
 * what the kiosk must do per scan. It subscribes as the counter, sets one
 * element's text to the newest scan, keeps every scan in IndexedDB with the
 * app's durability (strict; group-committed, one transaction at a time, at
 * most 200 scans each, as src/data/scan-stream.ts does) and acks after the
 * commit in one message per turn of the event loop, as the app does. Shown
 * and committed times go through src/data/metrics.ts, so they mean what the
 * app's mean.
 *
 * Query: db (database name), rows (a list of that many rows under the text, each
 * scan adds one on top and drops the last: what one frame costs with a DOM the
 * size of the counter's).
 */
import { MAX_ACK_IDS, SCAN_SOCKET_PATH, type ClientMessage, type Scan } from '../src/domain/scan-protocol.ts';
import { markScanCommitted, markScanShown } from '../src/data/metrics.ts';

declare global {
  var scanFloor: { subscribed: boolean } | undefined;
}

const params = new URLSearchParams(location.search);
const dbName = params.get('db') ?? 'scan-floor';
const rows = Number(params.get('rows') ?? 0);
const MAX_STORE_BATCH = 200;

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

const db = await new Promise<IDBDatabase>((resolve, reject) => {
  const req = indexedDB.open(dbName, 1);
  req.onupgradeneeded = () => {
    // The app's scans store: keyed by id, the same two indexes to keep up to date.
    const scans = req.result.createObjectStore('scans', { keyPath: 'id' });
    scans.createIndex('by-order', ['boot', 'seq']);
    scans.createIndex('by-code', 'code');
  };
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

const queue: Scan[] = [];
let storing = false;
let acks: string[] = [];
let ackTimer: ReturnType<typeof setTimeout> | undefined;

function store(): void {
  if (storing || queue.length === 0) return;
  storing = true;
  const batch = queue.splice(0, MAX_STORE_BATCH);
  const tx = db.transaction('scans', 'readwrite', { durability: 'strict' });
  const scans = tx.objectStore('scans');
  const storedAt = Date.now();
  for (const scan of batch) {
    const req = scans.add({ ...scan, storedAt });
    // Already stored (a re-offer): not an error, as in the app.
    req.onerror = (event) => {
      if (req.error?.name === 'ConstraintError') {
        event.preventDefault();
        event.stopPropagation();
      }
    };
  }
  tx.oncomplete = () => {
    storing = false;
    for (const scan of batch) {
      markScanCommitted(scan.id);
      acks.push(scan.id);
    }
    ackTimer ??= setTimeout(sendAcks, 0);
    store();
  };
  tx.onabort = () => {
    storing = false;
    queue.unshift(...batch);
    setTimeout(store, 1000);
  };
}

function sendAcks(): void {
  ackTimer = undefined;
  for (let i = 0; i < acks.length; i += MAX_ACK_IDS) {
    socket.send(JSON.stringify({ type: 'ack', ids: acks.slice(i, i + MAX_ACK_IDS) } satisfies ClientMessage));
  }
  acks = [];
}

const socket = new WebSocket(`ws://${location.host}${SCAN_SOCKET_PATH}`);
globalThis.scanFloor = { subscribed: false };
socket.onopen = () => {
  socket.send(JSON.stringify({ type: 'subscribe', role: 'counter' } satisfies ClientMessage));
  globalThis.scanFloor = { subscribed: true };
};
socket.onmessage = (event: MessageEvent<string>) => {
  const message = JSON.parse(event.data) as { type: string; scans?: Scan[] };
  if (message.type !== 'scans' || !message.scans?.length) return;
  show(message.scans);
  queue.push(...message.scans);
  store();
};
