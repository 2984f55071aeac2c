/**
 * The supplier's catalog as CSV: reading an import into a plan the owner can
 * check before anything is written, and writing catalog and stock exports that
 * Excel and WPS on Chinese Windows open correctly.
 *
 * Import rules:
 * - Bytes are UTF-8 (with or without BOM) or, failing that, GB18030 (what Excel
 *   on Chinese Windows writes as "CSV"; a superset of GBK and GB2312).
 * - Columns are found by header, Chinese or English, ignoring case, spaces,
 *   full-width forms and a "(元)" suffix. Unknown columns are ignored and listed.
 *   Required: barcode, name, retail price; missing ones fail the whole file.
 * - Each row is checked on its own; a bad row is rejected with its 1-based file
 *   line (header = line 1; a quoted field spanning lines counts all its lines)
 *   and the rest still import. Nothing is written here: the plan is data.
 * - Barcodes go through readCode(), so keys are GTIN-14 like scans. The first row
 *   with a barcode owns it; later rows with it are 'duplicate-in-file'. A carton
 *   barcode may not be any other barcode in the file or in the existing catalog.
 * - A column absent from the file keeps the existing value on update; a column
 *   present with an empty cell clears the optional field (the supplier's file is
 *   the truth for the columns it has).
 */
import Papa from 'papaparse';
import {
  HEADER_ALIASES,
  cleanCell,
  normaliseHeader,
  optionalText,
  preview,
  readBarcode,
  readOptionalCount,
  readOptionalFlag,
} from './catalog-csv-cells.ts';
import {
  checkMinOrderUnits,
  checkName,
  checkPriceCents,
  displayText,
  MAX_BRAND_STORY_CHARS,
  MAX_PRICE_CENTS,
  MAX_SPECS_CHARS,
  parsePriceToCents,
} from './product.ts';
import { validatePacksPerCarton } from './units.ts';

export interface CatalogProduct {
  /** GTIN-14 or cleaned text, from readCode(). */
  code: string;
  name: string;
  brand?: string;
  category?: string;
  /** Retail price of one pack, integer cents. */
  priceCents: number;
  /** Cost (wholesale) price of one pack, integer cents. */
  costCents?: number;
  packsPerCarton?: number;
  /** The carton's own barcode (GTIN-14 or text); one scan of it is packsPerCarton packs. */
  cartonCode?: string;
  isNew: boolean;
  /** 品牌故事 for the customer display. */
  brandStory?: string;
  /** 规格 for the customer display. */
  specs?: string;
  /** 起订量: the supplier's smallest order in order units (cartons, or packs without a carton size). */
  minOrderUnits?: number;
  /** 停售: no longer supplied; present only when true. */
  discontinued?: boolean;
}

export type CatalogField = keyof CatalogProduct;

export type RejectReason =
  | 'missing-barcode'
  | 'bad-check-digit'
  | 'bad-barcode'
  /** "6.90123E+12": Excel turned the barcode into a number; the digits are lost. */
  | 'barcode-scientific-notation'
  | 'duplicate-in-file'
  | 'missing-name'
  | 'bad-name'
  | 'missing-price'
  | 'bad-price'
  | 'bad-cost-price'
  | 'bad-carton-size'
  /** A carton barcode without a carton size: how many packs a scan is cannot be guessed. */
  | 'missing-carton-size'
  | 'bad-carton-barcode'
  /** The carton barcode (or this barcode) is already another product's barcode. */
  | 'carton-barcode-conflict'
  | 'bad-new-flag'
  /** 起订量 not a whole number 1–MAX_MIN_ORDER_UNITS (0 or empty is no minimum). */
  | 'bad-min-order'
  | 'bad-discontinued-flag'
  /** 品牌故事 or 规格 longer than the display shows. */
  | 'text-too-long'
  /** Broken quoting: the row could not be read reliably. */
  | 'malformed-row';

export interface RejectedRow {
  /** 1-based file line where the row starts; the header is line 1. */
  line: number;
  reason: RejectReason;
  /** The offending cell as it was in the file (cut to 48 characters). */
  detail?: string;
  /** For 'duplicate-in-file' and 'carton-barcode-conflict' within the file: the line that owns the barcode. */
  firstLine?: number;
}

export interface CatalogUpdate {
  code: string;
  before: CatalogProduct;
  after: CatalogProduct;
  changes: CatalogField[];
}

