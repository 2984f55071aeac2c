/**
 * The stocktake in the shop's words: a count as typed ("2条5盒"), why a typed
 * count or a save was refused, and how counting beside selling works.
 */
import { msg, str } from '@lit/localize';
import { MAX_COUNT, type CountInputError } from '../domain/stocktake.ts';
import { NotAllowedError, SessionClosedError, UnknownProductError } from '../domain/errors.ts';
import { storageErrorText } from './storage-text.ts';
import type { StockUnit } from '../domain/product.ts';

/**
 * What a count's unit key writes into the typed count: "条" / "盒" (as in
 * "3条2盒"), "ctn" / "pk" in English ("3 ctn 2 pk"); the stocktake reads both.
 */
function countUnitMark(unit: StockUnit): string {
  return unit === 'carton' ? msg('条', { id: 'count-mark-carton' }) : msg('盒', { id: 'count-mark-pack' });
}

/** A word mark ("ctn") stands apart from its figures; 条 and 盒 follow them. */
function standsApart(mark: string): boolean {
  return /\p{Script=Latin}/u.test(mark);
}

/** The typed count with a unit key's mark after it: "3" → "3条", or "3 ctn " in English (the next figure stands apart too). */
export function withCountUnit(typed: string, unit: StockUnit): string {
  const mark = countUnitMark(unit);
  return standsApart(mark) ? `${typed.trimEnd()} ${mark} `.trimStart() : typed + mark;
}

/** A count in the words typed: 25 packs with a carton of 10 → "2条5盒" ("2 ctn 5 pk" in English). */
export function countText(packs: number, packsPerCarton: number | undefined): string {
  if (packsPerCarton === undefined || packsPerCarton <= 1) return String(packs);
  const cartons = Math.floor(packs / packsPerCarton);
  const rest = packs % packsPerCarton;
  if (cartons === 0) return String(rest);
  const carton = countUnitMark('carton');
  const parts = rest === 0 ? [cartons, carton] : [cartons, carton, rest, countUnitMark('pack')];
  return parts.join(standsApart(carton) ? ' ' : '');
}

export function countInputErrorText(reason: CountInputError, typed: string): string {
  switch (reason) {
    case 'empty':
      return msg('请先输入数量，再按「保存」。货架上没有这个商品请输入 0。');
    case 'not-a-number':
      return msg(str`「${typed}」不是数量。请只输入数字，例如 12 或 3条2盒。`);
    case 'not-integer':
      return msg('数量必须是整盒，不能有小数。');
    case 'negative':
      return msg('数量不能是负数。货架上没有请输入 0。');
    case 'too-large':
      return msg(str`数量太大（最多 ${MAX_COUNT} 盒），是不是多按了数字？请清空后重新输入。`);
    case 'no-carton-size':
      return msg('这个商品没有设定每条几盒，请按盒输入数量。');
  }
}

/** Counting while the shop sells and receives (rule 4 in src/domain/stocktake.ts), for the owner. */
export function stocktakeHelpText(): string {
  return msg(
    '盘点时可以照常卖货和进货：每个商品的差异在盘点它的那一刻就定下来（实盘数 − 当时的账面库存）。盘点之后再卖出或入库的，只是正常增减库存，不算盘点差异。同一个商品放在两个货架上时，请连着盘点这两个货架。没有盘点的商品，完成时只列出来，库存不会改动。',
  );
}

/** Data-layer refusals in words; anything else is a storage problem. */
export function stocktakeErrorText(error: unknown): string {
  if (error instanceof SessionClosedError) return msg('这次盘点已经在别处完成或作废了。请开始新的盘点。');
  if (error instanceof UnknownProductError) return msg('这个商品已经不在商品目录里了。请重新扫描。');
  if (error instanceof NotAllowedError) return msg('店员可以盘点计数，但盘点结果要由店主确认：请店主输入密码后再按「完成盘点」。');
  return storageErrorText(error);
}
