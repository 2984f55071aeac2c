/**
 * The quarterly evaluation's words (issue 12): the five functions, their
 * criteria, and each deduction said with the figures behind it.
 */
import { msg, str } from '@lit/localize';
import type { Criterion, Deduction, EvaluationFunction } from '../domain/evaluation.ts';
import type { VisitGrade } from '../domain/fleet-bundle.ts';

export function functionName(f: EvaluationFunction): string {
  const names: Record<EvaluationFunction, string> = {
    'scan-capture': msg('信息采集'),
    'guided-buying': msg('引导购进'),
    'stock-cost': msg('存货控制成本'),
    'movement-profit': msg('动销带动盈利'),
    'brand-display': msg('品牌展示'),
  };
  return names[f];
}

export function criterionName(c: Criterion): string {
  const names: Record<Criterion, string> = {
    'scan-share': msg('扫码录入占比（销售和入库）'),
    'scan-days': msg('营业日中有扫码的天数'),
    'scanner-uptime': msg('扫码枪在线时间'),
    'advice-followed': msg('按建议订货的行数（±1条）'),
    'order-days': msg('在订货日下单'),
    'stockout-days': msg('常销商品断货天数'),
    'stocktake-error': msg('最近一次盘点误差率（≤10%）'),
    'stocktake-monthly': msg('每月至少盘点一次'),
    'cover-band': msg('可销天数在合理范围（3–30天）'),
    'slow-stock': msg('滞销商品占库存金额'),
    'sell-through': msg('动销率'),
    'gross-margin': msg('毛利率'),
    'sales-vs-last-year': msg('销售额与去年同季度比'),
    'display-in-use': msg('新品展示屏使用天数'),
    'price-tags': msg('缺少价签（≤3个）'),
    'display-tidy': msg('拜访时整理品牌出样'),
    'feedback-collected': msg('收集顾客评价'),
  };
  return names[c];
}

export function gradeName(grade: VisitGrade | null): string {
  switch (grade) {
    case '优秀':
      return msg('优秀');
    case '良好':
      return msg('良好');
    case '合格':
      return msg('合格');
    case '不合格':
      return msg('不合格');
    case null:
      return msg('无法评定（数据不足）');
  }
}

/** Basis points as a percent with at most one decimal. */
export function percentText(bp: number): string {
  const tenths = Math.round(bp / 10);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

function figure(c: Criterion, x: number | string | undefined): string {
  if (typeof x !== 'number') return String(x ?? '—');
  switch (c) {
    case 'stocktake-monthly':
      return msg(str`${x} 个月`);
    case 'price-tags':
      return msg(str`${x} 个`);
    case 'feedback-collected':
      return x === 1 ? msg(str`${x} 条`, { id: 'feedback-records-one' }) : msg(str`${x} 条`, { id: 'feedback-records-other' });
    default:
      return percentText(x);
  }
}

/** Why points were lost, in words: "扫码录入占比 75%，目标 95%：扣 18 分". */
export function deductionText(d: Deduction): string {
  const name = criterionName(d.criterion);
  if (d.reason === 'no-data') return msg(str`${name}：没有数据（不加分也不扣分）`);
  const value = figure(d.criterion, d.params['value']);
  const target = figure(d.criterion, d.params['target']);
  const points = d.points;
  switch (d.reason) {
    case 'below-target':
      return msg(str`${name}：${value}，目标至少 ${target}，扣 ${points} 分`);
    case 'above-target':
      return msg(str`${name}：${value}，目标最多 ${target}，扣 ${points} 分`);
    case 'standard-exceeded':
      return msg(str`${name}：${value}，超出标准 ${target}，扣 ${points} 分`);
    case 'months-without-stocktake': {
      const months = String(d.params['months'] ?? '');
      return msg(str`${name}：${months} 没有盘点，扣 ${points} 分`);
    }
  }
}