export interface ImportPlan {
  add: CatalogProduct[];
  update: CatalogUpdate[];
  unchanged: number;
  rejected: RejectedRow[];
  /** Header cells that matched no known column, as written. */
  ignoredColumns: string[];
  /** Data rows read (excluding the header and blank lines). */
  rows: number;
}

export type CatalogFileErrorReason = 'empty-file' | 'missing-columns' | 'duplicate-columns' | 'too-many-rows';

/** The file as a whole cannot be imported; no row was planned. */
export class CatalogFileError extends Error {
  override readonly name = 'CatalogFileError';
  constructor(
    readonly reason: CatalogFileErrorReason,
    /** The fields concerned (missing or duplicated). */
    readonly fields: CatalogField[] = [],
    /** Chinese header names to show ('条码', '零售价'…) for missing fields, or the header cells for duplicates. */
    readonly columns: string[] = [],
  ) {
    super(`catalog CSV: ${reason}${columns.length ? ` (${columns.join(', ')})` : ''}`);
  }
}

/** More rows than this is not one shop's catalog. */
export const MAX_IMPORT_ROWS = 50_000;
export const DEFAULT_CHUNK_SIZE = 500;

/** Headers written by the exports, and shown in errors about missing columns. */
export const CATALOG_HEADERS: Record<CatalogField, string> = {
  code: '条码',
  name: '商品名称',
  brand: '品牌',
  category: '类别',
  priceCents: '零售价',
  costCents: '成本价',
  packsPerCarton: '每条盒数',
  cartonCode: '条包条码',
  isNew: '新品',
  brandStory: '品牌故事',
  specs: '规格',
  minOrderUnits: '起订量',
  discontinued: '停售',
};

/** The columns of an export, in order (an import takes them in any order). */
export const EXPORT_ORDER: CatalogField[] = [
  'code',
  'name',
  'brand',
  'category',
  'priceCents',
  'costCents',
  'packsPerCarton',
  'cartonCode',
  'isNew',
  'brandStory',
  'specs',
  'minOrderUnits',
  'discontinued',
];
/** Every exported field but the code, which says which product a row is. */
const COMPARED_FIELDS: CatalogField[] = EXPORT_ORDER.filter((field) => field !== 'code');
const REQUIRED_FIELDS: CatalogField[] = ['code', 'name', 'priceCents'];

/**
 * Decode a file's bytes: UTF-8 (BOM stripped) if they are valid UTF-8, else GB18030.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    // ignoreBOM: keep a second BOM as text rather than silently eating it; ours is already gone.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    if (hasBom) {
      // A UTF-8 BOM says UTF-8: a few broken bytes become U+FFFD rather than mojibake everywhere.
      return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding: 'utf-8' };
    }
    return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
  }
}

interface RawRow {
  line: number;
  cells: string[];
  malformed: boolean;
}

export interface PlanOptions {
  /** Called after each chunk with rows done so far and the total; the last call has done === total. */
  onProgress?(done: number, total: number): void;
  /** Rows checked between yields to the event loop (default 500). */
  chunkSize?: number;
}

/**
 * Work out what importing `text` would do to the catalog `existing` (keyed by
 * product code). Throws CatalogFileError when the file as a whole is unusable.
 * Yields to the event loop between chunks so a 10,000-row file keeps the screen
 * responsive.
 */
