/**
 * Bundled by bench/report.ts (esbuild) into a page served on loopback in
 * Debian's Chromium: seeds two years of a shop's ledger, then opens the
 * business report screen for the last 30 days and times it there.
 *
 * Seeding: the movements, daily totals and hourly totals are written in bulk
 * (10,000 records a transaction), not one sale at a time through closeSale —
 * a million sales one transaction each would take far longer than the bench
 * may. The records are made with the same pure functions the counter's
 * transactions use: withSaleMoney + addToDailyTotal (applyMovement) for the
 * daily totals, addSaleToHour (closeSale) for the hourly totals, so the report
 * reads exactly what a real counter would have written.
 */
import { getDb, deleteKioskDb, type KioskStore } from '../src/data/db.ts';
import { addToDailyTotal, localDay, withSaleMoney, type DailyTotal, type Product, type StockMovement } from '../src/domain/product.ts';
import { addSaleToHour, dayProductsOf, localHour, type HourlyTotal } from '../src/domain/report/rollups.ts';
import { mulberry32 } from '../src/domain/mulberry32.ts';
import type { KioskReportScreen } from '../src/screens/kiosk-report-screen.ts';
import '../src/screens/kiosk-report-screen.ts';
import { loadReport } from '../src/data/report.ts';
import { setUpOwner, usePinIterations } from '../src/data/roles.ts';
import { presetRange } from '../src/domain/report/periods.ts';

export interface ReportSeedSize {
  products: number;
  movements: number;
  days: number;
}

const CATEGORIES = ['卷烟', '卷烟', '卷烟', '饮料', '零食', '白酒', '日用'];
const BRANDS = ['中华', '玉溪', '云烟', '黄鹤楼', '芙蓉王', '利群', '南京', '红塔山', '农夫山泉', '可口可乐', '乐事', '汾酒'];
/** Opening hours a sale can fall in, 7:00–22:59. */
const OPEN_HOURS = 16;

async function writeAll(store: KioskStore, records: readonly unknown[]): Promise<void> {
  const db = await getDb();
  for (let i = 0; i < records.length; i += 10_000) {
    const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' });
    const target = tx.objectStore(store);
    for (let k = i; k < Math.min(records.length, i + 10_000); k++) void target.put(records[k] as never);
    await tx.done;
  }
}

