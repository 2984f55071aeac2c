/**
 * The owner's business report (经营报表), computed from rollups only: the
 * per-product daily totals (src/domain/product.ts DailyTotal) and the shop's
 * hourly totals (rollups.ts). Pure; src/data/report.ts reads the rollups and
 * the products and hands them here. Every figure's definition is in the
 * README ("The business report").
 */
import type { DailyTotal, Product } from '../product.ts';
import { DEFAULT_PRICE_BANDS, priceBandOf, type PriceBands } from './bands.ts';
import { daysIn, eachDay, type DayRange } from './periods.ts';
import type { HourlyTotal } from './rollups.ts';
import { waitStats, type WaitStats } from './waiting.ts';

export type ReportProduct = Pick<Product, 'code' | 'name' | 'priceCents' | 'stock' | 'createdAt'> &
  Partial<Pick<Product, 'costCents' | 'category' | 'brand' | 'packsPerCarton' | 'cartonPriceCents' | 'discontinued'>>;

export interface ReportInput {
  range: DayRange;
  /** The local day the report is made on: products' stock is as of its end. */
  today: string;
  products: readonly ReportProduct[];
  /**
   * Daily totals of every product from range.from to the later of range.to and
   * today: the days after the range walk the stock back to the range's days.
   */
  dailyTotals: readonly DailyTotal[];
  /** Hourly totals of the range, the period before and the same period last year. */
  hourly: readonly HourlyTotal[];
  previousHourly: readonly HourlyTotal[];
  lastYearHourly: readonly HourlyTotal[];
  /** Local day a product was registered on (the data layer knows the time zone). */
  createdDay: (product: ReportProduct) => string;
  bands?: PriceBands;
}

export interface SalesFigures {
  salesCents: number;
  packs: number;
  /** Sales closed minus sales reversed. */
  sales: number;
  /** salesCents ÷ sales, rounded to the cent; undefined without sales. */
  averageSaleCents?: number | undefined;
}

export interface SalesSection extends SalesFigures {
  byDay: ({ day: string } & SalesFigures)[];
  /** Hour of day 0–23, summed over the range's days. */
  byHour: ({ hour: number } & SalesFigures)[];
  previous: SalesFigures;
  lastYear: SalesFigures;
}

export interface ProductMoney {
  code: string;
  name: string;
  salesCents: number;
  packs: number;
}

export interface ProfitSection {
  /** All sales money in the range (the daily totals' soldCents). */
  salesCents: number;
  /** Sales money of packs whose cost price was known when sold. */
  costedSalesCents: number;
  costOfSalesCents: number;
  /** costedSalesCents − costOfSalesCents: only over what has a cost price. */
  grossProfitCents: number;
  /** grossProfit ÷ costedSales; undefined when nothing sold had a cost price. */
  margin?: number | undefined;
  /** costedSales ÷ sales (money share); 1 when nothing was sold. */
  coverage: number;
  /** Products sold without a cost price, most money first. */
  uncosted: ProductMoney[];
}

export interface TiedUp {
  code: string;
  name: string;
  stock: number;
  /** stock × cost price; undefined when the product has no cost price. */
  costCents?: number | undefined;
}

export interface MovementSection {
  /** Products with stock on the shelf at some time in the range (or sold in it). */
  stocked: number;
  /** Of those, sold at least once. */
  moved: number;
  /** moved ÷ stocked; undefined when nothing was stocked. */
  rate?: number | undefined;
  /** Stocked and not sold, most money tied up first. */
  notMoved: TiedUp[];
  /** Money at cost in the products that did not sell (those with a cost price). */
  tiedUpCents: number;
  /** Of notMoved, those without a cost price (their money is not in tiedUpCents). */
  tiedUpUncosted: number;
}

export interface StockoutLine {
  code: string;
  name: string;
  /** Days of the range that ended with stock ≤ 0. */
  days: number;
}

