/**
 * bench:reorder — is the reorder advice good? (issue 4, "Proof")
 *
 * 1. Simulates a shop's demand (bench/reorder/simulator.ts) for several seeds,
 *    warms up two years of censored sales history, then replays the last year
 *    day by day under the engine, three baselines and a perfect-foresight
 *    policy, all on the same demand paths.
 * 2. Sweeps the engine's service level and each baseline's level multiplier
 *    and draws fill rate against average stock: bench/out/reorder-curves.png.
 * 3. Times suggestOrders on 500 products × 1095 days of history inside
 *    Debian's Chromium (median of several runs).
 *
 * Last line:
 *   bench:reorder skus=500 days=1095 compute_ms=X fill_rate=F stock_vs_oracle=R
 *   lastweek_fill_rate=F1 lastweek_stock_vs_oracle=R1 minmax_fill_rate=F2
 *   minmax_stock_vs_oracle=R2 lastyear_fill_rate=F3 lastyear_stock_vs_oracle=R3
 * (the engine at the default service level 0.97, baselines at multiplier 1.0,
 * stock as a ratio to the perfect-foresight policy's average stock).
 *
 * Options (env): BENCH_SEEDS (3), BENCH_PRODUCTS (300, the replay),
 * BENCH_TIMING_PRODUCTS (500), BENCH_TIMING_RUNS (9), BENCH_SWEEP (1; 0 = only the default points).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../test/helpers/chromium.mjs';
import { simulate, type Simulation } from './simulator.ts';
import {
  cloneState, informedPolicy, lastWeekPolicy, lastYearPolicy, minMaxPolicy, oraclePolicy, replay, setupReplay,
  type Policy, type ReplayMetrics, type ReplaySetup,
} from './replay.ts';
import { enginePolicy } from './engine-policy.ts';
import { renderChart, type Curve } from './chart.ts';
import type { TimingResult } from './timing-page.ts';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 3);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 300);
const TIMING_PRODUCTS = Number(process.env.BENCH_TIMING_PRODUCTS ?? 500);
const TIMING_RUNS = Number(process.env.BENCH_TIMING_RUNS ?? 9);
const SWEEP = process.env.BENCH_SWEEP !== '0';
const DAYS = 1095;
const SERVICE_LEVELS = SWEEP ? [0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995] : [0.97];
const INFORMED_LEVELS = SWEEP ? [0.9, 0.95, 0.97, 0.98, 0.99, 0.995] : [];
const MULTIPLIERS = SWEEP ? [0.8, 1.0, 1.2, 1.4, 1.6] : [1.0];
const DEFAULT_SL = 0.97;
const DEFAULT_K = 1.0;

const log = (line: string) => console.log(`# ${line}`);
const outDir = fileURLToPath(new URL('../out/', import.meta.url));
mkdirSync(outDir, { recursive: true });

// ---------------------------------------------------------------- replay

type Family = 'engine' | 'lastweek' | 'minmax' | 'lastyear' | 'oracle' | 'informed';
interface Config {
  family: Family;
  level: number;
  make(setup: ReplaySetup, sim: Simulation): Policy;
}
const configs: Config[] = [
  { family: 'oracle', level: 1, make: () => oraclePolicy() },
  ...SERVICE_LEVELS.map((sl): Config => ({ family: 'engine', level: sl, make: () => enginePolicy({ serviceLevel: sl }) })),
  ...MULTIPLIERS.map((k): Config => ({ family: 'lastweek', level: k, make: () => lastWeekPolicy(k) })),
  ...MULTIPLIERS.map((k): Config => ({ family: 'minmax', level: k, make: (s) => minMaxPolicy(k, s) })),
  ...MULTIPLIERS.map((k): Config => ({ family: 'lastyear', level: k, make: () => lastYearPolicy(k) })),
  ...INFORMED_LEVELS.map((sl): Config => ({ family: 'informed', level: sl, make: (_, sim) => informedPolicy(sim, sl) })),
];

interface Pooled {
  family: Family;
  level: number;
  demand: number;
  sold: number;
  stockoutDays: number;
  productDays: number;
  avgStock: number;
  avgStockValueCents: number;
  biasNum: number;
  biasDen: number;
  rmsse: number[];
  ms: number;
}
const pooled = new Map<string, Pooled>();
/** Where the fill and the stock go, at the default points: by kind of product. */
type Segment = 'regular' | 'slow' | 'new in the replayed year';
const SEGMENTS: Segment[] = ['regular', 'slow', 'new in the replayed year'];
const segments = new Map<string, Record<Segment, { demand: number; sold: number; stockDays: number }>>();
const key = (f: Family, level: number) => `${f}@${level}`;

