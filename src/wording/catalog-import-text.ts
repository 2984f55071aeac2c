/**
 * The catalog import's words: why a row or a whole file is refused, the
 * catalog's fields and values, file sizes.
 */
import { msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import { formatCents, MAX_BRAND_STORY_CHARS, MAX_MIN_ORDER_UNITS, MAX_SPECS_CHARS } from '../domain/product.ts';
import type { CatalogField, CatalogFileError, CatalogProduct, RejectedRow } from '../domain/catalog-csv.ts';
import { formattingLocale } from '../localization.ts';

export function rejectText(row: RejectedRow): string {
  const first = row.firstLine;
  switch (row.reason) {
    case 'missing-barcode':
      return msg('没有条码');
    case 'bad-check-digit':
      return msg('条码校验位不对（可能抄错了一位数字）');
    case 'bad-barcode':
      return msg('条码格式不对');
    case 'barcode-scientific-notation':
      return msg('条码被 Excel 改成了科学计数法（如 6.90123E+12），数字已经丢了；请把条码列设成「文本」后重新导出');
    case 'duplicate-in-file':
      return first !== undefined ? msg(str`条码在文件里重复（第 ${first} 行已经有它）`) : msg('条码在文件里重复');
    case 'missing-name':
      return msg('没有商品名称');
    case 'bad-name':
      return msg('商品名称太长（最多 60 个字）');
    case 'missing-price':
      return msg('没有零售价');
    case 'bad-price':
      return msg('零售价不对（要大于 0，最多两位小数）');
    case 'bad-cost-price':
      return msg('成本价不对（最多两位小数）');
    case 'bad-carton-size':
      return msg('每条盒数不对（要 1 到 1000 的整数）');
    case 'missing-carton-size':
      return msg('有条包条码，但没有填每条盒数');
    case 'bad-carton-barcode':
      return msg('条包条码不对');
    case 'carton-barcode-conflict':
      return first !== undefined ? msg(str`条码已经被第 ${first} 行用作别的商品的条码`) : msg('条码已经是店里另一个商品的条码');
    case 'bad-new-flag':
      return msg('「新品」一栏只能填 是 或 否');
    case 'bad-min-order':
      return msg(str`「起订量」要填 1 到 ${MAX_MIN_ORDER_UNITS} 的整数（条/件）；没有起订量就留空`);
    case 'bad-discontinued-flag':
      return msg('「停售」一栏只能填 是 或 否');
    case 'text-too-long':
      return msg(str`「品牌故事」最多 ${MAX_BRAND_STORY_CHARS} 个字，「规格」最多 ${MAX_SPECS_CHARS} 个字`);
    case 'malformed-row':
      return msg('这一行的引号不完整，读不准');
    default:
      return String(row.reason);
  }
}

export function fieldText(field: CatalogField): string {
  const names: Record<CatalogField, string> = {
    code: msg('条码'),
    name: msg('商品名称'),
    brand: msg('品牌'),
    category: msg('类别'),
    priceCents: msg('零售价'),
    costCents: msg('成本价'),
    packsPerCarton: msg('每条盒数'),
    cartonCode: msg('条包条码'),
    isNew: msg('新品'),
    brandStory: msg('品牌故事'),
    specs: msg('规格'),
    minOrderUnits: msg('起订量'),
    discontinued: msg('停售'),
  };
  return names[field];
}

export function valueText(product: CatalogProduct, field: CatalogField): string {
  const value = product[field];
  // Not discontinued is stored as no mark at all.
  if (field === 'discontinued') return value ? msg('是') : msg('否');
  if (value === undefined || value === '') return msg('（空）');
  switch (field) {
    case 'priceCents':
    case 'costCents':
      return formatCents(value as number, formattingLocale());
    case 'cartonCode':
    case 'code':
      return displayCode(value as string);
    case 'isNew':
      return value ? msg('是') : msg('否');
    default:
      return String(value);
  }
}

/** A whole-file problem in words, naming the missing columns. */
export function fileErrorText(error: CatalogFileError): string {
  switch (error.reason) {
    case 'empty-file':
      return msg('文件是空的，没有可以导入的内容。请检查是不是选错了文件。');
    case 'missing-columns':
      return msg(
        str`文件缺少必需的列：${error.columns.join('、')}。第一行必须是列名，至少要有 条码、商品名称、零售价。如果这些列都在，可能是文件编码不对：请在 Excel/WPS 里「另存为」CSV（UTF-8 或 逗号分隔）再试。`,
      );
    case 'duplicate-columns':
      return msg(str`文件里有重复的列：${error.columns.join('、')}。每一列只能出现一次，请删掉多余的列再试。`);
    case 'too-many-rows':
      return msg('文件行数太多（最多 50000 行），不像是一个店的商品目录。请检查是不是选错了文件。');
  }
}

/** Bytes that are clearly not a CSV text file, caught before decoding gives nonsense. */
export function notCsvText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return msg('这是 Excel 工作簿（.xlsx），不是 CSV。请在 Excel/WPS 里「另存为」CSV 格式再导入。');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return msg('文件是 UTF-16（Unicode 文本）编码，读不了。请在 Excel/WPS 里「另存为」CSV UTF-8 再导入。');
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return msg('这是旧版 Excel 文件（.xls），不是 CSV。请在 Excel/WPS 里「另存为」CSV 格式再导入。');
  }
  return undefined;
}

/** A file size the owner reads at a glance. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
