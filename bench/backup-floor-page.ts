/**
 * Bundled by bench/backup-floor.ts: the floor of IndexedDB writes in this
 * Chromium, with nothing of the kiosk's code — how long N small records take
 * to `put` in the ways a restore could write them.
 */
import { counterScan } from '../test/helpers/counter-scan.ts';

type Shape = 'movement' | 'scan';

function record(shape: Shape, i: number): Record<string, unknown> {
  const code = `0690${String(1_000_000_000 + (i % 500) * 7919).padStart(10, '0')}`;
  const at = Date.UTC(2025, 0, 1) + i * 30_000;
  return shape === 'movement'
    ? { id: i + 1, code, kind: 'sale', quantity: -1, at, day: '2025-01-01', scanId: `b1-${i + 1}` }
    : counterScan(i, code, at);
}

function open(name: string, indexes: boolean): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = del.onerror = () => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        const m = db.createObjectStore('movements', { keyPath: 'id' });
        const s = db.createObjectStore('scans', { keyPath: 'id' });
        db.createObjectStore('blocks', { keyPath: 'id' });
        if (indexes) {
          m.createIndex('by-product', ['code', 'id']);
          m.createIndex('by-day', 'day');
          s.createIndex('by-order', ['boot', 'seq']);
          s.createIndex('by-code', 'code');
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    };
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

/** `n` records of `shape` into `store`, `perTx` per transaction, one transaction in flight. */
async function putAll(
  db: IDBDatabase,
  store: string,
  shape: Shape,
  n: number,
  perTx: number,
  durability: IDBTransactionDurability,
): Promise<void> {
  let inFlight = Promise.resolve();
  for (let from = 0; from < n; from += perTx) {
    const tx = db.transaction(store, 'readwrite', { durability });
    const os = tx.objectStore(store);
    for (let i = from; i < Math.min(n, from + perTx); i++) os.put(record(shape, i));
    const previous = inFlight;
    inFlight = done(tx);
    await previous;
  }
  await inFlight;
}

/** The same records as blocks of `per` (one record holding `per` rows). */
async function putBlocks(db: IDBDatabase, shape: Shape, n: number, per: number, offset: number): Promise<void> {
  const tx = db.transaction('blocks', 'readwrite', { durability: 'relaxed' });
  const os = tx.objectStore('blocks');
  for (let from = 0; from < n; from += per) {
    const rows = [];
    for (let i = from; i < Math.min(n, from + per); i++) rows.push(record(shape, i));
    os.put({ id: offset + from, rows });
  }
  await done(tx);
}

export interface FloorCase {
  name: string;
  indexes: boolean;
  run: (db: IDBDatabase, n: number) => Promise<void>;
}

/** Movements (two thirds of the records) then scans (one third), `perTx` per transaction. */
function oneStoreAtATime(perTx: (n: number) => number, durability: IDBTransactionDurability): FloorCase['run'] {
  return async (db, n) => {
    await putAll(db, 'movements', 'movement', (n * 2) / 3, perTx(n), durability);
    await putAll(db, 'scans', 'scan', n / 3, perTx(n), durability);
  };
}

/** Movements then scans as blocks of `per` rows, their ids apart. */
function inBlocksOf(per: number): FloorCase['run'] {
  return async (db, n) => {
    await putBlocks(db, 'movement', (n * 2) / 3, per, 0);
    await putBlocks(db, 'scan', n / 3, per, 1e9);
  };
}

const cases: FloorCase[] = [
  { name: 'indexed, 20k/tx, relaxed, one store at a time', indexes: true, run: oneStoreAtATime(() => 20_000, 'relaxed') },
  { name: 'indexed, one tx per store, relaxed', indexes: true, run: oneStoreAtATime((n) => n, 'relaxed') },
  { name: 'indexed, 20k/tx, default durability', indexes: true, run: oneStoreAtATime(() => 20_000, 'default') },
  {
    name: 'indexed, 20k/tx, both stores in parallel',
    indexes: true,
    run: async (db, n) => {
      await Promise.all([
        putAll(db, 'movements', 'movement', (n * 2) / 3, 20_000, 'relaxed'),
        putAll(db, 'scans', 'scan', n / 3, 20_000, 'relaxed'),
      ]);
    },
  },
  { name: 'no indexes, 20k/tx, relaxed', indexes: false, run: oneStoreAtATime(() => 20_000, 'relaxed') },
  { name: 'blocks of 1000 rows (scans and movements)', indexes: false, run: inBlocksOf(1000) },
  { name: 'blocks of 100 rows', indexes: false, run: inBlocksOf(100) },
];

const api = {
  names: () => cases.map((c) => c.name),
  async run(index: number, n: number): Promise<number> {
    const c = cases[index]!;
    const db = await open(`floor-${index}`, c.indexes);
    const started = performance.now();
    await c.run(db, n);
    const ms = performance.now() - started;
    db.close();
    indexedDB.deleteDatabase(`floor-${index}`);
    return ms;
  },
};
(globalThis as unknown as { floorBench: typeof api }).floorBench = api;
