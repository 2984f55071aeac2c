/**
 * bench:reorder — is the reorder advice good? (issues 4 and 13)
 *
 * 1. Simulates a shop's demand (bench/reorder/simulator.ts) for each seed,
 *    warms up two years of censored sales history, then replays the last year
 *    day by day under the engine, the like-for-like informed reference (the
 *    engine's rule and floor fed the true demand distribution), a textbook
 *    (R,S) policy, three shop baselines and a perfect-foresight policy, all on
 *    the same demand paths, in two supply rhythms: orders Monday + Thursday
 *    with a 2-day lead time, and the shipped default (Monday only, 1 day).
 * 2. Reads each policy's stock (packs and ¥ at cost) for 0.98 fill off its
 *    sweep, per seed, and draws the pooled curves: bench/out/reorder-curves.png.
 * 3. Times suggestOrders on 500 products × 1095 days of history in Debian's
 *    Chromium, as is and with the CPU throttled 4× (about a Raspberry Pi 4).
 *
 * Usage: npm run bench:reorder -- [--seeds 4-13 | --seeds 1,2,3]
 * Seeds 1–3 are for tuning; the report uses held-out seeds (default 4–13).
 *
 * Last line:
 *   bench:reorder seeds=N skus=500 days=1095 compute_ms=X compute_4x_ms=Y ref_ratio=R ref_ratio_hi=H
 *   festival_fill=F weekly_ref_ratio=W worst_segment_gap=G oracle_ratio=O rs_ratio=S
 *
 * Options (env): BENCH_PRODUCTS (300, the replay), BENCH_TIMING_PRODUCTS (500),
 * BENCH_TIMING_RUNS (9), BENCH_BASELINES (0; 1 = also the three shop baselines),
 * BENCH_WIDE (0; 1 = sweep service levels 0.95–0.995), BENCH_TIMING (1; 0 = skip the Chromium timing),
 * BENCH_REAL (1; 0 = skip the real-supply scenario).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../test/helpers/chromium.mjs';
import { averageDemandInterval, simulate, type Simulation } from './simulator.ts';
import { informedPolicy, lastWeekPolicy, lastYearPolicy, minMaxPolicy, oraclePolicy, rsPolicy } from './policies.ts';
import { replay } from './replay.ts';
import { setupReplay } from './setup.ts';
import { cloneState, type Policy, type ReplaySetup } from './world.ts';
import { enginePolicy } from './engine-policy.ts';
import { renderChart, type Curve } from './chart.ts';
import type { TimingResult } from './timing-page.ts';
import { SPRING_FESTIVAL } from '../../src/domain/reorder/calendar.ts';

/** "4-13", "1,2,3" or "1-3,7" → the seeds. */
export function parseSeeds(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new Error(`--seeds: cannot read "${part}" (use e.g. 4-13 or 1,2,3)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    for (let s = a; s <= b; s++) out.push(s);
  }
  if (out.length === 0) throw new Error('--seeds: no seed given');
  return out;
}
const argv = process.argv.slice(2);
const seedsArg = argv.indexOf('--seeds');
const SEEDS = parseSeeds(seedsArg >= 0 ? (argv[seedsArg + 1] ?? '') : (process.env.BENCH_SEEDS_LIST ?? '4-13'));
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 300);
const TIMING_PRODUCTS = Number(process.env.BENCH_TIMING_PRODUCTS ?? 500);
const TIMING_RUNS = Number(process.env.BENCH_TIMING_RUNS ?? 9);
const BASELINES = process.env.BENCH_BASELINES === '1';
const TIMING = process.env.BENCH_TIMING !== '0';
const DAYS = 1095;
const TARGET_FILL = 0.98;
const SETTING = 0.98;
// Only the points around 0.98 fill (the machine is shared; BENCH_WIDE=1 sweeps wider for the chart).
const WIDE = process.env.BENCH_WIDE === '1';
const ENGINE_LEVELS = WIDE ? [0.95, 0.97, 0.98, 0.99, 0.995] : [0.97, 0.98, 0.99];
const INFORMED_LEVELS = WIDE ? [0.95, 0.97, 0.98, 0.99, 0.995] : [0.97, 0.98];
const RS_Z = WIDE ? [1, 1.5, 2, 2.5, 3] : [1, 1.5, 2];
const MULTIPLIERS = [0.8, 1.0, 1.2, 1.4, 1.6];
const TUNING_SEEDS = new Set([1, 2, 3]);

const log = (line: string) => console.log(`# ${line}`);
const outDir = fileURLToPath(new URL('../out/', import.meta.url));
mkdirSync(outDir, { recursive: true });
if (SEEDS.some((s) => TUNING_SEEDS.has(s)))
  log(`note: seeds ${SEEDS.filter((s) => TUNING_SEEDS.has(s)).join(',')} are tuning seeds; report on held-out ones`);

// ---------------------------------------------------------------- scenarios and policies

interface Scenario {
  id: 'twice-weekly' | 'weekly' | 'real-supply';
  orderDays: number[];
  leadTimeDays: number;
  label: string;
  real?: boolean;
}
const ALL_SCENARIOS: Scenario[] = [
  {
    id: 'twice-weekly',
    orderDays: [1, 4],
    leadTimeDays: 2,
    label: 'old scenario: one supplier, orders Mon + Thu, lead time 2 days, every order in full',
  },
  { id: 'weekly', orderDays: [1], leadTimeDays: 1, label: 'orders Mon, lead time 1 day (shipped default)' },
  {
    id: 'real-supply',
    orderDays: [1, 4],
    leadTimeDays: 2,
    real: true,
    label:
      'real supply: tobacco Tue/1 day with a budget, drinks Mon+Thu/2 days ¥300 minimum, general Wed/3 days ¥200 minimum; ' +
      '紧俏 cigarettes rationed per 28 days; gift cartons, Mid-Autumn/National Day, shared weather; shrink and stocktakes',
  },
];
const SCENARIOS = process.env.BENCH_REAL === '0' ? ALL_SCENARIOS.filter((x) => !x.real) : ALL_SCENARIOS;

type Family = 'engine' | 'informed' | 'rs' | 'lastweek' | 'minmax' | 'lastyear' | 'oracle';
interface Config {
  family: Family;
  level: number;
  make(setup: ReplaySetup, sim: Simulation): Policy;
}
function configsFor(scenario: Scenario): Config[] {
  if (scenario.real) {
    return [
      { family: 'oracle', level: 1, make: () => oraclePolicy() },
      { family: 'engine', level: SETTING, make: () => enginePolicy({ serviceLevel: SETTING }) },
      { family: 'informed', level: SETTING, make: (_, sim) => informedPolicy(sim, SETTING) },
    ];
  }
  const list: Config[] = [
    { family: 'oracle', level: 1, make: () => oraclePolicy() },
    ...ENGINE_LEVELS.map((sl): Config => ({ family: 'engine', level: sl, make: () => enginePolicy({ serviceLevel: sl }) })),
    ...INFORMED_LEVELS.map((sl): Config => ({ family: 'informed', level: sl, make: (_, sim) => informedPolicy(sim, sl) })),
  ];
  if (scenario.id === 'twice-weekly') {
    list.push(...RS_Z.map((z): Config => ({ family: 'rs', level: z, make: () => rsPolicy(z) })));
    if (BASELINES) {
      list.push(
        ...MULTIPLIERS.map((k): Config => ({ family: 'lastweek', level: k, make: () => lastWeekPolicy(k) })),
        ...MULTIPLIERS.map((k): Config => ({ family: 'minmax', level: k, make: (s) => minMaxPolicy(k, s) })),
        ...MULTIPLIERS.map((k): Config => ({ family: 'lastyear', level: k, make: () => lastYearPolicy(k) })),
      );
    }
  }
  return list;
}

/** Where fill and stock go: regular products (split by how often a day has no sale), slow movers, new products. */
type Segment = 'seasonal regular' | 'intermittent regular' | 'slow' | 'new';
const SEGMENTS: Segment[] = ['seasonal regular', 'intermittent regular', 'slow', 'new'];
function segmentsOf(sim: Simulation, replayStart: number): Segment[] {
  return sim.products.map((p, i) => {
    if (p.startDay >= replayStart) return 'new';
    if (p.kind === 'slow') return 'slow';
    const adi = averageDemandInterval(sim.demand[i]!, Math.max(p.startDay, replayStart - 365), replayStart);
    return adi > 1.32 ? 'intermittent regular' : 'seasonal regular';
  });
}

interface Tally {
  demand: number;
  sold: number;
  stockDays: number;
}
interface Run {
  scenario: Scenario['id'];
  seed: number;
  family: Family;
  level: number;
  demand: number;
  sold: number;
  /** packs on the shelves at the end of the day, averaged over the replayed days */
  avgStock: number;
  /** the same at cost, cents */
  avgValueCents: number;
  segments: Record<Segment, Tally>;
  /** regular products over the 28 days before the Spring Festival */
  festival: { demand: number; sold: number };
  /** real supply: packs cut by quotas, orders under a minimum, packs shrunk; the engine's caps */
  rationedPacks: number;
  unpaidPacks: number;
  heldOrders: number;
  shrunkPacks: number;
  caps: Record<string, number>;
}
const runs: Run[] = [];

const tStart = Date.now();
for (const seed of SEEDS) {
  const t0 = Date.now();
  const plain = simulate({ seed, products: PRODUCTS, days: DAYS });
  for (const scenario of SCENARIOS) {
    const sim = scenario.real ? simulate({ seed, products: PRODUCTS, days: DAYS, real: true }) : plain;
    const setup = setupReplay(sim, {
      leadTimeDays: scenario.leadTimeDays,
      orderDays: scenario.orderDays,
      replayDays: 365,
      realSupply: scenario.real === true,
    });
    const seg = segmentsOf(sim, setup.replayStart);
    const festivalDays: number[] = [];
    for (const date of Object.values(SPRING_FESTIVAL)) {
      const f = sim.dayStrings.indexOf(date);
      if (f < 0) continue;
      for (let t = f - 28; t < f; t++) if (t >= setup.replayStart && t < setup.end) festivalDays.push(t);
    }
    for (const c of configsFor(scenario)) {
      const state = cloneState(setup.state);
      const policy = c.make(setup, sim);
      const m = replay(setup.world, state, policy, setup.end);
      const segments = Object.fromEntries(SEGMENTS.map((s) => [s, { demand: 0, sold: 0, stockDays: 0 }])) as Record<Segment, Tally>;
      const festival = { demand: 0, sold: 0 };
      sim.products.forEach((prod, p) => {
        const s = segments[seg[p]!];
        s.demand += m.byProduct.demand[p]!;
        s.sold += m.byProduct.sold[p]!;
        s.stockDays += m.byProduct.stockDays[p]!;
        if (prod.kind !== 'regular' || seg[p] === 'new') return;
        for (const t of festivalDays) {
          if (t < prod.startDay) continue;
          festival.demand += setup.world.demand[p]![t]!;
          festival.sold += state.sales[p]![t]!;
        }
      });
      runs.push({
        scenario: scenario.id,
        seed,
        family: c.family,
        level: c.level,
        demand: m.demand,
        sold: m.sold,
        avgStock: m.avgStock,
        avgValueCents: m.avgStockValueCents,
        segments,
        festival,
        rationedPacks: m.rationedPacks,
        unpaidPacks: m.unpaidPacks,
        heldOrders: m.heldOrders,
        shrunkPacks: m.shrunkPacks,
        caps: 'caps' in policy ? { ...(policy as { caps: Record<string, number> }).caps } : {},
      });
    }
  }
  log(`seed ${seed}: ${PRODUCTS} products, ${SCENARIOS.length} scenarios replayed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
log(`replays done in ${((Date.now() - tStart) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------- reading the curves

type Point = { x: number; y: number; v: number };
/**
 * Stock (packs) and stock value (cents) where a curve of (stock, fill) points
 * reaches `fill`: linear between the two points around it, or along the
 * nearest two points' line beyond the curve's ends (flagged).
 */
function stockAtFill(points: Point[], fill: number): { x: number; v: number; extrapolated: boolean } {
  const pts = [...points].sort((a, b) => a.y - b.y);
  let i = pts.findIndex((p) => p.y >= fill);
  const extrapolated = i <= 0 && !(i === 0 && pts[0]!.y === fill);
  if (i < 0) i = pts.length - 1;
  if (i === 0) i = 1;
  const a = pts[i - 1]!;
  const b = pts[i]!;
  const w = b.y === a.y ? 1 : (fill - a.y) / (b.y - a.y);
  return { x: a.x + w * (b.x - a.x), v: a.v + w * (b.v - a.v), extrapolated };
}
const select = (scenario: Scenario['id'], family: Family, seed?: number) =>
  runs.filter((r) => r.scenario === scenario && r.family === family && (seed === undefined || r.seed === seed));
const curve = (rs: Run[]): Point[] => rs.map((r) => ({ x: r.avgStock, y: r.sold / r.demand, v: r.avgValueCents }));
/** Runs of one family pooled over seeds, per level. */
function pooledByLevel(scenario: Scenario['id'], family: Family): Run[] {
  const byLevel = new Map<number, Run>();
  for (const r of select(scenario, family)) {
    const acc = byLevel.get(r.level);
    if (!acc) {
      byLevel.set(r.level, structuredClone(r));
      continue;
    }
    acc.demand += r.demand;
    acc.sold += r.sold;
    acc.avgStock += r.avgStock;
    acc.avgValueCents += r.avgValueCents;
    acc.festival.demand += r.festival.demand;
    acc.festival.sold += r.festival.sold;
    acc.rationedPacks += r.rationedPacks;
    acc.unpaidPacks += r.unpaidPacks;
    acc.heldOrders += r.heldOrders;
    acc.shrunkPacks += r.shrunkPacks;
    for (const [k, v] of Object.entries(r.caps)) acc.caps[k] = (acc.caps[k] ?? 0) + v;
    for (const s of SEGMENTS) {
      acc.segments[s].demand += r.segments[s].demand;
      acc.segments[s].sold += r.segments[s].sold;
      acc.segments[s].stockDays += r.segments[s].stockDays;
    }
  }
  return [...byLevel.values()].sort((a, b) => a.level - b.level);
}
/** Two-sided 95% Student t quantile for n − 1 degrees of freedom. */
function t975(n: number): number {
  const table = [
    NaN,
    12.706,
    4.303,
    3.182,
    2.776,
    2.571,
    2.447,
    2.365,
    2.306,
    2.262,
    2.228,
    2.201,
    2.179,
    2.16,
    2.145,
    2.131,
    2.12,
    2.11,
    2.101,
    2.093,
    2.086,
  ];
  const df = n - 1;
  return df < table.length ? table[df]! : 1.96 + 2.4 / df;
}
function meanAndHi(xs: number[]): { mean: number; hi: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, hi: NaN };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, hi: mean + (t975(n) * sd) / Math.sqrt(n) };
}

const f3 = (v: number) => v.toFixed(3);
const yuan = (cents: number) => `¥${(cents / 100).toFixed(0)}`;
const perSeed: Record<string, number[]> = {};
const push = (k: string, v: number) => (perSeed[k] ??= []).push(v);
for (const scenario of SCENARIOS.filter((x) => !x.real)) {
  for (const seed of SEEDS) {
    const oracle = select(scenario.id, 'oracle', seed)[0]!;
    const at = (f: Family) => stockAtFill(curve(select(scenario.id, f, seed)), TARGET_FILL);
    const eng = at('engine');
    const inf = at('informed');
    const notes: string[] = [];
    if (eng.extrapolated) notes.push('engine extrapolated');
    if (inf.extrapolated) notes.push('reference extrapolated');
    push(`${scenario.id}:ref`, eng.x / inf.x);
    push(`${scenario.id}:oracle`, eng.x / oracle.avgStock);
    push(`${scenario.id}:inf-oracle`, inf.x / oracle.avgStock);
    let rsText = '';
    if (scenario.id === 'twice-weekly') {
      const rs = at('rs');
      if (rs.extrapolated) notes.push('(R,S) extrapolated');
      push('rs', rs.x / eng.x);
      rsText = `, (R,S) ${rs.x.toFixed(0)} packs ${yuan(rs.v)}`;
    }
    log(
      `${scenario.id} seed ${seed}: stock for ${TARGET_FILL} fill — engine ${eng.x.toFixed(0)} packs ${yuan(eng.v)}, ` +
        `reference ${inf.x.toFixed(0)} packs ${yuan(inf.v)}${rsText}, oracle ${oracle.avgStock.toFixed(0)} packs ${yuan(oracle.avgValueCents)} (fill ${f3(oracle.sold / oracle.demand)}); ` +
        `engine/reference ${f3(eng.x / inf.x)}${notes.length ? ` [${notes.join(', ')}]` : ''}`,
    );
  }
}

for (const scenario of SCENARIOS) {
  const oracle = pooledByLevel(scenario.id, 'oracle')[0]!;
  const n = SEEDS.length;
  log(`${scenario.label} — pooled over ${n} seeds (per seed: stock in packs and ¥ at cost)`);
  log(`  policy          fill    stock(packs)  vs-oracle  stock(¥)   festival-fill  ${SEGMENTS.join(' / ')} fill`);
  const families: Family[] = ['oracle', 'engine', 'informed', 'rs', 'lastweek', 'minmax', 'lastyear'];
  for (const f of families) {
    for (const r of pooledByLevel(scenario.id, f)) {
      const name = f === 'oracle' ? 'oracle' : `${f}${f === 'engine' || f === 'informed' ? '@' : f === 'rs' ? ' z=' : '×'}${r.level}`;
      log(
        `  ${name.padEnd(15)} ${(r.sold / r.demand).toFixed(4)}  ${(r.avgStock / n).toFixed(0).padStart(8)}      ${f3(r.avgStock / oracle.avgStock)}  ` +
          `${yuan(r.avgValueCents / n).padStart(8)}   ${r.festival.demand > 0 ? f3(r.festival.sold / r.festival.demand) : '-'}          ` +
          SEGMENTS.map((s) => f3(r.segments[s].sold / r.segments[s].demand)).join(' / ') +
          (scenario.real
            ? `; rationed ${(r.rationedPacks / n).toFixed(0)} packs, over budget ${(r.unpaidPacks / n).toFixed(0)} packs, ${(r.heldOrders / n).toFixed(1)} orders under a minimum, shrink ${(r.shrunkPacks / n).toFixed(0)} packs` +
              (Object.keys(r.caps).length
                ? `, engine caps ${Object.entries(r.caps)
                    .map(([k, v]) => `${k} ${(v / n).toFixed(0)}`)
                    .join(', ')}`
                : '')
            : ''),
      );
    }
  }
}

const ref = meanAndHi(perSeed['twice-weekly:ref']!);
const weekly = meanAndHi(perSeed['weekly:ref']!);
const oracleRatio = meanAndHi(perSeed['twice-weekly:oracle']!);
const infOracle = meanAndHi(perSeed['twice-weekly:inf-oracle']!);
const rsRatio = meanAndHi(perSeed['rs']!);
const engineAt = pooledByLevel('twice-weekly', 'engine').find((r) => r.level === SETTING)!;
const refAt = pooledByLevel('twice-weekly', 'informed').find((r) => r.level === SETTING)!;
const festivalFill = engineAt.festival.sold / engineAt.festival.demand;
let worstGap = -Infinity;
let worstSegment = '';
for (const s of SEGMENTS) {
  const gap = refAt.segments[s].sold / refAt.segments[s].demand - engineAt.segments[s].sold / engineAt.segments[s].demand;
  if (gap > worstGap) {
    worstGap = gap;
    worstSegment = s;
  }
}
log(
  `reference (same floor and rule, true demand) at ${TARGET_FILL} fill: ${f3(infOracle.mean)}× the oracle's stock; engine ${f3(oracleRatio.mean)}×`,
);
log(
  `target ref_ratio ≤ 1.06 (upper bound ≤ 1.08): ${f3(ref.mean)} (hi ${f3(ref.hi)}) → ${ref.mean <= 1.06 && ref.hi <= 1.08 ? 'met' : 'NOT met'}`,
);
log(`target festival_fill ≥ 0.97: ${f3(festivalFill)} → ${festivalFill >= 0.97 ? 'met' : 'NOT met'}`);
log(`target weekly_ref_ratio ≤ 1.06: ${f3(weekly.mean)} (hi ${f3(weekly.hi)}) → ${weekly.mean <= 1.06 ? 'met' : 'NOT met'}`);
log(`target worst_segment_gap ≤ 0.01: ${f3(worstGap)} (${worstSegment}) → ${worstGap <= 0.01 ? 'met' : 'NOT met'}`);
log(`target rs_ratio ≥ 1.10: ${f3(rsRatio.mean)} → ${rsRatio.mean >= 1.1 ? 'met' : 'NOT met'}`);

// ---------------------------------------------------------------- chart and timing in Chromium

async function timeIn(page: Page, runs: number): Promise<TimingResult> {
  return page.evaluate(([n, days, r]) => globalThis.reorderTiming.run(7, n, days, r), [TIMING_PRODUCTS, DAYS, runs] as const);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let browser: Browser | undefined;
let computeMs = NaN;
let compute4xMs = NaN;
try {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const oracle = pooledByLevel('twice-weekly', 'oracle')[0]!;
  const families: Family[] = ['informed', 'rs', ...(BASELINES ? (['lastweek', 'minmax', 'lastyear'] as Family[]) : []), 'engine'];
  const curves: Curve[] = families.map((f) => ({
    name: f,
    points: pooledByLevel('twice-weekly', f).map((r) => ({
      x: r.avgStock / oracle.avgStock,
      y: r.sold / r.demand,
      label: f === 'engine' || f === 'informed' ? `${Math.round(r.level * 1000) / 10}%` : f === 'rs' ? `z=${r.level}` : `×${r.level}`,
    })),
  }));
  const svg = renderChart(curves, {
    title: `Reorder policies: fill rate vs average stock (${SEEDS.length} seeds × ${PRODUCTS} products, last year replayed, lead 2 d, orders Mon+Thu)`,
    oracle: { x: 1, y: oracle.sold / oracle.demand },
  });
  writeFileSync(`${outDir}reorder-curves.svg`, svg);
  const chartPage = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await chartPage.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
  await chartPage.locator('svg').screenshot({ path: `${outDir}reorder-curves.png` });
  await chartPage.close();
  log(`chart: ${outDir}reorder-curves.png`);

  if (TIMING) {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./timing-page.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'warning',
    });
    const page = await browser.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.setContent('<!doctype html><html><body>reorder timing</body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    log(`timing suggestOrders in Chromium: ${TIMING_PRODUCTS} products × ${DAYS} days of history, ${TIMING_RUNS} runs…`);
    const timing = await timeIn(page, TIMING_RUNS);
    computeMs = median(timing.runsMs);
    log(
      `timing: ${timing.historyRows} history rows, ${timing.suggestions} suggestions (${timing.orderedProducts} to order); ` +
        `runs ms ${timing.runsMs.map((v) => v.toFixed(1)).join(' ')}; median ${computeMs.toFixed(1)}`,
    );
    // About a Raspberry Pi 4: the same page with the CPU throttled 4× through the DevTools protocol.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const slow = await timeIn(page, Math.max(3, Math.ceil(TIMING_RUNS / 2)));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    compute4xMs = median(slow.runsMs);
    log(`timing at 4× CPU throttling: runs ms ${slow.runsMs.map((v) => v.toFixed(1)).join(' ')}; median ${compute4xMs.toFixed(1)}`);
    log(
      `target compute ≤ 100 ms: ${computeMs <= 100 ? 'met' : 'NOT met'}; compute at 4× ≤ 400 ms: ${compute4xMs <= 400 ? 'met' : 'NOT met'}`,
    );
  }
} finally {
  await browser?.close();
}

writeFileSync(
  `${outDir}reorder-results.json`,
  JSON.stringify({ seeds: SEEDS, products: PRODUCTS, days: DAYS, computeMs, compute4xMs, perSeed, runs }, null, 2),
);
log(`total ${((Date.now() - tStart) / 1000).toFixed(1)} s`);

console.log(
  `bench:reorder seeds=${SEEDS.length} skus=${TIMING_PRODUCTS} days=${DAYS} compute_ms=${computeMs.toFixed(1)} compute_4x_ms=${compute4xMs.toFixed(1)} ` +
    `ref_ratio=${f3(ref.mean)} ref_ratio_hi=${f3(ref.hi)} festival_fill=${f3(festivalFill)} weekly_ref_ratio=${f3(weekly.mean)} ` +
    `worst_segment_gap=${f3(worstGap)} oracle_ratio=${f3(oracleRatio.mean)} rs_ratio=${f3(rsRatio.mean)}`,
);
