/** The counter's modes, and their names and hints in words. */
import { msg } from '@lit/localize';

export type KioskMode = 'sell' | 'receive' | 'stocktake' | 'adjust' | 'lookup' | 'order' | 'catalog' | 'report' | 'visit';

/** The counter modes, in the order of the bar; 'catalog' and the owner's 'report' come last, set apart. */
export const KIOSK_MODES: readonly KioskMode[] = ['sell', 'receive', 'stocktake', 'adjust', 'lookup', 'order', 'catalog', 'report'];

/**
 * The rep's visit (issue 12): on the bar only in a rep or owner session, and
 * never remembered across a reload (the session is not: the rep signs in
 * again and comes back to the open visit).
 */
export const VISIT_MODE: KioskMode = 'visit';

export function isKioskMode(value: unknown): value is KioskMode {
  return typeof value === 'string' && (KIOSK_MODES as readonly string[]).includes(value);
}

/** The mode's name in the shop's words. */
export function modeName(mode: KioskMode): string {
  switch (mode) {
    case 'sell':
      return msg('销售');
    case 'receive':
      return msg('入库');
    case 'stocktake':
      return msg('盘点');
    case 'adjust':
      return msg('调整');
    case 'lookup':
      return msg('查询');
    case 'order':
      return msg('订货');
    case 'catalog':
      return msg('商品');
    case 'report':
      return msg('报表');
    case 'visit':
      return msg('拜访');
  }
}

/** One line under the name: what a scan does in this mode. */
export function modeHint(mode: KioskMode): string {
  switch (mode) {
    case 'sell':
      return msg('扫码卖出');
    case 'receive':
      return msg('扫码进货');
    case 'stocktake':
      return msg('清点库存');
    case 'adjust':
      return msg('报损 / 自用');
    case 'lookup':
      return msg('只看不记账');
    case 'order':
      return msg('按销量订货');
    case 'catalog':
      return msg('导入 / 导出');
    case 'report':
      return msg('经营报表');
    case 'visit':
      return msg('客户经理');
  }
}