export interface StockSection {
  /** As of the end of the range. */
  atCostCents: number;
  atRetailCents: number;
  /** Products with stock > 0 but no cost price: not in atCostCents. */
  uncostedProducts: number;
  /** Cost of sales ÷ days in the range. */
  averageDailyCostCents: number;
  /** atCost ÷ averageDailyCost (周转天数); undefined without costed sales. */
  daysOfCover?: number | undefined;
  /** 365 ÷ daysOfCover: times the stock turns in a year at this pace. */
  turnsPerYear?: number | undefined;
  stockouts: StockoutLine[];
  negative: { code: string; name: string; stock: number }[];
  /** Per product: stock ÷ average daily packs sold; only products that sold. */
  coverByProduct: { code: string; name: string; stock: number; days: number }[];
}

export interface StructureLine {
  key: string;
  salesCents: number;
  packs: number;
  /** Over costed sales only, as in ProfitSection. */
  grossProfitCents: number;
  costedSalesCents: number;
  margin?: number | undefined;
}

export interface BandLine extends StructureLine {
  perCarton: boolean;
  fromCents: number;
  toCents?: number | undefined;
}

export interface StructureSection {
  byCategory: StructureLine[];
  byBrand: StructureLine[];
  byBand: BandLine[];
}

export interface WaitingSection extends WaitStats {
  byHour: ({ hour: number } & WaitStats)[];
}

export interface BusinessReport {
  range: DayRange;
  days: number;
  sales: SalesSection;
  profit: ProfitSection;
  movement: MovementSection;
  stock: StockSection;
  structure: StructureSection;
  waiting: WaitingSection;
}

/** Products without a category or brand are grouped under this key. */
export const UNSET = '';

function figures(salesCents: number, packs: number, sales: number): SalesFigures {
  return { salesCents, packs, sales, averageSaleCents: sales > 0 ? Math.round(salesCents / sales) : undefined };
}

export function sumHours(hours: readonly HourlyTotal[]): SalesFigures {
  let cents = 0;
  let packs = 0;
  let sales = 0;
  for (const h of hours) {
    cents += h.salesCents;
    packs += h.packs;
    sales += h.sales - h.reversals;
  }
  return figures(cents, packs, sales);
}

function salesSection(input: ReportInput): SalesSection {
  const days = eachDay(input.range);
  const byDay = new Map(days.map((day) => [day, [] as HourlyTotal[]]));
  const byHour: HourlyTotal[][] = Array.from({ length: 24 }, () => []);
  const inRange: HourlyTotal[] = [];
  for (const h of input.hourly) {
    const list = byDay.get(h.day);
    if (!list || h.hour < 0 || h.hour > 23) continue;
    list.push(h);
    byHour[h.hour]!.push(h);
    inRange.push(h);
  }
  return {
    ...sumHours(inRange),
    byDay: days.map((day) => ({ day, ...sumHours(byDay.get(day)!) })),
    byHour: byHour.map((hours, hour) => ({ hour, ...sumHours(hours) })),
    previous: sumHours(input.previousHourly),
    lastYear: sumHours(input.lastYearHourly),
  };
}

interface ProductSums {
  soldPacks: number;
  salesCents: number;
  costedSalesCents: number;
  costCents: number;
  uncostedCents: number;
}

function emptySums(): ProductSums {
  return { soldPacks: 0, salesCents: 0, costedSalesCents: 0, costCents: 0, uncostedCents: 0 };
}

function addSums(into: ProductSums, t: DailyTotal): void {
  const sales = t.soldCents ?? 0;
  const uncosted = t.uncostedCents ?? 0;
  into.soldPacks += t.sold;
  into.salesCents += sales;
  into.uncostedCents += uncosted;
  into.costedSalesCents += sales - uncosted;
  into.costCents += t.soldCostCents ?? 0;
}

function margin(profit: number, sales: number): number | undefined {
  return sales > 0 ? profit / sales : undefined;
}

/** The net change of stock one day's total records. */
function netChange(t: DailyTotal): number {
  return t.received + t.adjusted - t.sold;
}

