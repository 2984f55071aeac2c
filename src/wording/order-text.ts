/** The order's settings and the delivery check in the shop's words: order days, the shop's business format, 相符/少到/多到/换货. */
import { msg } from '@lit/localize';
import type { BusinessFormat } from '../domain/reorder/settings.ts';
import type { DeliveryLine } from '../domain/delivery-check.ts';

/** 0 = Sunday … 6 = Saturday (as Date.getDay() counts); any other number reads as Saturday. */
export function weekdayName(day: number): string {
  const names = [msg('周日'), msg('周一'), msg('周二'), msg('周三'), msg('周四'), msg('周五'), msg('周六')] as const;
  return names[day] ?? names[6];
}

export function businessFormatName(format: BusinessFormat): string {
  const names: Record<BusinessFormat, string> = {
    grocery: msg('食杂店'),
    convenience: msg('便利店'),
    supermarket: msg('超市'),
    mall: msg('商场'),
    'tobacco-liquor': msg('烟酒商店'),
    entertainment: msg('娱乐服务类'),
    other: msg('其他'),
  };
  return names[format];
}

/** A line of the delivery check (到货核对) against the placed order. */
export function deliveryLineText(line: DeliveryLine): string {
  switch (line.kind) {
    case 'match':
      return msg('相符');
    case 'short':
      return msg('少到');
    case 'over':
      return line.ordered === 0 ? msg('未订') : msg('多到');
    case 'substitute':
      return msg('换货');
  }
}
