/** The rep's visit in words (issue 12): the four in-store tasks, statuses, tag marks, the cadence. */
import { msg, str } from '@lit/localize';
import type { VisitStatus } from '../data/schema.ts';
import { VISIT_EXEMPT_FORMAT, type PriceTagStatus, type VisitCadence, type VisitTask } from '../domain/visit.ts';

export function visitTaskName(task: VisitTask): string {
  switch (task) {
    case 'display':
      return msg('整理品牌出样');
    case 'new-brand':
      return msg('新品牌文化传播');
    case 'stock-analysis':
      return msg('存货分析');
    case 'order':
      return msg('优化订货');
  }
}

/** What the "shown" field asks for, per task. */
export function visitTaskShownLabel(task: VisitTask): string {
  switch (task) {
    case 'display':
      return msg('整理了哪些品牌');
    case 'new-brand':
      return msg('介绍了哪个新品牌');
    case 'stock-analysis':
      return msg('看了哪些商品');
    case 'order':
      return msg('改了哪些订货');
  }
}

export function visitStatusName(status: VisitStatus): string {
  switch (status) {
    case 'open':
      return msg('进行中');
    case 'paused':
      return msg('已暂停');
    case 'awaiting-confirmation':
      return msg('等店主确认');
    case 'confirmed':
      return msg('店主已确认');
  }
}

export function priceTagStatusName(status: PriceTagStatus): string {
  switch (status) {
    case 'present':
      return msg('有');
    case 'missing':
      return msg('缺');
    case 'wrong-price':
      return msg('价错');
  }
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
        ? msg(str`客户经理拜访已逾期 ${cadence.daysOverdue} 天（上次 ${cadence.lastDay}，应在 ${cadence.dueDay} 前）。`)
        : msg(str`下次拜访：${cadence.dueDay} 前（上次 ${cadence.lastDay}）。`);
  }
}

/** Minutes, for the log. */
export function visitMinutesText(minutes: number): string {
  return msg(str`${minutes} 分钟`);
}
