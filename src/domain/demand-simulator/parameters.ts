/**
 * Every number of the demand simulator, each documented in bench/reorder/README.md:
 * the product categories (one row each) and the tunable parameters.
 */

export type CategoryId = 'cigarettes' | 'baijiu' | 'beer' | 'beverages' | 'snacks' | 'dairy' | 'household';

export interface CategorySpec {
  id: CategoryId;
  /** share of the catalogue */
  share: number;
  /** packs per order unit; one is drawn per product */
  orderUnits: number[];
  /** price per pack in cents: uniform between these */
  priceCents: [number, number];
  /** cost as a fraction of the price: uniform between these */
  costRatio: [number, number];
  /** median and log-sd of a regular product's daily mean (packs/day) */
  rateMedian: number;
  rateLogSd: number;
  /** fraction of the category that is a slow mover */
  slowShare: number;
  /** weekday multipliers, 0 = Sunday … 6 = Saturday (normalised to mean 1) */
  weekly: number[];
  /** yearly cosine: amplitude and the day of the year it peaks */
  yearlyAmplitude: number;
  yearlyPeakDoy: number;
  /** extra demand on the eve of the Spring Festival (1.5 → ×2.5) */
  festivalLift: number;
  /** price elasticity for price-driven level jumps */
  elasticity: [number, number];
  /** price change when one happens: uniform fraction between these */
  priceChange: [number, number];
}

/** CATEGORY_ROWS' columns. */
const COLUMNS = [
  'id',
  'share',
  'orderUnits',
  'priceCents',
  'costRatio',
  'rateMedian',
  'rateLogSd',
  'slowShare',
  'weekly',
  'yearlyAmplitude',
  'yearlyPeakDoy',
  'festivalLift',
  'elasticity',
  'priceChange',
] as const satisfies readonly (keyof CategorySpec)[];
/** A row's cells, typed by its columns. */
type RowOf<C extends readonly (keyof CategorySpec)[]> = { -readonly [I in keyof C]: CategorySpec[C[I]] };

// One row a category, as in the README's table (units: packs per order unit; rate: median packs a day; peak: day of the year).
// prettier-ignore
const CATEGORY_ROWS: RowOf<typeof COLUMNS>[] = [
  // id          share units    price (分)      cost/price    rate log-sd slow weekly, Sun … Sat                          yearly peak fest. elasticity price change
  ['cigarettes', 0.4,  [10],    [1000, 6000],  [0.88, 0.92], 2.5, 0.9, 0.2,  [1.06, 0.96, 0.96, 0.97, 0.98, 1.03, 1.04], 0.06, 15,  1.5, [0.3, 0.5], [0.05, 0.15]],
  ['baijiu',     0.06, [6],     [1500, 30000], [0.7, 0.8],   0.6, 0.7, 0.5,  [1.1, 0.9, 0.9, 0.92, 0.98, 1.1, 1.1],      0.15, 20,  2.5, [0.8, 1.2], [-0.15, 0.15]],
  ['beer',       0.06, [24, 6], [300, 1200],   [0.7, 0.8],   3,   0.7, 0.1,  [1.2, 0.85, 0.85, 0.9, 1, 1.1, 1.1],        0.5,  200, 0.8, [1, 1.6],   [-0.15, 0.15]],
  ['beverages',  0.16, [24, 6], [200, 800],    [0.65, 0.78], 3,   0.8, 0.15, [1.15, 0.9, 0.9, 0.92, 0.98, 1.08, 1.07],   0.45, 200, 0.5, [1.2, 1.8], [-0.2, 0.15]],
  ['snacks',     0.16, [1, 6],  [150, 2500],   [0.65, 0.78], 1.5, 0.8, 0.3,  [1.1, 0.92, 0.93, 0.95, 0.98, 1.07, 1.05],  0.1,  10,  1,   [1, 1.6],   [-0.2, 0.15]],
  ['dairy',      0.08, [6, 24], [300, 7000],   [0.7, 0.8],   1.5, 0.7, 0.2,  [1.05, 0.97, 0.97, 0.98, 0.98, 1.02, 1.03], 0.1,  20,  1.2, [0.8, 1.4], [-0.15, 0.15]],
  ['household',  0.08, [1, 6],  [200, 3000],   [0.65, 0.78], 0.8, 0.7, 0.5,  [1.05, 0.97, 0.97, 0.98, 0.99, 1.02, 1.02], 0.05, 180, 0.3, [0.6, 1],   [-0.1, 0.1]],
];

export const CATEGORIES: CategorySpec[] = CATEGORY_ROWS.map(
  (row) => Object.fromEntries(COLUMNS.map((column, i) => [column, row[i]])) as unknown as CategorySpec,
);

export function categorySpec(id: CategoryId): CategorySpec {
  return CATEGORIES.find((c) => c.id === id)!;
}

/** Every tunable number of the simulator, documented in README.md. */
export const PARAMS = {
  /** share of products that appear part-way through the three years */
  newShare: 0.1,
  /** new products start uniformly between these day numbers */
  newStart: [200, 1000] as [number, number],
  /** adoption of a new product: 1 − exp(−age / days) */
  newAdoptionDays: 21,
  /** slow movers: daily mean log-uniform between these */
  slowRate: [0.05, 0.5] as [number, number],
  /** slow movers: share of them lumpy (negative binomial with a small size) rather than Poisson */
  slowLumpyShare: 0.5,
  /** negative-binomial size of the lumpy slow movers */
  slowLumpySize: [0.3, 0.8] as [number, number],
  /** negative-binomial size of regular products (overdispersion; Poisson would be Infinity) */
  regularSize: [3, 20] as [number, number],
  /** yearly trend: normal(0, sd), clamped to ±max, as a log-rate per year */
  trendSd: 0.12,
  trendMax: 0.35,
  /** slow movers' trend is clamped to ±this so they stay slow */
  slowTrendMax: 0.1,
  /** share of products whose price changes once */
  priceChangeShare: 0.25,
  /** price changes happen uniformly between these day numbers */
  priceChangeDays: [60, 1050] as [number, number],
  /** Spring Festival shape: ramp days before the festival, festival-day dip and recovery */
  festivalRampDays: 28,
  festivalDip: 0.6,
  festivalDipDays: 7,
  festivalRecoveryDays: 14,
  /** real scenario: share of the Spring Festival's extra cigarette demand bought as whole cartons (gifts) */
  giftCartonShare: 0.5,
  /** real scenario: Mid-Autumn ramp (days before, lift on the eve) per category, and the National Day week's lift */
  midAutumnRampDays: 21,
  midAutumnLift: { baijiu: 1.5, cigarettes: 0.3 } as Partial<Record<string, number>>,
  nationalDayLift: { baijiu: 0.4, beer: 0.25, cigarettes: 0.1 } as Partial<Record<string, number>>,
  /** real scenario: weather, a shared AR(1) log-factor on beer and beverages (dairy half): φ and the daily innovation sd */
  weatherPhi: 0.8,
  weatherSd: 0.12,
} as const;
