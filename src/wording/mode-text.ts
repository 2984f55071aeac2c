/** The counter's modes, and their names and hints in words. */
import { msg } from '@lit/localize';

export type KioskMode = 'sell' | 'receive' | 'stocktake' | 'adjust' | 'lookup' | 'order' | 'catalog' | 'report' | 'board' | 'visit';

/** The counter modes, in the order of the bar; 'catalog' and the owner's 'report' come last, set apart. */
export const KIOSK_MODES: readonly KioskMode[] = [
  'sell',
  'receive',
  'stocktake',
  'adjust',
  'lookup',
  'order',
  'catalog',
  'report',
  'board',
];

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
  const names: Record<KioskMode, string> = {
    sell: msg('销售'),
    receive: msg('入库'),
    stocktake: msg('盘点'),
    adjust: msg('调整'),
    lookup: msg('查询'),
    order: msg('订货'),
    catalog: msg('商品'),
    report: msg('报表'),
    board: msg('公告'),
    visit: msg('拜访'),
  };
  return names[mode];
}

/**
 * The name on a small screen's mode bar (the Pi's 800 px wide display), where
 * nine or ten modes share the row: the same as modeName but for a name too long
 * to fit its button on one line (English “Stocktake”, “Look up”). Its own
 * message id, as the Chinese is the same word.
 */
export function modeShortName(mode: KioskMode): string {
  switch (mode) {
    case 'stocktake':
      return msg('盘点', { id: 'mode-short-stocktake' });
    case 'lookup':
      return msg('查询', { id: 'mode-short-lookup' });
    default:
      return modeName(mode);
  }
}

/** One line under the name: what a scan does in this mode. */
export function modeHint(mode: KioskMode): string {
  const names: Record<KioskMode, string> = {
    sell: msg('扫码卖出'),
    receive: msg('扫码进货'),
    stocktake: msg('清点库存'),
    adjust: msg('报损 / 自用'),
    lookup: msg('只看不记账'),
    order: msg('按销量订货'),
    catalog: msg('导入 / 导出'),
    report: msg('经营报表'),
    board: msg('供货商公告板'),
    visit: msg('客户经理'),
  };
  return names[mode];
}
