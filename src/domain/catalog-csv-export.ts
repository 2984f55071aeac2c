/**
 * The catalog and the stock as CSV for the owner's spreadsheet (导出), read
 * back by the import in catalog-csv.ts: UTF-8 with a BOM, Chinese headers,
 * barcodes kept as text, prices as plain digits.
 */
import Papa from 'papaparse';
import { displayCode } from './barcode.ts';
import { CATALOG_HEADERS, EXPORT_ORDER, type CatalogProduct } from './catalog-csv.ts';
import { formatStock } from './units.ts';

const BOM = '\ufeff';

export interface ExportOptions {
  /**
   * Put a tab before each barcode (default true) so Excel/WPS keep it as text
   * instead of showing 6.90123E+12 and saving it that way. Our import strips it.
   */
  excelTextCodes?: boolean;
}

/** The catalog as CSV text with a UTF-8 BOM and Chinese headers; encode it with TextEncoder. */
export function exportCatalogCsv(products: readonly CatalogProduct[], opts: ExportOptions = {}): string {
  const codeCell = codeCellWriter(opts);
  const data = products.map((p) =>
    EXPORT_ORDER.map((f) => {
      switch (f) {
        case 'code':
          return codeCell(p.code);
        case 'cartonCode':
          return p.cartonCode === undefined ? '' : codeCell(p.cartonCode);
        case 'priceCents':
          return centsText(p.priceCents);
        case 'costCents':
          return p.costCents === undefined ? '' : centsText(p.costCents);
        case 'packsPerCarton':
          return p.packsPerCarton === undefined ? '' : String(p.packsPerCarton);
        case 'isNew':
          return p.isNew ? '是' : '否';
        case 'minOrderUnits':
          return p.minOrderUnits === undefined ? '' : String(p.minOrderUnits);
        case 'discontinued':
          return p.discontinued ? '是' : '否';
        default:
          return safeText(p[f] ?? '');
      }
    }),
  );
  return BOM + Papa.unparse({ fields: EXPORT_ORDER.map((f) => CATALOG_HEADERS[f]), data }, { newline: '\r\n' });
}

export interface StockRow {
  code: string;
  name: string;
  /** Packs, may be negative. */
  stock: number;
  packsPerCarton?: number;
}

/**
 * Stock as CSV with a UTF-8 BOM: code, name, packs (a number for sums in Excel),
 * carton size, and the cartons + packs text as shown on the screen.
 */
export function exportStockCsv(rows: readonly StockRow[], opts: ExportOptions = {}): string {
  const codeCell = codeCellWriter(opts);
  const data = rows.map((r) => [
    codeCell(r.code),
    safeText(r.name),
    String(r.stock),
    r.packsPerCarton === undefined ? '' : String(r.packsPerCarton),
    formatStock(r.stock, r.packsPerCarton, 'zh-Hans'),
  ]);
  return BOM + Papa.unparse({ fields: ['条码', '商品名称', '库存(盒)', '每条盒数', '库存'], data }, { newline: '\r\n' });
}

function codeCellWriter(opts: ExportOptions): (code: string) => string {
  const excel = opts.excelTextCodes ?? true;
  return (code) => (excel ? '\t' + displayCode(code) : safeText(displayCode(code)));
}

/** A cell starting with = + - @ is a formula to a spreadsheet: "'" keeps it text. */
function safeText(text: string): string {
  return /^[=+\-@]/.test(text) ? "'" + text : text;
}

/** 1250 → "12.50": plain digits that parsePriceToCents reads back exactly. */
function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
