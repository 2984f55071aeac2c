/**
 * The order to the supplier as a CSV file. Apart from src/data/orders.ts so the
 * CSV writer (papaparse) is loaded with the order screen, not with the counter.
 */
import Papa from 'papaparse';
import type { Order } from '../data/schema.ts';

const BOM = '\ufeff';

function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Keep a barcode as text in Excel/WPS (a tab before it) and keep formulas out of names. */
function codeCell(code: string): string {
  return /^\d+$/.test(code) ? `\t${code}` : code;
}

function textCell(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/**
 * The order as CSV text: UTF-8 BOM (so Excel/WPS read the Chinese right),
 * Chinese headers, one row per line with units, packs, cost and whether the
 * quantity is the owner's, then a total row. Encode with TextEncoder.
 */
export function orderCsv(order: Pick<Order, 'lines' | 'totalCents'>): string {
  const data = order.lines.map((l) => [
    codeCell(l.code),
    textCell(l.name ?? ''),
    String(l.units),
    String(l.packs),
    String(l.suggestedUnits),
    l.ownerEdited ? '是' : '否',
    centsText(l.unitCostCents),
    centsText(l.units * l.unitCostCents),
  ]);
  data.push([
    '',
    '合计',
    String(order.lines.reduce((s, l) => s + l.units, 0)),
    String(order.lines.reduce((s, l) => s + l.packs, 0)),
    '',
    '',
    '',
    centsText(order.totalCents),
  ]);
  return (
    BOM +
    Papa.unparse(
      { fields: ['条码', '商品名称', '订货(条)', '合计(盒)', '建议(条)', '店主修改', '进价(元/条)', '金额(元)'], data },
      { newline: '\r\n' },
    )
  );
}