const tStart = Date.now();
for (let seed = 1; seed <= SEEDS; seed++) {
  const t0 = Date.now();
  const sim = simulate({ seed, products: PRODUCTS, days: DAYS });
  const setup = setupReplay(sim, { leadTimeDays: 2, orderDays: [1, 4], replayDays: 365 });
  const warmOut = setup.state.stockout.reduce((a, s, p) => {
    for (let d = Math.max(0, sim.products[p]!.startDay); d < setup.replayStart; d++) a += s[d]!;
    return a;
  }, 0);
  log(
    `seed ${seed}: ${PRODUCTS} products, ${DAYS} days from ${sim.startDay}; replaying ${sim.dayStrings[setup.replayStart]} … ${sim.dayStrings[setup.end - 1]}` +
      ` (warm-up history has ${warmOut} censored product-days; built in ${Date.now() - t0} ms)`,
  );
  for (const c of configs) {
    const t1 = Date.now();
    const state = cloneState(setup.state);
    const m: ReplayMetrics = replay(setup.world, state, c.make(setup, sim), setup.end);
    const k = key(c.family, c.level);
    const acc = pooled.get(k) ?? {
      family: c.family, level: c.level, demand: 0, sold: 0, stockoutDays: 0, productDays: 0,
      avgStock: 0, avgStockValueCents: 0, biasNum: 0, biasDen: 0, rmsse: [], ms: 0,
    };
    acc.demand += m.demand;
    acc.sold += m.sold;
    acc.stockoutDays += m.stockoutDays;
    acc.productDays += m.productDays;
    acc.avgStock += m.avgStock;
    acc.avgStockValueCents += m.avgStockValueCents;
    if (m.bias !== null) {
      acc.biasNum += m.bias * m.demand;
      acc.biasDen += m.demand;
    }
    if (m.rmsse !== null) acc.rmsse.push(m.rmsse);
    acc.ms += Date.now() - t1;
    if (c.family === 'oracle' ? true : c.level === (c.family === 'engine' || c.family === 'informed' ? DEFAULT_SL : DEFAULT_K)) {
      const seg = segments.get(c.family) ?? {
        regular: { demand: 0, sold: 0, stockDays: 0 }, slow: { demand: 0, sold: 0, stockDays: 0 },
        'new in the replayed year': { demand: 0, sold: 0, stockDays: 0 },
      };
      sim.products.forEach((prod, p) => {
        const s = seg[prod.startDay >= setup.replayStart ? 'new in the replayed year' : prod.kind];
        s.demand += m.byProduct.demand[p]!;
        s.sold += m.byProduct.sold[p]!;
        s.stockDays += m.byProduct.stockDays[p]!;
      });
      segments.set(c.family, seg);
    }
    pooled.set(k, acc);
    if (c.family === 'engine' || c.level === DEFAULT_K) {
      log(`  seed ${seed} ${m.policy}: fill ${m.fillRate.toFixed(4)}, avg stock ${m.avgStock.toFixed(0)} packs, ${Date.now() - t1} ms`);
    }
  }
}
log(`replays done in ${((Date.now() - tStart) / 1000).toFixed(1)} s`);

const oracle = pooled.get(key('oracle', 1))!;
const fill = (p: Pooled) => p.sold / p.demand;
const ratio = (p: Pooled) => p.avgStock / oracle.avgStock;
const get = (f: Family, level: number) => pooled.get(key(f, level))!;

log(`policy          fill    stockout-days  avg-stock(packs)  vs-oracle  stock-value(¥)  bias     RMSSE`);
for (const p of pooled.values()) {
  const sep = p.family === 'engine' || p.family === 'informed' ? '@' : '×';
  const name = p.family === 'oracle' ? 'oracle' : `${p.family}${sep}${p.level}`;
  const bias = p.biasDen > 0 ? (p.biasNum / p.biasDen).toFixed(3).padStart(7) : '      -';
  const rmsse = p.rmsse.length ? (p.rmsse.reduce((a, b) => a + b, 0) / p.rmsse.length).toFixed(3) : '-';
  log(
    `${name.padEnd(15)} ${fill(p).toFixed(4)}  ${((100 * p.stockoutDays) / p.productDays).toFixed(2).padStart(6)}%       ` +
      `${(p.avgStock / SEEDS).toFixed(0).padStart(8)}          ${ratio(p).toFixed(3)}      ${(p.avgStockValueCents / SEEDS / 100).toFixed(0).padStart(8)}  ${bias}  ${rmsse}`,
  );
}

