/**
 * A small ledger written through the real counter paths (register, cost price,
 * scans into a sale, close, reverse), with the figures the report must show,
 * worked out by hand. Shared by the report's data and screen tests.
 */
import { lookupBarcode } from '../../src/data/barcodes.ts';
import { putProduct, registerProduct } from '../../src/data/products.ts';
import { addScanToBasket, openSession } from '../../src/data/sessions.ts';
import { closeSale, reverseSale } from '../../src/data/basket-closing.ts';
import { ean13 } from './shop-fixtures.ts';

export const A = `0${ean13('690000000001')}`;
export const B = `0${ean13('690000000002')}`;
export const C = `0${ean13('690000000003')}`;

/** Local time on 2026-03-05 ("today" of the ledger). */
export function at(hour: number, minute = 0, second = 0): number {
  return new Date(2026, 2, 5, hour, minute, second).getTime();
}

export const NOW = at(18);

async function sell(lines: [code: string, scans: number][], firstScan: number, closedAt: number): Promise<string> {
  const session = await openSession('sale', firstScan);
  let t = firstScan;
  for (const [code, scans] of lines) {
    const match = await lookupBarcode(code);
    if (!match) throw new Error(`no product ${code}`);
    for (let i = 0; i < scans; i++) await addScanToBasket(session.id, match, t++);
  }
  await closeSale(session.id, closedAt);
  return session.id;
}

/**
 *   A 中华 ¥45, cost ¥40, 卷烟, opening 20 · B 可乐 ¥3, no cost, opening 30 · C 薯片 ¥8, cost ¥5, opening 10
 *   10:00:00–10:01:00 A×2 = ¥90 · 10:30:00–10:30:20 B×3 = ¥9 (reversed at 17:30) · 17:00–17:02 A+B = ¥48
 */
export async function seedReportLedger(): Promise<void> {
  const registered = new Date(2026, 1, 1, 9).getTime();
  const a = await registerProduct({ code: A, name: '中华', priceCents: 4500, unit: 'pack', openingStock: 20 }, registered);
  await putProduct({ ...a, costCents: 4000, category: '卷烟', brand: '中华', packsPerCarton: 10 }, registered);
  const b = await registerProduct({ code: B, name: '可乐', priceCents: 300, unit: 'pack', openingStock: 30 }, registered);
  await putProduct({ ...b, category: '饮料', brand: '可口可乐' }, registered);
  const c = await registerProduct({ code: C, name: '薯片', priceCents: 800, unit: 'pack', openingStock: 10 }, registered);
  await putProduct({ ...c, costCents: 500, category: '零食', brand: '乐事' }, registered);
  await sell([[A, 2]], at(10), at(10, 1));
  const second = await sell([[B, 3]], at(10, 30), at(10, 30, 20));
  await sell(
    [
      [A, 1],
      [B, 1],
    ],
    at(17),
    at(17, 2),
  );
  await reverseSale(second, '顾客退货', at(17, 30));
}
