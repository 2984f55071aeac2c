/**
 * The district overview as one plain HTML page, rendered on the server: no
 * script, so it opens on any phone a rep carries, even one too old for the
 * Lit pages (fleet/web/) with their charts and filters.
 */
import type { DistrictOverview } from './overview.ts';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const yuan = (cents: number): string => `¥${(cents / 100).toFixed(2)}`;
const pct = (bp: number): string => `${bp >= 0 ? '+' : ''}${(bp / 100).toFixed(1)}%`;

export function renderOverviewPage(o: DistrictOverview): string {
  const rows = o.shops
    .map((s) => {
      const bundle = s.lastBundle ? `${esc(s.lastBundle.periodEnd)} (#${s.lastBundle.sequence})` : '—';
      const vsLastYear = s.salesVsLastYearBp === null ? '—' : pct(s.salesVsLastYearBp);
      const stock = s.stockErrorBp === null ? '—' : `${(s.stockErrorBp / 100).toFixed(1)}%${s.stockWithinTolerance ? '' : ' ⚠'}`;
      const visit = s.lastVisit
        ? `${esc(s.lastVisit.date)} ${esc(s.lastVisit.rep)}${s.lastVisit.grade ? ` ${esc(s.lastVisit.grade)}` : ''}`
        : '—';
      return `<tr data-shop="${esc(s.shopId)}"${s.visitOverdue ? ' class="overdue"' : ''}>
<td>${esc(s.name)}</td><td>${esc(s.businessFormat)}</td><td>${bundle}</td>
<td class="n">${yuan(s.salesLast28Cents)}</td><td class="n">${vsLastYear}</td><td class="n">${stock}</td>
<td>${visit}</td><td>${s.visitOverdue ? '逾期 overdue' : ''}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>片区概览 District overview — ${esc(o.name ?? o.district)}</title>
<style>
body { font-family: system-ui, 'Noto Sans CJK SC', sans-serif; margin: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.overdue td:last-child { color: #b00; font-weight: bold; }
</style></head><body>
<h1>片区概览 <small>District overview</small>: ${esc(o.name ?? o.district)}</h1>
<p>截至 as of ${esc(o.asOf)} · ${o.shops.length} 家店 shops · 销售为近 28 天 sales are the last 28 days</p>
<table><thead><tr>
<th>店名 Shop</th><th>业态 Format</th><th>最近数据包 Last bundle</th><th>销售 Sales</th><th>同比 vs last year</th>
<th>库存误差 Stock error</th><th>最近拜访 Last visit</th><th>拜访 Visit</th>
</tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
