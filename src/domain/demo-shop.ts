/**
 * The demo shop: a simulated small tobacco and convenience shop for a newcomer
 * to look at — about 150 products (cigarettes in packs and cartons, drinks in
 * cases, snacks; some of them new), two years of daily sales from the demand
 * simulator (demand-simulator.ts), deliveries every Monday, a stocktake three
 * weeks ago and an order placed yesterday.
 *
 * Pure and deterministic (seeded): src/data/demo-shop.ts writes what this
 * builds into the demo database, never into the shop's own.
 */
import { gs1CheckDigit } from './barcode.ts';
import { simulate, type CategoryId } from './demand-simulator.ts';
import { addToDailyTotal, withSaleMoney, type DailyTotal, type MovementKind, type Product, type StockMovement } from './product.ts';
import { mulberry32 } from './mulberry32.ts';
import { spreadDayOverHours } from './report/day-profile.ts';
import type { HourlyTotal } from './report/rollups.ts';
import { addDays, dayIndex, weekdayOf } from './reorder/calendar.ts';
import { closeStocktake, restoreStocktake, type CountEntry } from './stocktake.ts';
import type { BarcodeLink } from './units.ts';
import type { Order, OrderLine, StocktakeSessionRecord } from '../data/schema.ts';

export interface DemoShopOptions {
  /** Wall-clock ms of "now"; the sales history ends the day before its local day. */
  now: number;
  seed?: number;
  products?: number;
  /** Days of history (default two years). */
  days?: number;
}

export interface DemoShop {
  products: Product[];
  links: BarcodeLink[];
  /** In recording order. */
  movements: StockMovement[];
  dailyTotals: DailyTotal[];
  /** The report's hourly totals: each day's sales spread over the opening hours (report/day-profile.ts). */
  hourlyTotals: HourlyTotal[];
  stocktake: StocktakeSessionRecord;
  order: Order;
}

const CATEGORY_NAMES: Record<CategoryId, string> = {
  cigarettes: '卷烟',
  baijiu: '白酒',
  beer: '啤酒',
  beverages: '饮料',
  snacks: '零食',
  dairy: '乳品',
  household: '日用',
};

/** Brands and the variants that tell two products of a brand apart. */
const NAMES: Record<CategoryId, [string[], string[]]> = {
  cigarettes: [
    [
      '中华',
      '玉溪',
      '云烟',
      '黄鹤楼',
      '芙蓉王',
      '利群',
      '南京',
      '红塔山',
      '白沙',
      '娇子',
      '泰山',
      '苏烟',
      '七匹狼',
      '红双喜',
      '钻石',
      '长白山',
      '黄山',
      '真龙',
      '贵烟',
      '好猫',
    ],
    ['（软）', '（硬）', '（细支）', '（金）', '（新版）', '（爆珠）'],
  ],
  baijiu: [
    ['牛栏山二锅头', '汾酒', '洋河大曲', '泸州老窖', '剑南春', '郎酒', '西凤酒'],
    [' 500ml', ' 250ml', ' 100ml'],
  ],
  beer: [
    ['青岛啤酒', '雪花啤酒', '燕京啤酒', '哈尔滨啤酒', '百威'],
    [' 500ml罐', ' 330ml罐', ' 600ml瓶'],
  ],
  beverages: [
    ['农夫山泉', '可口可乐', '百事可乐', '康师傅冰红茶', '王老吉', '红牛', '脉动', '雪碧', '统一绿茶', '美年达'],
    [' 550ml', ' 330ml罐', ' 1.5L'],
  ],
  snacks: [
    ['乐事薯片', '旺旺雪饼', '奥利奥', '卫龙辣条', '康师傅红烧牛肉面', '好丽友派', '士力架', '德芙巧克力', '绿箭口香糖', '洽洽瓜子'],
    ['', ' 大包', ' 家庭装'],
  ],
  dairy: [
    ['伊利纯牛奶', '蒙牛纯牛奶', '旺仔牛奶', '光明酸奶', '养乐多'],
    [' 250ml', ' 200ml', ' 1L'],
  ],
  household: [
    ['心相印纸巾', '打火机', '南孚电池 5号', '维达卷纸', '蓝月亮洗衣液'],
    ['', ' 大包', ' 4只装'],
  ],
};