function midnight(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

export async function seed(size: ReportSeedSize): Promise<{ ms: number; dailyTotals: number; hourlyTotals: number }> {
  const started = performance.now();
  await deleteKioskDb();
  const random = mulberry32(10);
  const today = localDay(Date.now());
  const firstDay = midnight(today) - (size.days - 1) * 86_400_000;
  const products: Product[] = Array.from({ length: size.products }, (_, i) => {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const priceCents = category === '卷烟' ? 1000 + Math.floor(random() * 8000) : 200 + Math.floor(random() * 3000);
    const p: Product = {
      code: `0690${String(2_000_000_000 + i * 7919).padStart(10, '0')}`,
      name: `商品 ${i + 1}`,
      priceCents,
      unit: 'pack',
      stock: 0,
      createdAt: firstDay - 86_400_000,
      updatedAt: firstDay,
      category,
      brand: BRANDS[i % BRANDS.length]!,
    };
    // One product in ten has no cost price: the report lists it, never at zero cost.
    if (i % 10 !== 0) p.costCents = Math.round(priceCents * (0.75 + random() * 0.15));
    if (category === '卷烟') p.packsPerCarton = 10;
    return p;
  });
  const totals = new Map<string, DailyTotal>();
  const hours = new Map<string, HourlyTotal>();
  let id = 0;
  const record = (batch: StockMovement[], product: Product, m: StockMovement) => {
    const movement = withSaleMoney(m, product);
    batch.push({ ...movement, id: ++id });
    product.stock += movement.quantity;
    const key = `${movement.code} ${movement.day}`;
    totals.set(key, addToDailyTotal(totals.get(key), movement));
    return movement;
  };
  // Opening stock the day before the history starts.
  const opening: StockMovement[] = [];
  for (const p of products)
    record(opening, p, { code: p.code, kind: 'opening', quantity: 50, at: firstDay - 3_600_000, day: localDay(firstDay - 3_600_000) });
  await writeAll('movements', opening);
  const perDay = (size.movements - products.length) / size.days;
  const CHUNK = 100_000;
  let batch: StockMovement[] = [];
  let written = products.length;
  for (let d = 0; d < size.days && written < size.movements; d++) {
    const dayStart = firstDay + d * 86_400_000;
    const count = Math.min(size.movements - written, Math.round((d + 1) * perDay) - Math.round(d * perDay));
    let i = 0;
    while (i < count) {
      const at = dayStart + (7 + Math.floor(random() * OPEN_HOURS)) * 3_600_000 + Math.floor(random() * 3_600_000);
      const day = localDay(at);
      if (random() < 0.08) {
        const p = products[Math.floor(random() * products.length)]!;
        record(batch, p, { code: p.code, kind: 'receipt', quantity: 10 * (1 + Math.floor(random() * 3)), at, day });
        i++;
        continue;
      }
      // One customer's sale: one to three products, one movement each, as closeSale writes them.
      const lines = Math.min(count - i, 1 + Math.floor(random() * 3));
      let amountCents = 0;
      let packs = 0;
      for (let l = 0; l < lines; l++) {
        const p = products[Math.floor(random() * products.length)]!;
        const q = 1 + Math.floor(random() * 2);
        const m = record(batch, p, { code: p.code, kind: 'sale', quantity: -q, at, day });
        amountCents += m.amountCents ?? 0;
        packs += q;
      }
      i += lines;
      const hour = localHour(at);
      const key = `${day} ${hour}`;
      hours.set(key, addSaleToHour(hours.get(key), { day, hour, amountCents, packs, waitSeconds: 10 + Math.floor(random() * 110) }));
    }
    written += count;
    if (batch.length >= CHUNK) {
      await writeAll('movements', batch);
      batch = [];
    }
  }
  await writeAll('movements', batch);
  await writeAll('products', products);
  await writeAll('dailyTotals', [...totals.values()]);
  await writeAll('hourlyTotals', [...hours.values()]);
  await writeAll('dayProducts', dayProductsOf(totals.values()));
  // The report is the owner's (issue 10): the owner is signed in, as when they open it.
  usePinIterations(10);
  await setUpOwner('2580');
  return { ms: performance.now() - started, dailyTotals: totals.size, hourlyTotals: hours.size };
}

/** Open the report screen for the last 30 days: from creating it to its figures and charts drawn and painted. */
async function openReport(): Promise<number> {
  await getDb(); // the kiosk's connection is open long before the owner opens the report
  const started = performance.now();
  const screen = document.createElement('kiosk-report-screen') as KioskReportScreen;
  screen.period = 'last-30-days';
  screen.style.cssText = 'display:block;width:1280px;height:800px';
  document.body.append(screen);
  await screen.settled();
  if (!screen.report || screen.report.sales.salesCents <= 0) throw new Error('the report showed no sales');
  // The charts draw in the screen's children's updates; wait for them, then for a paint.
  await Promise.all(
    [...screen.renderRoot.querySelectorAll('kiosk-report-day-chart, kiosk-report-hour-strip, kiosk-report-bars')].map(
      (c) => (c as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete,
    ),
  );
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const ms = performance.now() - started;
  screen.remove();
  return ms;
}

/** Where the time goes: loading the figures alone (IndexedDB reads and the pure builder), for the log. */
async function loadOnly(): Promise<number> {
  const started = performance.now();
  await loadReport(presetRange('last-30-days', localDay(Date.now())));
  return performance.now() - started;
}

async function movementCount(): Promise<number> {
  return (await getDb()).count('movements');
}

(globalThis as unknown as { reportBench: unknown }).reportBench = { seed, openReport, loadOnly, movementCount };