export function buildReport(input: ReportInput): BusinessReport {
  const { range } = input;
  const bands = input.bands ?? DEFAULT_PRICE_BANDS;
  const days = daysIn(range);
  const rangeDays = eachDay(range);
  // Day → position in the range, once per day rather than once per daily total.
  const dayOffset = new Map(rangeDays.map((day, i) => [day, i]));

  // One pass over the daily totals: the range's sums per product, and each
  // product's net stock change per day (range days and after) to walk back from.
  const sums = new Map<string, ProductSums>();
  const changeByDay = new Map<string, Float64Array>();
  const changeAfterRange = new Map<string, number>();
  for (const t of input.dailyTotals) {
    if (t.day < range.from) continue;
    if (t.day > range.to) {
      changeAfterRange.set(t.code, (changeAfterRange.get(t.code) ?? 0) + netChange(t));
      continue;
    }
    let s = sums.get(t.code);
    if (!s) sums.set(t.code, (s = emptySums()));
    addSums(s, t);
    let changes = changeByDay.get(t.code);
    if (!changes) changeByDay.set(t.code, (changes = new Float64Array(days)));
    changes[dayOffset.get(t.day)!]! += netChange(t);
  }

  // ---- profit
  let salesCents = 0;
  let costedSalesCents = 0;
  let costOfSalesCents = 0;
  const uncosted: ProductMoney[] = [];
  const byCode = new Map(input.products.map((p) => [p.code, p]));
  for (const [code, s] of sums) {
    salesCents += s.salesCents;
    costedSalesCents += s.costedSalesCents;
    costOfSalesCents += s.costCents;
    if (s.uncostedCents !== 0)
      uncosted.push({ code, name: byCode.get(code)?.name ?? code, salesCents: s.uncostedCents, packs: s.soldPacks });
  }
  uncosted.sort((a, b) => b.salesCents - a.salesCents || a.code.localeCompare(b.code));
  const grossProfitCents = costedSalesCents - costOfSalesCents;
  const profit: ProfitSection = {
    salesCents,
    costedSalesCents,
    costOfSalesCents,
    grossProfitCents,
    margin: margin(grossProfitCents, costedSalesCents),
    coverage: salesCents > 0 ? costedSalesCents / salesCents : 1,
    uncosted,
  };

  // ---- stock, day by day, walked back from the stock of today's end
  let stocked = 0;
  let moved = 0;
  const notMoved: TiedUp[] = [];
  let tiedUpCents = 0;
  let tiedUpUncosted = 0;
  let atCostCents = 0;
  let atRetailCents = 0;
  let uncostedProducts = 0;
  const stockouts: StockoutLine[] = [];
  const negative: StockSection['negative'] = [];
  const coverByProduct: StockSection['coverByProduct'] = [];
  for (const p of input.products) {
    const created = input.createdDay(p);
    if (created > range.to) continue;
    const atEnd = p.stock - (changeAfterRange.get(p.code) ?? 0);
    const changes = changeByDay.get(p.code);
    const s = sums.get(p.code);
    // End-of-day stock, newest day first.
    let stock = atEnd;
    let everOnShelf = false;
    let outDays = 0;
    for (let i = days - 1; i >= 0; i--) {
      const day = rangeDays[i]!;
      if (day >= created) {
        if (stock > 0) everOnShelf = true;
        else if (!p.discontinued) outDays++;
      }
      stock -= changes?.[i] ?? 0;
    }
    // `stock` is now the stock at the start of the range.
    if (stock > 0 && created < range.from) everOnShelf = true;
    const sold = (s?.soldPacks ?? 0) > 0;
    if (everOnShelf || sold) {
      stocked++;
      if (sold) moved++;
      else {
        const cost = p.costCents !== undefined ? Math.max(atEnd, 0) * p.costCents : undefined;
        if (cost === undefined) tiedUpUncosted++;
        else tiedUpCents += cost;
        notMoved.push({ code: p.code, name: p.name, stock: atEnd, costCents: cost });
      }
    }
    if (outDays > 0) stockouts.push({ code: p.code, name: p.name, days: outDays });
    if (atEnd < 0) negative.push({ code: p.code, name: p.name, stock: atEnd });
    if (atEnd > 0) {
      atRetailCents += atEnd * p.priceCents;
      if (p.costCents !== undefined) atCostCents += atEnd * p.costCents;
      else uncostedProducts++;
    }
    if (s && s.soldPacks > 0)
      coverByProduct.push({ code: p.code, name: p.name, stock: atEnd, days: Math.max(atEnd, 0) / (s.soldPacks / days) });
  }
  notMoved.sort((a, b) => (b.costCents ?? -1) - (a.costCents ?? -1) || a.code.localeCompare(b.code));
  stockouts.sort((a, b) => b.days - a.days || a.code.localeCompare(b.code));
  negative.sort((a, b) => a.stock - b.stock || a.code.localeCompare(b.code));
  coverByProduct.sort((a, b) => a.days - b.days || a.code.localeCompare(b.code));
  const averageDailyCostCents = days > 0 ? costOfSalesCents / days : 0;
  const daysOfCover = averageDailyCostCents > 0 ? atCostCents / averageDailyCostCents : undefined;

  // ---- structure
  const groups = {
    byCategory: new Map<string, StructureLine>(),
    byBrand: new Map<string, StructureLine>(),
    byBand: new Map<string, BandLine>(),
  };
  const addTo = <L extends StructureLine>(map: Map<string, L>, key: string, s: ProductSums, make: () => L) => {
    let line = map.get(key);
    if (!line) map.set(key, (line = make()));
    line.salesCents += s.salesCents;
    line.packs += s.soldPacks;
    line.costedSalesCents += s.costedSalesCents;
    line.grossProfitCents += s.costedSalesCents - s.costCents;
  };
  const blank = (key: string): StructureLine => ({ key, salesCents: 0, packs: 0, grossProfitCents: 0, costedSalesCents: 0 });
  for (const [code, s] of sums) {
    const p = byCode.get(code);
    const category = p?.category ?? UNSET;
    const brand = p?.brand ?? UNSET;
    addTo(groups.byCategory, category, s, () => blank(category));
    addTo(groups.byBrand, brand, s, () => blank(brand));
    if (p) {
      const band = priceBandOf(p, bands);
      addTo(groups.byBand, band.key, s, () => ({
        ...blank(band.key),
        perCarton: band.perCarton,
        fromCents: band.fromCents,
        toCents: band.toCents,
      }));
    }
  }
  const finish = <L extends StructureLine>(map: Map<string, L>): L[] =>
    [...map.values()]
      .map((l) => ({ ...l, margin: margin(l.grossProfitCents, l.costedSalesCents) }))
      .sort((a, b) => b.salesCents - a.salesCents || a.key.localeCompare(b.key));
  const byBand = [...groups.byBand.values()]
    .map((l) => ({ ...l, margin: margin(l.grossProfitCents, l.costedSalesCents) }))
    .sort((a, b) => Number(b.perCarton) - Number(a.perCarton) || a.fromCents - b.fromCents);

  // ---- waiting
  const waitsByHour: number[][] = Array.from({ length: 24 }, () => []);
  const allWaits: number[] = [];
  for (const h of input.hourly) {
    if (h.day < range.from || h.day > range.to || h.hour < 0 || h.hour > 23) continue;
    for (const w of h.waitSeconds) {
      waitsByHour[h.hour]!.push(w);
      allWaits.push(w);
    }
  }

  return {
    range,
    days,
    sales: salesSection(input),
    profit,
    movement: { stocked, moved, rate: stocked > 0 ? moved / stocked : undefined, notMoved, tiedUpCents, tiedUpUncosted },
    stock: {
      atCostCents,
      atRetailCents,
      uncostedProducts,
      averageDailyCostCents,
      daysOfCover,
      turnsPerYear: daysOfCover !== undefined && daysOfCover > 0 ? 365 / daysOfCover : undefined,
      stockouts,
      negative,
      coverByProduct,
    },
    structure: { byCategory: finish(groups.byCategory), byBrand: finish(groups.byBrand), byBand },
    waiting: { ...waitStats(allWaits), byHour: waitsByHour.map((w, hour) => ({ hour, ...waitStats(w) })) },
  };
}

/** The first day whose daily totals buildReport needs after the range: none before range.from. */
export function dailyTotalsSpan(range: DayRange, today: string): DayRange {
  return { from: range.from, to: today > range.to ? today : range.to };
}