export async function planCatalogImport(
  text: string,
  existing: ReadonlyMap<string, CatalogProduct>,
  opts: PlanOptions = {},
): Promise<ImportPlan> {
  const { header, rows } = readRows(text);
  if (header === undefined) throw new CatalogFileError('empty-file');
  const columns = mapColumns(header);
  if (rows.length > MAX_IMPORT_ROWS) throw new CatalogFileError('too-many-rows');

  const chunkSize = Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const plan: ImportPlan = { add: [], update: [], unchanged: 0, rejected: [], ignoredColumns: columns.ignored, rows: rows.length };
  const state = newPlanState(existing);

  for (let start = 0; start < rows.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(rows.length, start + chunkSize);
    for (let i = start; i < end; i++) planRow(rows[i]!, columns, existing, state, plan);
    opts.onProgress?.(end, rows.length);
  }
  if (rows.length === 0) opts.onProgress?.(0, 0);
  return plan;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Split the text into a header and data rows, each with the file line it starts
 * on. header: false because columns are mapped by position from our own reading
 * of the header (papaparse would rename a repeated header, hiding the repeat).
 */
function readRows(text: string): { header: string[] | undefined; rows: RawRow[] } {
  // One kind of line break, so counting "\n" counts lines; the count of lines is unchanged.
  const normalised = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  let header: string[] | undefined;
  const rows: RawRow[] = [];
  let lastCursor = 0;
  let linesBefore = 0;
  Papa.parse<string[]>(normalised, {
    header: false,
    skipEmptyLines: 'greedy',
    step: (result) => {
      // cursor is just past the row and its line break (if any): the row's last line
      // is 1 + the breaks before that one; its first line is that minus the breaks
      // inside quoted cells.
      let end = result.meta.cursor;
      if (normalised[end - 1] === '\n') end--;
      linesBefore += countNewlines(normalised, lastCursor, end);
      lastCursor = end;
      const cells = result.data.map((c) => c ?? '');
      const inside = cells.reduce((n, c) => n + countNewlines(c, 0, c.length), 0);
      const line = linesBefore + 1 - inside;
      if (header === undefined) {
        header = cells;
        return;
      }
      const malformed = result.errors.some((e) => e.type === 'Quotes');
      rows.push({ line, cells, malformed });
    },
  });
  return { header, rows };
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

interface ColumnMap {
  index: Partial<Record<CatalogField, number>>;
  ignored: string[];
}

function mapColumns(header: string[]): ColumnMap {
  const index: Partial<Record<CatalogField, number>> = {};
  const ignored: string[] = [];
  const duplicated = new Map<CatalogField, string[]>();
  header.forEach((cell, i) => {
    const field = HEADER_ALIASES[normaliseHeader(cell)];
    if (field === undefined) {
      if (cell.trim().length > 0) ignored.push(cell.trim());
      return;
    }
    const first = index[field];
    if (first !== undefined) {
      const seen = duplicated.get(field) ?? [header[first]!.trim()];
      seen.push(cell.trim());
      duplicated.set(field, seen);
      return;
    }
    index[field] = i;
  });
  const missing = REQUIRED_FIELDS.filter((f) => index[f] === undefined);
  if (missing.length > 0) {
    throw new CatalogFileError(
      'missing-columns',
      missing,
      missing.map((f) => CATALOG_HEADERS[f]),
    );
  }
  if (duplicated.size > 0) {
    throw new CatalogFileError('duplicate-columns', [...duplicated.keys()], [...duplicated.values()].flat());
  }
  return { index, ignored };
}

interface PlanState {
  /** Barcode → the line that claimed it in this file, as a pack or a carton barcode. */
  claimed: Map<string, { line: number; as: 'pack' | 'carton' }>;
  /** Existing carton barcodes → their product's code. */
  existingCartons: Map<string, string>;
}

function newPlanState(existing: ReadonlyMap<string, CatalogProduct>): PlanState {
  const existingCartons = new Map<string, string>();
  for (const p of existing.values()) if (p.cartonCode !== undefined) existingCartons.set(p.cartonCode, p.code);
  return { claimed: new Map(), existingCartons };
}

type Cells = Partial<Record<CatalogField, string>>;

function planRow(row: RawRow, columns: ColumnMap, existing: ReadonlyMap<string, CatalogProduct>, state: PlanState, plan: ImportPlan): void {
  const reject = (reason: RejectReason, detail?: string, firstLine?: number): void => {
    const r: RejectedRow = { line: row.line, reason };
    if (detail !== undefined) r.detail = preview(detail);
    if (firstLine !== undefined) r.firstLine = firstLine;
    plan.rejected.push(r);
  };
  if (row.malformed) return reject('malformed-row');

  const cells: Cells = {};
  for (const [field, i] of Object.entries(columns.index) as [CatalogField, number][]) {
    cells[field] = cleanCell(row.cells[i] ?? '');
  }

  const codeText = cells.code ?? '';
  const code = readBarcode(codeText);
  if (!code.ok) return reject(code.reason, codeText);
  const claim = state.claimed.get(code.code);
  if (claim !== undefined) {
    return reject(claim.as === 'pack' ? 'duplicate-in-file' : 'carton-barcode-conflict', codeText, claim.line);
  }
  state.claimed.set(code.code, { line: row.line, as: 'pack' });
  const cartonOwner = state.existingCartons.get(code.code);
  if (cartonOwner !== undefined && cartonOwner !== code.code) return reject('carton-barcode-conflict', codeText);

  const name = (cells.name ?? '').trim();
  const nameError = checkName(name);
  if (nameError === 'required') return reject('missing-name');
  if (nameError) return reject('bad-name', name);

  const priceText = cells.priceCents ?? '';
  if (priceText.length === 0) return reject('missing-price');
  const priceCents = parsePriceToCents(priceText);
  if (priceCents === undefined || checkPriceCents(priceCents) !== undefined) return reject('bad-price', priceText);

  let costCents: number | undefined;
  const costText = cells.costCents ?? '';
  if (costText.length > 0) {
    costCents = parsePriceToCents(costText);
    // A cost of 0 is a real entry (a free sample), unlike a retail price of 0.
    if (costCents === undefined || costCents > MAX_PRICE_CENTS) return reject('bad-cost-price', costText);
  }

  const sizeText = cells.packsPerCarton ?? '';
  const packsPerCarton = readOptionalCount(sizeText, validatePacksPerCarton);
  if (packsPerCarton === null) return reject('bad-carton-size', sizeText);

  let cartonCode: string | undefined;
  const cartonText = cells.cartonCode ?? '';
  if (cartonText.length > 0) {
    const carton = readBarcode(cartonText);
    if (!carton.ok || carton.code === code.code) return reject('bad-carton-barcode', cartonText);
    if (packsPerCarton === undefined) return reject('missing-carton-size', cartonText);
    const claimed = state.claimed.get(carton.code);
    if (claimed !== undefined) return reject('carton-barcode-conflict', cartonText, claimed.line);
    const existingOwner = existing.has(carton.code) ? carton.code : state.existingCartons.get(carton.code);
    if (existingOwner !== undefined && existingOwner !== code.code) return reject('carton-barcode-conflict', cartonText);
    state.claimed.set(carton.code, { line: row.line, as: 'carton' });
    cartonCode = carton.code;
  }

  const newText = cells.isNew ?? '';
  const isNew = readOptionalFlag(newText);
  if (isNew === undefined) return reject('bad-new-flag', newText);

  const minText = cells.minOrderUnits ?? '';
  // 0 is no minimum, as an empty cell.
  const minOrderUnits = minText === '0' ? undefined : readOptionalCount(minText, checkMinOrderUnits);
  if (minOrderUnits === null) return reject('bad-min-order', minText);

  const discontinuedText = cells.discontinued ?? '';
  const discontinuedFlag = readOptionalFlag(discontinuedText);
  if (discontinuedFlag === undefined) return reject('bad-discontinued-flag', discontinuedText);
  const discontinued = discontinuedFlag ? true : undefined;

  const storyText = (cells.brandStory ?? '').trim();
  if ([...storyText].length > MAX_BRAND_STORY_CHARS) return reject('text-too-long', storyText);
  const specsText = (cells.specs ?? '').trim();
  if ([...specsText].length > MAX_SPECS_CHARS) return reject('text-too-long', specsText);

  const present = (f: CatalogField): boolean => columns.index[f] !== undefined;
  const before = existing.get(code.code);
  const after: CatalogProduct = before ? { ...before } : { code: code.code, name, priceCents, isNew: false };
  after.name = name;
  after.priceCents = priceCents;
  setOptional(after, 'brand', present('brand'), optionalText(cells.brand));
  setOptional(after, 'category', present('category'), optionalText(cells.category));
  setOptional(after, 'costCents', present('costCents'), costCents);
  setOptional(after, 'packsPerCarton', present('packsPerCarton'), packsPerCarton);
  setOptional(after, 'cartonCode', present('cartonCode'), cartonCode);
  if (present('isNew')) after.isNew = isNew;
  setOptional(after, 'brandStory', present('brandStory'), displayText(storyText, MAX_BRAND_STORY_CHARS));
  setOptional(after, 'specs', present('specs'), displayText(specsText, MAX_SPECS_CHARS));
  setOptional(after, 'minOrderUnits', present('minOrderUnits'), minOrderUnits);
  setOptional(after, 'discontinued', present('discontinued'), discontinued);

  if (!before) {
    plan.add.push(after);
    return;
  }
  const changes = COMPARED_FIELDS.filter((f) => before[f] !== after[f]);
  if (changes.length === 0) plan.unchanged++;
  else plan.update.push({ code: code.code, before, after, changes });
}

function setOptional<K extends Exclude<CatalogField, 'code' | 'name' | 'priceCents' | 'isNew'>>(
  product: CatalogProduct,
  field: K,
  columnPresent: boolean,
  value: CatalogProduct[K] | undefined,
): void {
  if (!columnPresent) return;
  if (value === undefined) delete product[field];
  else product[field] = value;
}
