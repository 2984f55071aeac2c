/**
 * The reorder advice in the shop's words: order quantities in 条/盒, the
 * engine's reasons, caps, flags, methods and demand patterns. One place for
 * every screen and element that explains a suggestion.
 */
import { msg, str } from '@lit/localize';
import type { DemandPattern, ForecastMethod, ReasonPart, Suggestion } from '../domain/reorder/engine.ts';
import { cartonsText, packsText } from '../domain/units.ts';
import { getLocale } from '../localization.ts';

/** "3条" / "3盒" (English "1 carton", "3 packs"): order units in the shop's word. */
export function unitsText(units: number, orderUnit: number): string {
  const locale = getLocale() === 'en' ? 'en' : 'zh-Hans';
  return orderUnit > 1 ? cartonsText(units, locale) : packsText(units, locale);
}

/** The word for an order's units (cartons of cigarettes, cases of drinks): "条/件", "carton/case" or "cartons/cases" in English. */
export function orderUnitWord(units: number): string {
  return units === 1 ? msg('条/件', { id: 'order-unit-one' }) : msg('条/件');
}

/** "12 条/件" of an order: "1 carton/case", "12 cartons/cases" in English. */
export function orderUnitsText(units: number): string {
  return `${units} ${orderUnitWord(units)}`;
}

function percent(x: number): string {
  const p = Math.round(x * 100);
  return `${p >= 0 ? '+' : ''}${p}%`;
}

/** One ReasonPart in words. */
export function reasonPartText(part: ReasonPart, orderUnit = 1): string {
  switch (part.kind) {
    case 'festival':
      return part.weeksBefore >= 0 ? msg(str`春节前 ${part.weeksBefore} 周`) : msg(str`春节后 ${-part.weeksBefore} 周`);
    case 'yoy':
      return msg(str`同比 ${percent(part.growth)}`);
    case 'mom':
      return msg(str`环比 ×${part.coefficient.toFixed(2)}`);
    case 'safety':
      return msg(str`安全库存 ${unitsText(part.units, orderUnit)}`);
    case 'capped':
      return cappedText(part.by);
    case 'flag':
      return flagText(part.flag);
    case 'method':
      return methodText(part.method);
  }
}

export function cappedText(by: NonNullable<Suggestion['cappedBy']>): string {
  const words: Record<typeof by, string> = {
    quota: msg('配额上限'),
    budget: msg('预算上限'),
    discontinued: msg('已停售'),
    'min-order': msg('最小订量'),
  };
  return words[by];
}

export function flagText(flag: Suggestion['flags'][number]): string {
  const words: Record<typeof flag, string> = {
    'count-before-ordering': msg('先盘点再订货'),
    'negative-stock': msg('负库存'),
    'no-history': msg('没有销售记录'),
    'censored-days': msg('有断货天'),
  };
  return words[flag];
}

export function methodText(method: ForecastMethod): string {
  const names: Record<ForecastMethod, string> = {
    seasonal: msg('季节平均（往年同期）'),
    smoothing: msg('指数平滑'),
    'croston-sba': msg('间歇需求（Croston/SBA）'),
    tsb: msg('间歇需求（TSB）'),
    category: msg('借用同类商品'),
    none: msg('无法预测'),
  };
  return names[method];
}

export function patternText(pattern: DemandPattern): string {
  const names: Record<DemandPattern, string> = {
    smooth: msg('平稳'),
    erratic: msg('波动'),
    intermittent: msg('间歇'),
    lumpy: msg('成批'),
    new: msg('新品'),
    none: msg('无销售'),
  };
  return names[pattern];
}

/**
 * The one-line reason: the parts that explain the quantity (festival, growth,
 * level, safety stock, the cap that bound), in the engine's order. Flags are
 * shown beside it as chips and the method in the detail panel.
 */
export function reasonLine(parts: readonly ReasonPart[], orderUnit = 1): string {
  return parts
    .filter((p) => p.kind !== 'flag' && p.kind !== 'method')
    .map((p) => reasonPartText(p, orderUnit))
    .join(', ');
}