/** A valid EAN-13 with a Chinese (69) prefix, as the 14-digit product key. */
function gtin(prefix: string, n: number): string {
  const body = `${prefix}${String(n).padStart(12 - prefix.length, '0')}`;
  return `0${body}${gs1CheckDigit(body)}`;
}

/** Local noon of a day: movements are shown with a time, and noon is never on the wrong day. */
function noonOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).getTime();
}

export function buildDemoShop(options: DemoShopOptions): DemoShop {
  const count = options.products ?? 150;
  const days = options.days ?? 730;
  const now = options.now;
  const todayDate = new Date(now);
  const today = `${todayDate.getFullYear()}-${String(todayDate.getMonth() + 1).padStart(2, '0')}-${String(todayDate.getDate()).padStart(2, '0')}`;
  const start = addDays(today, -days);
  const sim = simulate({ seed: options.seed ?? 20240210, products: count, startDay: start, days, tail: 0 });
  const stocktakeDay = days - 21;
  const used = new Map<string, number>();

  const products: Product[] = [];
  const links: BarcodeLink[] = [];
  const movements: StockMovement[] = [];
  const totals = new Map<string, DailyTotal>();
  const counts: CountEntry[] = [];
  const stocktakeAt = noonOf(sim.dayStrings[stocktakeDay]!) + 6 * 3600_000;

  const move = (product: Product, kind: MovementKind, quantity: number, t: number, extra: Partial<StockMovement> = {}) => {
    const day = sim.dayStrings[t]!;
    const code = product.code;
    // A sale carries its money, as a sale closed at the counter does (src/data/movements.ts).
    const movement = withSaleMoney(
      { code, kind, quantity, at: noonOf(day) + (kind === 'receipt' ? -3 * 3600_000 : 0), day, ...extra },
      product,
    );
    movements.push(movement);
    const key = `${code} ${day}`;
    totals.set(key, addToDailyTotal(totals.get(key), movement));
  };

  for (const [i, sp] of sim.products.entries()) {
    const [brands, variants] = NAMES[sp.category];
    const brand = brands[i % brands.length]!;
    const baseName = brand + variants[Math.floor(i / brands.length) % variants.length]!;
    const seen = used.get(baseName) ?? 0;
    used.set(baseName, seen + 1);
    const code = gtin('6937', i + 1);
    const perCarton = sp.packsPerCarton > 1 ? sp.packsPerCarton : undefined;
    const product: Product = {
      code,
      name: seen === 0 ? baseName : `${baseName} ${seen + 1}`,
      priceCents: sp.priceCents,
      unit: 'pack',
      stock: 0,
      createdAt: noonOf(sim.dayStrings[sp.startDay]!) - 4 * 3600_000,
      updatedAt: noonOf(sim.dayStrings[sp.startDay]!) - 4 * 3600_000,
      brand,
      category: CATEGORY_NAMES[sp.category],
      costCents: sp.costCents,
    };
    if (sp.isNew) product.isNew = true;
    links.push({ code, productCode: code, multiplier: 1 });
    if (perCarton) {
      product.packsPerCarton = perCarton;
      product.cartonCode = gtin('6938', i + 1);
      links.push({ code: product.cartonCode, productCode: code, multiplier: perCarton });
    }

    // Stock: delivered every Monday up to about ten days of expected sales, in whole cartons.
    const unit = perCarton ?? 1;
    const target = (t: number) => {
      let sum = 0;
      for (let k = t; k < Math.min(days, t + 10); k++) sum += sim.mean[i]![k]!;
      return Math.max(unit, Math.ceil((sum * 1.3) / unit) * unit);
    };
    let stock = 0;
    for (let t = sp.startDay; t < days; t++) {
      if (t === sp.startDay) {
        stock = target(t);
        move(product, 'opening', stock, t);
      } else if (weekdayOf(dayIndex(sim.dayStrings[t]!)) === 1) {
        const want = target(t) - stock;
        if (want > 0) {
          const received = Math.ceil(want / unit) * unit;
          stock += received;
          move(product, 'receipt', received, t, { sessionId: `demo-delivery-${t}` });
        }
      }
      const sold = Math.min(sim.demand[i]![t]!, Math.max(stock, 0));
      if (sold > 0) {
        stock -= sold;
        move(product, 'sale', -sold, t);
      }
      // The stocktake counted every cigarette after the day's trading: a pack or two off now and then.
      if (t === stocktakeDay && sp.category === 'cigarettes' && sp.startDay < t) {
        const off = [0, 0, 0, 0, 0, 0, -1, 1, -2, 0][i % 10]!;
        const counted = Math.max(0, stock + off);
        counts.push({ productCode: code, counted, bookAtCount: stock, shelf: '柜台', seq: counts.length + 1 });
        if (counted !== stock) {
          move(product, 'stocktake', counted - stock, t, { sessionId: 'demo-stocktake', reason: 'stocktake' });
          stock = counted;
        }
        product.lastCountedAt = stocktakeAt;
      }
    }
    product.stock = stock;
    products.push(product);
  }

  const expected = products
    .filter((p) => p.category === CATEGORY_NAMES.cigarettes)
    .map((p) => ({ code: p.code, name: p.name, book: counts.find((c) => c.productCode === p.code)?.bookAtCount ?? 0 }));
  const stocktake: StocktakeSessionRecord = {
    id: 'demo-stocktake',
    kind: 'stocktake',
    status: 'closed',
    openedAt: stocktakeAt - 3600_000,
    closedAt: stocktakeAt,
    closedSeq: 1,
    counts,
    nextSeq: counts.length + 1,
    shelf: '柜台',
    result: closeStocktake(restoreStocktake(counts), expected),
  };

  // Yesterday's order: the cigarettes with the least stock for their sales, one to three cartons each.
  const placedAt = noonOf(addDays(today, -1)) + 5 * 3600_000;
  const lines: OrderLine[] = products
    .filter((p) => p.category === CATEGORY_NAMES.cigarettes && p.packsPerCarton)
    .slice(0, 40)
    .sort((a, b) => a.stock - b.stock)
    .slice(0, 12)
    .map((p, k) => {
      const units = 1 + (k % 3);
      const perCarton = p.packsPerCarton!;
      return {
        code: p.code,
        units,
        packs: units * perCarton,
        suggestedUnits: units,
        ownerEdited: false,
        unitCostCents: (p.costCents ?? 0) * perCarton,
        name: p.name,
      };
    });
  const order: Order = {
    id: 'demo-order',
    status: 'placed',
    createdAt: placedAt - 600_000,
    placedAt,
    placedDay: addDays(today, -1),
    placedSeq: 1,
    lines,
    totalCents: lines.reduce((sum, l) => sum + l.units * l.unitCostCents, 0),
  };

  // The hourly rollup of each day's sales, from the daily totals just built.
  const byDay = new Map<string, { cents: number; packs: number }>();
  for (const t of totals.values()) {
    if (t.sold === 0) continue;
    const d = byDay.get(t.day) ?? { cents: 0, packs: 0 };
    d.cents += t.soldCents ?? 0;
    d.packs += t.sold;
    byDay.set(t.day, d);
  }
  const random = mulberry32((options.seed ?? 20240210) ^ 0x5eed);
  const hourlyTotals = [...byDay.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .flatMap(([day, d]) => spreadDayOverHours(day, d.cents, d.packs, random));

  return { products, links, movements, dailyTotals: [...totals.values()], hourlyTotals, stocktake, order };
}