for (const s of SEGMENTS) {
  const o = segments.get('oracle')![s];
  const parts = [...segments.entries()].map(([f, seg]) =>
    `${f} ${(seg[s].sold / seg[s].demand).toFixed(3)}/${(seg[s].stockDays / o.stockDays).toFixed(2)}×`);
  log(`segment ${s} (fill/stock vs oracle; engine@${DEFAULT_SL}, baselines ×${DEFAULT_K}, informed@${DEFAULT_SL}): ${parts.join(', ')}`);
}

// ---------------------------------------------------------------- targets

const engine = get('engine', DEFAULT_SL);
const baselines: Family[] = ['lastweek', 'minmax', 'lastyear'];
log(
  `target engine fill ≥ 0.98 with stock ≤ 1.3× oracle: fill ${fill(engine).toFixed(3)}, stock ${ratio(engine).toFixed(3)}× → ` +
    (fill(engine) >= 0.98 && ratio(engine) <= 1.3 ? 'met' : 'NOT met'),
);
type Point = { x: number; y: number };
/**
 * Linear interpolation along a curve: the y at a given x (`by` 'x') or the x at
 * a given y (`by` 'y'); undefined outside the curve. Where two points share the
 * coordinate, the better of the two: more fill, or less stock.
 */
function interpolate(points: Point[], at: number, by: 'x' | 'y'): number | undefined {
  const other = by === 'x' ? 'y' : 'x';
  const pts = [...points].sort((a, b) => a[by] - b[by]);
  if (pts.length === 1) return Math.abs(pts[0]![by] - at) < 1e-9 ? pts[0]![other] : undefined;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    if (at < a[by] || at > b[by]) continue;
    if (b[by] === a[by]) return by === 'x' ? Math.max(a.y, b.y) : Math.min(a.x, b.x);
    return a[other] + ((b[other] - a[other]) * (at - a[by])) / (b[by] - a[by]);
  }
  return undefined;
}
const curveOf = (f: Family, levels: number[]): Point[] => levels.map((l) => ({ x: ratio(get(f, l)), y: fill(get(f, l)) }));
const need = (f: Family, levels: number[]) => {
  const x = interpolate(curveOf(f, levels), 0.98, 'y');
  return x === undefined ? 'outside the sweep' : `${x.toFixed(3)}×`;
};
log(`stock for 0.98 fill along the curves: engine ${need('engine', SERVICE_LEVELS)}, informed reference ${need('informed', INFORMED_LEVELS)}`);
const dominating: string[] = [];
for (const b of baselines) {
  for (const k of MULTIPLIERS) {
    const p = get(b, k);
    if (fill(p) > fill(engine) && ratio(p) < ratio(engine)) dominating.push(`${b}×${k}`);
  }
}
log(`target no baseline both serves more and holds less than engine@${DEFAULT_SL}: ${dominating.length === 0 ? 'met' : `NOT met (${dominating.join(', ')})`}`);

