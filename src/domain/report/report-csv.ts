/**
 * The business report as one CSV file (papaparse, loaded with the report
 * screen only): UTF-8 BOM so Excel/WPS read the Chinese right, one row per
 * figure, each with its section, its item, and amount (yuan), quantity, ratio
 * or note columns as they apply. Chinese labels, as on the order CSV.
 */
import Papa from 'papaparse';
import type { BusinessReport, StructureLine } from './report.ts';

const BOM = '\ufeff';

export function centsText(cents: number): string {
  const rounded = Math.round(cents);
  const sign = rounded < 0 ? '-' : '';
  const abs = Math.abs(rounded);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function ratioText(ratio: number | undefined): string {
  return ratio === undefined ? '' : ratio.toFixed(4);
}

/** Keep a barcode as text in Excel/WPS and formulas out of names. */
function codeCell(code: string): string {
  return /^\d+$/.test(code) ? `\t${code}` : /^[=+\-@]/.test(code) ? `'${code}` : code;
}

function textCell(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

export const REPORT_CSV_FIELDS = ['区块', '项目', '金额(元)', '数量', '比例', '说明'] as const;

export function reportCsv(report: BusinessReport, bandName: (key: string) => string = (k) => k): string {
  const rows: string[][] = [];
  const row = (section: string, item: string, amount = '', quantity = '', ratio = '', note = '') =>
    rows.push([section, item, amount, quantity, ratio, note]);
  const { sales, profit, movement, stock, structure, waiting } = report;
  row('期间', `${report.range.from} 至 ${report.range.to}`, '', String(report.days), '', '天');
  row('销售', '销售额', centsText(sales.salesCents));
  row('销售', '销量(包)', '', String(sales.packs));
  row('销售', '笔数', '', String(sales.sales));
  row('销售', '客单价', sales.averageSaleCents === undefined ? '' : centsText(sales.averageSaleCents));
  row('销售', '上期销售额', centsText(sales.previous.salesCents), String(sales.previous.sales));
  row('销售', '去年同期销售额', centsText(sales.lastYear.salesCents), String(sales.lastYear.sales));
  for (const d of sales.byDay) row('按日', d.day, centsText(d.salesCents), String(d.packs), '', `${d.sales} 笔`);
  for (const h of sales.byHour)
    if (h.sales !== 0 || h.salesCents !== 0) row('按小时', `${h.hour}:00`, centsText(h.salesCents), String(h.packs), '', `${h.sales} 笔`);
  row('毛利', '有进价的销售额', centsText(profit.costedSalesCents));
  row('毛利', '销售成本', centsText(profit.costOfSalesCents));
  row('毛利', '毛利', centsText(profit.grossProfitCents), '', ratioText(profit.margin), '毛利率');
  row('毛利', '进价覆盖率', '', '', ratioText(profit.coverage), '有进价的销售额 ÷ 销售额');
  for (const u of profit.uncosted) row('缺进价', textCell(u.name), centsText(u.salesCents), String(u.packs), '', codeCell(u.code));
  row('动销', '动销率', '', `${movement.moved}/${movement.stocked}`, ratioText(movement.rate));
  row(
    '动销',
    '未动销占用资金(进价)',
    centsText(movement.tiedUpCents),
    String(movement.notMoved.length),
    '',
    movement.tiedUpUncosted > 0 ? `另有 ${movement.tiedUpUncosted} 种无进价` : '',
  );
  for (const n of movement.notMoved)
    row('未动销', textCell(n.name), n.costCents === undefined ? '' : centsText(n.costCents), String(n.stock), '', codeCell(n.code));
  row(
    '库存',
    '库存金额(进价)',
    centsText(stock.atCostCents),
    '',
    '',
    stock.uncostedProducts > 0 ? `${stock.uncostedProducts} 种无进价未计入` : '',
  );
  row('库存', '库存金额(零售价)', centsText(stock.atRetailCents));
  row('库存', '日均销售成本', centsText(stock.averageDailyCostCents));
  row('库存', '周转天数', '', stock.daysOfCover === undefined ? '' : stock.daysOfCover.toFixed(1), '', '库存金额 ÷ 日均销售成本');
  row('库存', '年周转次数', '', stock.turnsPerYear === undefined ? '' : stock.turnsPerYear.toFixed(2));
  for (const s of stock.stockouts) row('断货天数', textCell(s.name), '', String(s.days), '', codeCell(s.code));
  for (const n of stock.negative) row('负库存', textCell(n.name), '', String(n.stock), '', codeCell(n.code));
  const structureRows = (section: string, lines: StructureLine[], name: (key: string) => string) => {
    for (const l of lines)
      row(
        section,
        textCell(name(l.key)),
        centsText(l.salesCents),
        String(l.packs),
        ratioText(l.margin),
        `毛利 ${centsText(l.grossProfitCents)}`,
      );
  };
  structureRows('按品类', structure.byCategory, (k) => k || '未分类');
  structureRows('按品牌', structure.byBrand, (k) => k || '无品牌');
  structureRows('按价位', structure.byBand, bandName);
  row('等待', '全部', '', String(waiting.sales), '', `中位 ${waiting.medianSeconds ?? ''} 秒, 90% ${waiting.p90Seconds ?? ''} 秒`);
  for (const w of waiting.byHour)
    if (w.sales > 0) row('等待', `${w.hour}:00`, '', String(w.sales), '', `中位 ${w.medianSeconds} 秒, 90% ${w.p90Seconds} 秒`);
  return BOM + Papa.unparse({ fields: [...REPORT_CSV_FIELDS], data: rows }, { newline: '\r\n' });
}
