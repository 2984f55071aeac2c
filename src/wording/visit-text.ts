/** The rep's visit in words (issue 12): the four in-store tasks, statuses, tag marks, the cadence. */
import { msg, str } from '@lit/localize';
import { daysText } from './stock-text.ts';
import type { VisitStatus, VisitTab } from '../data/schema.ts';
import { VISIT_EXEMPT_FORMAT, type PriceTagStatus, type VisitCadence, type VisitTask } from '../domain/visit.ts';

export function visitTaskName(task: VisitTask): string {
  const names: Record<VisitTask, string> = {
    display: msg('整理品牌出样'),
    'new-brand': msg('新品牌文化传播'),
    'stock-analysis': msg('存货分析'),
    order: msg('优化订货'),
  };
  return names[task];
}

/** What the "shown" field asks for, per task. */
export function visitTaskShownLabel(task: VisitTask): string {
  const names: Record<VisitTask, string> = {
    display: msg('整理了哪些品牌'),
    'new-brand': msg('介绍了哪个新品牌'),
    'stock-analysis': msg('看了哪些商品'),
    order: msg('改了哪些订货'),
  };
  return names[task];
}

export function visitStatusName(status: VisitStatus): string {
  const names: Record<VisitStatus, string> = {
    open: msg('进行中'),
    paused: msg('已暂停'),
    'awaiting-confirmation': msg('等店主确认'),
    confirmed: msg('店主已确认'),
  };
  return names[status];
}

export function priceTagStatusName(status: PriceTagStatus): string {
  const names: Record<PriceTagStatus, string> = {
    present: msg('有'),
    missing: msg('缺'),
    'wrong-price': msg('价错'),
  };
  return names[status];
}

/** The overdue line for the owner's home and the visit screen; '' when nothing is owed. */
export function visitCadenceText(cadence: VisitCadence): string {
  switch (cadence.kind) {
    case 'exempt':
      return msg(str`${VISIT_EXEMPT_FORMAT}不需要每周拜访。`);
    case 'never':
      return msg('还没有客户经理拜访记录：每周应拜访一次。');
    case 'due':
      return cadence.overdue
        ? msg(str`客户经理拜访已逾期 ${daysText(cadence.daysOverdue)}（上次 ${cadence.lastDay}，应在 ${cadence.dueDay} 前）。`)
        : msg(str`下次拜访：${cadence.dueDay} 前（上次 ${cadence.lastDay}）。`);
  }
}

/** Minutes, for the log. */
export function visitMinutesText(minutes: number): string {
  return msg(str`${minutes} 分钟`);
}

export function visitTabName(tab: VisitTab): string {
  const names: Record<VisitTab, string> = {
    audit: msg('价签检查'),
    checklist: msg('驻店清单'),
    notes: msg('记录'),
    review: msg('回顾'),
    quarter: msg('季度评价'),
    summary: msg('总结'),
  };
  return names[tab];
}
