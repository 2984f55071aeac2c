/**
 * The page half of bench:counter: the real data layer in real Chromium, with
 * functions on window for bench/counter.ts to call through playwright.
 */
import { mulberry32 } from '../test/helpers/mulberry32.ts';
import { unwrap } from 'idb';
import { deleteKioskDb, getDb } from '../src/data/db.ts';
import { loadProductCatalog } from '../src/data/products.ts';
import { lookupBarcode } from '../src/data/barcodes.ts';
import { addScanToBasket, openSession } from '../src/data/sessions.ts';
import { closeSale } from '../src/data/basket-closing.ts';
import { getProductHistory } from '../src/data/movements.ts';
import { checkLedger } from '../src/data/catalog.ts';
import { addToDailyTotal, localDay, type DailyTotal, type MovementKind, type Product, type StockMovement } from '../src/domain/product.ts';
import { gs1CheckDigit } from '../src/domain/barcode.ts';
import { dayProductsOf } from '../src/domain/report/rollups.ts';

function packCode(i: number): string {
  const body = `69${String(200000000 + i).padStart(10, '0')}`;
  return `0${body}${gs1CheckDigit(body)}`;
}
function cartonCode(i: number): string {
  const body = `1${packCode(i).slice(1, 13)}`;
  return body + gs1CheckDigit(body);
}

/**
 * Bulk-write `movements` movements over `products` products, straight into
 * IndexedDB, consistent the way the data layer keeps it: stock = Σ movements,
 * daily totals = Σ of each day's movements, every product with its pack and
 * carton barcode links.
 */
async function seed(products: number, movements: number): Promise<{ products: number; movements: number; codes: string[] }> {
  await deleteKioskDb();
  const db = await getDb();
  const random = mulberry32(42);
  const start = new Date(2024, 0, 1, 8, 0, 0).getTime();
  const catalog: Product[] = [];
  for (let i = 0; i < products; i++) {
    catalog.push({
      code: packCode(i),
      name: `基准商品 ${i + 1}`,
      priceCents: 1000 + i,
      unit: 'pack',
      stock: 0,
      createdAt: start,
      updatedAt: start,
      packsPerCarton: 10,
      cartonCode: cartonCode(i),
      costCents: 800 + i,
    });
  }
  const totals = new Map<string, DailyTotal>();
  const kinds: MovementKind[] = ['sale', 'sale', 'sale', 'sale', 'receipt', 'sale-reversal', 'adjustment', 'stocktake'];
  const BATCH = 20_000;
  // About 550 days of trading, in recording order.
  const step = Math.floor((550 * 86_400_000) / movements);
  for (let from = 0; from < movements; from += BATCH) {
    const batch: StockMovement[] = [];
    for (let n = from; n < Math.min(movements, from + BATCH); n++) {
      const p = catalog[n < products ? n : Math.floor(random() * products)]!;
      const at = start + n * step;
      let kind: MovementKind = n < products ? 'opening' : kinds[Math.floor(random() * kinds.length)]!;
      let quantity: number;
      switch (kind) {
        case 'opening':
          quantity = 50;
          break;
        case 'sale':
          quantity = -(random() < 0.1 ? 10 : 1 + Math.floor(random() * 2));
          break;
        case 'receipt':
          quantity = 10 * (1 + Math.floor(random() * 5));
          break;
        case 'sale-reversal':
          quantity = 1;
          break;
        default:
          quantity = random() < 0.5 ? -1 : 1;
          kind = kind === 'stocktake' ? 'stocktake' : 'adjustment';
      }
      const m: StockMovement = { code: p.code, kind, quantity, at, day: localDay(at) };
      batch.push(m);
      p.stock += quantity;
      p.updatedAt = at;
      const key = `${m.code}|${m.day}`;
      totals.set(key, addToDailyTotal(totals.get(key), m));
    }
    // Plain IndexedDB requests: no promise per record for 200,000 of them.
    const tx = unwrap(db.transaction('movements', 'readwrite', { durability: 'relaxed' }));
    const store = tx.objectStore('movements');
    for (const m of batch) store.add(m);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
  {
    const tx = db.transaction(['products', 'barcodes', 'dailyTotals', 'dayProducts'], 'readwrite', { durability: 'relaxed' });
    for (const p of catalog) {
      void tx.objectStore('products').put(p);
      void tx.objectStore('barcodes').put({ code: p.code, productCode: p.code, multiplier: 1 });
      void tx.objectStore('barcodes').put({ code: p.cartonCode!, productCode: p.code, multiplier: 10 });
    }
    for (const t of totals.values()) void tx.objectStore('dailyTotals').put(t);
    for (const d of dayProductsOf(totals.values())) void tx.objectStore('dayProducts').put(d);
    await tx.done;
  }
  return { products: catalog.length, movements: await db.count('movements'), codes: catalog.map((p) => p.code) };
}

/**
 * One customer at a time: `count` sales of 1–3 scans (some of them cartons),
 * each timed from the first scan (lookup, basket opened) to the sale committed.
 */
/** Where the time of each sale went: [open basket, scans, close] ms. */
const parts: [number, number, number][] = [];

async function sales(count: number): Promise<number[]> {
  await loadProductCatalog();
  const db = await getDb();
  const products = await db.count('products');
  const random = mulberry32(7);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const scans = 1 + Math.floor(random() * 3);
    const picked: string[] = [];
    for (let s = 0; s < scans; s++) {
      const i = Math.floor(random() * products);
      picked.push(random() < 0.1 ? cartonCode(i) : packCode(i));
    }
    // Let the page breathe between customers, like the counter does.
    await new Promise((r) => setTimeout(r, 5));
    const t0 = performance.now();
    const session = await openSession('sale');
    const t1 = performance.now();
    for (const code of picked) {
      const match = await lookupBarcode(code);
      if (!match) throw new Error(`bench: no product for ${code}`);
      await addScanToBasket(session.id, match);
    }
    const t2 = performance.now();
    await closeSale(session.id);
    const t3 = performance.now();
    times.push(t3 - t0);
    parts.push([t1 - t0, t2 - t1, t3 - t2]);
  }
  return times;
}

async function history(codes: string[], limit: number | undefined): Promise<{ ms: number[]; rows: number[] }> {
  const ms: number[] = [];
  const rows: number[] = [];
  for (const code of codes) {
    const t0 = performance.now();
    const h = await getProductHistory(code, limit);
    ms.push(performance.now() - t0);
    rows.push(h.length);
  }
  return { ms, rows };
}

async function ledger(): Promise<number> {
  return (await checkLedger()).length;
}

function breakdown(): [number, number, number][] {
  return parts;
}

Object.assign(globalThis, { counterBench: { seed, sales, history, ledger, breakdown } });
