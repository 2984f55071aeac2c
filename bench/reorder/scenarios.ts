/**
 * What bench.ts replays: the supply scenarios, the policy families with the
 * levels each is swept over, and the product segments fill is read by.
 */
import { averageDemandInterval, type Simulation } from './simulator.ts';
import { enginePolicy } from './engine-policy.ts';
import { informedPolicy, lastWeekPolicy, lastYearPolicy, minMaxPolicy, oraclePolicy, rsPolicy } from './policies.ts';
import type { Policy, ReplaySetup } from './world.ts';

/** The engine's and the reference's service-level setting the figures are read at. */
export const SETTING = 0.98;
const MULTIPLIERS = [0.8, 1.0, 1.2, 1.4, 1.6];

/** The levels swept per family: only the points around 0.98 fill (the machine is shared), or wider for the chart. */
export interface Sweep {
  engine: number[];
  informed: number[];
  rsZ: number[];
  /** the three shop baselines too */
  baselines: boolean;
}
export function sweepOf(wide: boolean, baselines: boolean): Sweep {
  return {
    engine: wide ? [0.95, 0.97, 0.98, 0.99, 0.995] : [0.97, 0.98, 0.99],
    informed: wide ? [0.95, 0.97, 0.98, 0.99, 0.995] : [0.97, 0.98],
    rsZ: wide ? [1, 1.5, 2, 2.5, 3] : [1, 1.5, 2],
    baselines,
  };
}

export interface Scenario {
  id: 'twice-weekly' | 'weekly' | 'real-supply';
  orderDays: number[];
  leadTimeDays: number;
  label: string;
  real?: boolean;
}
export const ALL_SCENARIOS: Scenario[] = [
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

export type Family = 'engine' | 'informed' | 'rs' | 'lastweek' | 'minmax' | 'lastyear' | 'oracle';
interface Config {
  family: Family;
  level: number;
  make(setup: ReplaySetup, sim: Simulation): Policy;
}
export function configsFor(scenario: Scenario, sweep: Sweep): Config[] {
  if (scenario.real) {
    return [
      { family: 'oracle', level: 1, make: () => oraclePolicy() },
      { family: 'engine', level: SETTING, make: () => enginePolicy({ serviceLevel: SETTING }) },
      { family: 'informed', level: SETTING, make: (_, sim) => informedPolicy(sim, SETTING) },
    ];
  }
  const list: Config[] = [
    { family: 'oracle', level: 1, make: () => oraclePolicy() },
    ...sweep.engine.map((sl): Config => ({ family: 'engine', level: sl, make: () => enginePolicy({ serviceLevel: sl }) })),
    ...sweep.informed.map((sl): Config => ({ family: 'informed', level: sl, make: (_, sim) => informedPolicy(sim, sl) })),
  ];
  if (scenario.id === 'twice-weekly') {
    list.push(...sweep.rsZ.map((z): Config => ({ family: 'rs', level: z, make: () => rsPolicy(z) })));
    if (sweep.baselines) {
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
export type Segment = 'seasonal regular' | 'intermittent regular' | 'slow' | 'new';
export const SEGMENTS: Segment[] = ['seasonal regular', 'intermittent regular', 'slow', 'new'];
export function segmentsOf(sim: Simulation, replayStart: number): Segment[] {
  return sim.products.map((p, i) => {
    if (p.startDay >= replayStart) return 'new';
    if (p.kind === 'slow') return 'slow';
    const adi = averageDemandInterval(sim.demand[i]!, Math.max(p.startDay, replayStart - 365), replayStart);
    return adi > 1.32 ? 'intermittent regular' : 'seasonal regular';
  });
}
