/**
 * The district overview as CSV for the office's spreadsheets: one row a shop,
 * headers Chinese first then English, money in yuan written from integer
 * cents (never through a float), a BOM so that Excel reads UTF-8. papaparse
 * quotes what needs quoting and, with escapeFormulae, keeps a shop name such
 * as "=HYPERLINK(…)" text rather than a formula.
 */
import Papa from 'papaparse';
import type { DistrictOverview } from './overview.ts';

const yuan = (cents: number | null): string => {
  if (cents === null) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
const percent = (bp: number | null): string => (bp === null ? '' : (bp / 100).toFixed(2));

export function overviewCsv(o: DistrictOverview): string {
  const rows = o.shops.map((s) => ({
    '店号 shop id': s.shopId,
    '店名 shop': s.name,
    '业态 format': s.businessFormat,
    '业务员 rep': s.rep ?? '',
    '终端 terminal': s.terminalId,
    '最近数据包 last bundle': s.lastBundle?.periodEnd ?? '',
    '近28天销售(元) sales 28 days (yuan)': yuan(s.salesLast28Cents),
    '去年同期(元) same weeks last year (yuan)': yuan(s.salesSameWeeksLastYearCents),
    '同比% vs last year %': percent(s.salesVsLastYearBp),
    '最近拜访 last visit': s.lastVisit?.date ?? '',
    '拜访逾期 visit overdue': s.visitOverdue ? '是 yes' : '',
    '库存误差% stock error %': percent(s.stockErrorBp),
    '缺失价签 price tags missing': s.priceTagsMissing ?? '',
    '季度 quarter': s.grade?.quarter ?? '',
    '等级 grade': s.grade?.grade ?? '',
    '总分 total': s.grade?.total ?? '',
    '趋势 trend': s.gradeTrend ?? '',
    '整改期限 rectification deadline': s.openRectificationDeadline ?? '',
    '配额使用(近7天/周配额) quota use (7 days / weekly quota)': s.quotaUse
      .map((q) => `${q.productName} ${q.packsSold}/${q.packsPerWeek}`)
      .join('; '),
  }));
  return `\uFEFF${Papa.unparse(rows, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}