const engineCurve = curveOf('engine', SERVICE_LEVELS).sort((a, b) => a.x - b.x);
let curvesOk = true;
let uncovered = 0;
for (const b of baselines) {
  const notes: string[] = [];
  let above = 0;
  let compared = 0;
  for (const k of MULTIPLIERS) {
    const p = get(b, k);
    const x = ratio(p);
    const y = fill(p);
    const e = interpolate(engineCurve, x, 'x');
    if (e === undefined) {
      const lowest = engineCurve[0]!;
      if (x < lowest.x) {
        // less stock than the engine's leanest point: no engine point to compare with, unless it also serves less than that point
        if (y <= lowest.y) notes.push(`×${k} (${x.toFixed(2)}× stock, fill ${y.toFixed(4)}) below the engine's stock range, serves less than its leanest point`);
        else {
          notes.push(`×${k} (${x.toFixed(2)}× stock, fill ${y.toFixed(4)}) below the engine's stock range and not comparable`);
          uncovered++;
        }
        continue;
      }
      // more stock than the engine's fullest point: the engine is better if some engine point has less stock and more fill
      const beaten = engineCurve.some((pt) => pt.x <= x && pt.y >= y);
      notes.push(`×${k} (${x.toFixed(2)}× stock) beyond the engine's range: ${beaten ? 'an engine point has less stock and more fill' : 'no engine point beats it'}`);
      if (!beaten) curvesOk = false;
      continue;
    }
    compared++;
    if (e >= y) above++;
    else {
      curvesOk = false;
      notes.push(`×${k}: baseline ${y.toFixed(4)} vs engine ${e.toFixed(4)} at ${x.toFixed(2)}× stock`);
    }
  }
  log(`curve engine vs ${b}: engine above at ${above}/${compared} comparable points${notes.length ? `; ${notes.join('; ')}` : ''}`);
}
log(`target engine's curve above every baseline's: ${curvesOk ? 'met' : 'NOT met'}${uncovered ? ` (${uncovered} baseline points below the engine's stock range not comparable)` : ''}`);

// ---------------------------------------------------------------- chart and timing in Chromium

const results = [...pooled.values()].map((p) => ({
  family: p.family, level: p.level, fillRate: fill(p), stockVsOracle: ratio(p), avgStockPacks: p.avgStock / SEEDS,
  stockoutDayShare: p.stockoutDays / p.productDays, bias: p.biasDen > 0 ? p.biasNum / p.biasDen : null,
  rmsse: p.rmsse.length ? p.rmsse.reduce((a, b) => a + b, 0) / p.rmsse.length : null,
}));

let browser: Browser | undefined;
let computeMs = NaN;
try {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });

  const levelsOf = (f: Family) => (f === 'engine' ? SERVICE_LEVELS : f === 'informed' ? INFORMED_LEVELS : MULTIPLIERS);
  const labelOf = (f: Family, level: number) => (f === 'engine' || f === 'informed' ? `${Math.round(level * 1000) / 10}%` : `×${level}`);
  const families: Family[] = [...(INFORMED_LEVELS.length ? (['informed'] as Family[]) : []), ...baselines, 'engine'];
  const curves: Curve[] = families.map((f) => ({
    name: f,
    points: levelsOf(f).map((level) => ({ x: ratio(get(f, level)), y: fill(get(f, level)), label: labelOf(f, level) })),
  }));
  const svg = renderChart(curves, {
    title: `Reorder policies: fill rate vs average stock (${SEEDS} seeds × ${PRODUCTS} products, last year replayed, lead 2 d, orders Mon+Thu)`,
    oracle: { x: 1, y: fill(oracle) },
  });
  writeFileSync(`${outDir}reorder-curves.svg`, svg);
  const chartPage = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await chartPage.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
  await chartPage.locator('svg').screenshot({ path: `${outDir}reorder-curves.png` });
  await chartPage.close();
  log(`chart: ${outDir}reorder-curves.png`);

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
  const timing: TimingResult = await page.evaluate(
    ([n, days, runs]) => globalThis.reorderTiming.run(7, n, days, runs),
    [TIMING_PRODUCTS, DAYS, TIMING_RUNS] as const,
  );
  const sorted = [...timing.runsMs].sort((a, b) => a - b);
  computeMs = sorted[Math.floor(sorted.length / 2)]!;
  log(
    `timing: ${timing.historyRows} history rows, ${timing.suggestions} suggestions (${timing.orderedProducts} to order); ` +
      `runs ms ${timing.runsMs.map((v) => v.toFixed(1)).join(' ')}; median ${computeMs.toFixed(1)}`,
  );
  log(`target compute ≤ 100 ms: ${computeMs <= 100 ? 'met' : 'NOT met'}`);
} finally {
  await browser?.close();
}

writeFileSync(
  `${outDir}reorder-results.json`,
  JSON.stringify({ seeds: SEEDS, products: PRODUCTS, days: DAYS, computeMs, results }, null, 2),
);
log(`total ${((Date.now() - tStart) / 1000).toFixed(1)} s`);

const f3 = (v: number) => v.toFixed(3);
const def = (f: Family) => get(f, DEFAULT_K);
console.log(
  `bench:reorder skus=${TIMING_PRODUCTS} days=${DAYS} compute_ms=${computeMs.toFixed(1)} ` +
    `fill_rate=${f3(fill(engine))} stock_vs_oracle=${f3(ratio(engine))} ` +
    `lastweek_fill_rate=${f3(fill(def('lastweek')))} lastweek_stock_vs_oracle=${f3(ratio(def('lastweek')))} ` +
    `minmax_fill_rate=${f3(fill(def('minmax')))} minmax_stock_vs_oracle=${f3(ratio(def('minmax')))} ` +
    `lastyear_fill_rate=${f3(fill(def('lastyear')))} lastyear_stock_vs_oracle=${f3(ratio(def('lastyear')))}`,
);
