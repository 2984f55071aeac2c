/**
 * Reading one cell or header of a supplier's catalog CSV: the many names a
 * column goes by, barcodes as spreadsheets mangle them, yes/no flags, and the
 * marks spreadsheets (and our own export) put around text.
 */
import { readCode } from './barcode.ts';
import type { CatalogField } from './catalog-csv.ts';

// Normalised header text (see normaliseHeader) → field.
export const HEADER_ALIASES: Record<string, CatalogField> = {};
for (const [field, names] of Object.entries({
  code: ['条码', '商品条码', '条形码', '单品条码', '盒码', 'barcode', 'code'],
  cartonCode: ['条包条码', '条码(条)', '条盒条码', 'cartonbarcode', 'cartoncode'],
  packsPerCarton: ['每条盒数', '条包装数', 'cartonsize', 'packspercarton'],
  name: ['名称', '商品名称', '品名', 'name'],
  brand: ['品牌', 'brand'],
  category: ['类别', '分类', 'category'],
  priceCents: ['零售价', '零售价格', '售价', 'retailprice', 'price'],
  costCents: ['成本价', '批发价', 'costprice', 'cost'],
  isNew: ['新品', 'new', 'isnew'],
  brandStory: ['品牌故事', '品牌介绍', 'brandstory', 'story'],
  specs: ['规格', '商品规格', 'specs', 'specifications'],
  minOrderUnits: ['起订量', '最小订货量', '最低订量', 'minorder', 'minorderunits', 'moq'],
  discontinued: ['停售', '停产', '停供', 'discontinued'],
} satisfies Record<CatalogField, string[]>)) {
  for (const name of names) HEADER_ALIASES[normaliseHeader(name)] = field as CatalogField;
}

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[_-]/g, '')
    .replace(/\((元|¥|￥)\)$/, '');
}

export function optionalText(cell: string | undefined): string | undefined {
  const t = (cell ?? '').trim();
  return t.length > 0 ? t : undefined;
}

type BarcodeRead =
  { ok: true; code: string } | { ok: false; reason: 'missing-barcode' | 'bad-check-digit' | 'bad-barcode' | 'barcode-scientific-notation' };

export function readBarcode(text: string): BarcodeRead {
  if (text.length === 0) return { ok: false, reason: 'missing-barcode' };
  if (/^\d+(?:\.\d*)?[eE]\+?\d+$/.test(text)) return { ok: false, reason: 'barcode-scientific-notation' };
  const read = readCode(text);
  if (read.ok) return { ok: true, code: read.code };
  if (read.reason === 'bad-check-digit') return { ok: false, reason: 'bad-check-digit' };
  if (read.reason === 'empty') return { ok: false, reason: 'missing-barcode' };
  return { ok: false, reason: 'bad-barcode' };
}

const FLAG_VALUES: Record<string, boolean> = {
  是: true,
  否: false,
  y: true,
  n: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
  true: true,
  false: false,
};

export function readFlag(text: string): boolean | undefined {
  return FLAG_VALUES[text.normalize('NFKC').trim().toLowerCase()];
}

/** An optional yes/no cell: false when empty, undefined when it is neither a yes nor a no. */
export function readOptionalFlag(text: string): boolean | undefined {
  return text.length > 0 ? readFlag(text) : false;
}

/**
 * An optional count cell: undefined when empty, the count when `check` passes
 * it, null when refused (a cell that is not 1 to 7 digits is checked as NaN).
 */
export function readOptionalCount(text: string, check: (count: number) => string | undefined): number | null | undefined {
  if (text.length === 0) return undefined;
  const count = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  return check(count) === undefined ? count : null;
}

/**
 * Undo what spreadsheets and our own export do to keep a cell as text:
 * surrounding spaces and tabs, ="…" wrappers, and the "'" put before = + - @.
 */
export function cleanCell(cell: string): string {
  let t = cell.trim();
  const wrapped = /^="(.*)"$/.exec(t);
  if (wrapped) t = wrapped[1]!.trim();
  if (/^'[=+\-@]/.test(t)) t = t.slice(1);
  return t;
}

export function preview(text: string): string {
  return text.length > 48 ? text.slice(0, 48) + '…' : text;
}
