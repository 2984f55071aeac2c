import { describe, expect, it } from 'vitest';
import { SPRING_FESTIVAL, dayIndex } from '../../src/domain/reorder/calendar.ts';
import { averageDemandInterval, festivalMultiplier, simulate } from '../../bench/reorder/simulator.ts';
import { oraclePolicy } from '../../bench/reorder/policies.ts';
import { replay } from '../../bench/reorder/replay.ts';
import { setupReplay } from '../../bench/reorder/setup.ts';
import { emptyState, protectionDays, type Policy, type World } from '../../bench/reorder/world.ts';

describe('demand simulator', () => {
  it('gives the same series for the same seed and different ones for another seed', () => {
    const a = simulate({ seed: 11, products: 30, days: 400 });
    const b = simulate({ seed: 11, products: 30, days: 400 });
    const c = simulate({ seed: 12, products: 30, days: 400 });
    expect(a.products).toEqual(b.products);
    for (let p = 0; p < 30; p++) expect(Array.from(a.demand[p]!)).toEqual(Array.from(b.demand[p]!));
    const same = a.demand.every((d, p) => d.every((v, t) => v === c.demand[p]![t]));
    expect(same).toBe(false);
  });

  it('does not change a product when more products are simulated', () => {
    const small = simulate({ seed: 5, products: 10, days: 200 });
    const large = simulate({ seed: 5, products: 40, days: 200 });
    for (let p = 0; p < 10; p++) expect(Array.from(large.demand[p]!)).toEqual(Array.from(small.demand[p]!));
  });

  it('puts the Spring Festival peak on the festival eve of each year (dates from the calendar table)', () => {
    const sim = simulate({ seed: 3, products: 120 });
    const start = dayIndex(sim.startDay);
    const years = [2023, 2024, 2025];
    for (const year of years) {
      const festival = dayIndex(SPRING_FESTIVAL[year]!) - start;
      // the busiest 7 days between 45 days before and 45 days after the festival
      let bestEnd = -1;
      let best = -1;
      for (let end = Math.max(6, festival - 45); end <= festival + 45; end++) {
        let sum = 0;
        for (const d of sim.demand) for (let t = end - 6; t <= end; t++) sum += d[t]!;
        if (sum > best) {
          best = sum;
          bestEnd = end;
        }
      }
      expect(sim.dayStrings[bestEnd], `${year}: busiest week should end on the eve of ${SPRING_FESTIVAL[year]}`).toBe(
        sim.dayStrings[festival - 1],
      );
    }
    // the multiplier itself: highest on the eve, a dip on the festival days
    expect(festivalMultiplier(-1, 1.5)).toBeCloseTo(2.5, 10);
    expect(festivalMultiplier(-2, 1.5)).toBeLessThan(festivalMultiplier(-1, 1.5));
    expect(festivalMultiplier(0, 1.5)).toBeLessThan(1);
    expect(festivalMultiplier(-60, 1.5)).toBe(1);
  });

  it('makes slow movers intermittent (ADI > 1.32) and most regular products not', () => {
    const sim = simulate({ seed: 1 });
    const slow = sim.products.filter((p) => p.kind === 'slow');
    expect(slow.length).toBeGreaterThan(30);
    for (const p of slow) expect(averageDemandInterval(sim.demand[p.index]!, p.startDay, sim.days), p.code).toBeGreaterThan(1.32);
    const regular = sim.products.filter((p) => p.kind === 'regular' && !p.isNew);
    const smoothShare = regular.filter((p) => averageDemandInterval(sim.demand[p.index]!, 0, sim.days) <= 1.32).length / regular.length;
    // regular products sell from about one a day up, so the slowest of them sit near the 1.32 line
    expect(smoothShare).toBeGreaterThan(0.6);
  });

  it('has products starting part-way, price-driven jumps and carton sizes 10 for cigarettes', () => {
    const sim = simulate({ seed: 2 });
    expect(sim.products.some((p) => p.isNew && p.startDay > 730)).toBe(true);
    for (const p of sim.products.filter((q) => q.isNew)) {
      for (let t = 0; t < p.startDay; t++) expect(sim.demand[p.index]![t]).toBe(0);
    }
    expect(sim.products.some((p) => p.priceChanges.length > 0)).toBe(true);
    for (const p of sim.products) expect(p.category === 'cigarettes' ? [10] : [1, 6, 24]).toContain(p.packsPerCarton);
  });
});

/** A one-product world with hand-written demand. */
function tinyWorld(demand: number[], orderDays: number[], leadTimeDays: number): World {
  return {
    dayStrings: demand.map((_, i) => `2025-01-${String(i + 6).padStart(2, '0')}`),
    weekdays: demand.map((_, i) => (1 + i) % 7), // day 0 is a Monday
    items: [{ code: 'A', category: 'snacks', orderUnit: 1, priceCents: 100, costCents: 80, startDay: 0 }],
    demand: [demand],
    introPacks: [0],
    leadTimeDays,
    orderDays,
  };
}

const nothing: Policy = { name: 'nothing', order: ({ world }) => ({ packs: new Int32Array(world.items.length) }) };

describe('replay', () => {
  it('loses the sales it has no stock for: demand 5, stock 3 → sold 3, lost 2, fill 0.6', () => {
    const world = tinyWorld([5], [], 2);
    const state = emptyState(world, 1);
    state.stock[0] = 3;
    const m = replay(world, state, nothing, 1);
    expect(m.demand).toBe(5);
    expect(m.sold).toBe(3);
    expect(m.lost).toBe(2);
    expect(m.fillRate).toBeCloseTo(0.6, 12);
    expect(m.stockoutDays).toBe(1);
    expect(state.sales[0]![0]).toBe(3);
    expect(state.stockout[0]![0]).toBe(1);
    expect(state.stock[0]).toBe(0);
  });

  it('delivers an order after the lead time, not before, and does not back-order lost sales', () => {
    // Monday: stock 3, demand 5 → sold 3; order 10 on Monday, lead 2 → arrives Wednesday morning
    const world = tinyWorld([5, 4, 4, 1], [1], 2);
    const state = emptyState(world, 4);
    state.stock[0] = 3;
    let seen: number[] = [];
    const once: Policy = {
      name: 'once',
      order: ({ t, state: s }) => {
        seen = Array.from(s.sales[0]!.slice(0, t));
        return { packs: [10] };
      },
    };
    const m = replay(world, state, once, 4);
    expect(seen).toEqual([]); // ordering happens before the day's sales
    expect(Array.from(state.sales[0]!)).toEqual([3, 0, 4, 1]);
    expect(m.lost).toBe(5 + 4 - 3);
    expect(m.fillRate).toBeCloseTo(8 / 14, 12);
    expect(state.stock[0]).toBe(5);
    expect(state.onOrder[0]).toBe(0);
    expect(protectionDays(world, 0)).toBe(2 + 7);
  });

  it('the perfect-foresight policy orders whole cartons on ordering days, like every other policy', () => {
    // Monday, lead 2, weekly: it must cover 9 days of 3 packs = 27 with stock 4 → 23 packs → 3 cartons of 10
    const world = tinyWorld(new Array(20).fill(3), [1], 2);
    world.items = [{ ...world.items[0]!, orderUnit: 10 }];
    const state = emptyState(world, 20);
    state.stock[0] = 4;
    const decision = oraclePolicy().order({
      world,
      state,
      t: 0,
      protectionDays: protectionDays(world, 0),
      active: [0],
      orderDays: [1],
      leadTimeDays: 2,
      stock: state.stock,
    });
    expect(decision.packs[0]).toBe(30);
    // over the days, only ordering days (Mondays) get orders, all in whole cartons
    const ordered: Array<[number, number]> = [];
    const spy: Policy = {
      name: 'spy',
      order: (ctx) => {
        const d = oraclePolicy().order(ctx);
        ordered.push([ctx.t, d.packs[0]!]);
        return d;
      },
    };
    replay(world, state, spy, 14);
    expect(ordered.map(([t]) => t)).toEqual([0, 7]);
    for (const [, packs] of ordered) expect(packs % 10).toBe(0);
  });

  it('the perfect-foresight policy never stocks out when the first lead time is covered', () => {
    const sim = simulate({ seed: 4, products: 60 });
    const { world } = setupReplay(sim, { replayDays: 0 }); // only to build the world
    const keep = world.items.map((_, p) => p).filter((p) => world.items[p]!.startDay === 0);
    const w: World = {
      ...world,
      items: keep.map((p) => world.items[p]!),
      demand: keep.map((p) => world.demand[p]!),
      introPacks: keep.map(() => 0),
    };
    const start = 730 + ((1 - w.weekdays[730]! + 7) % 7); // a Monday, an ordering day
    const state = emptyState(w, sim.days + sim.tail);
    state.day = start;
    keep.forEach((_, i) => {
      for (let t = start; t < start + w.leadTimeDays; t++) state.stock[i]! += w.demand[i]![t]!;
    });
    const m = replay(w, state, oraclePolicy(), sim.days);
    expect(m.demand).toBeGreaterThan(10_000);
    expect(m.lost).toBe(0);
    expect(m.stockoutDays).toBe(0);
    expect(m.fillRate).toBe(1);
  });
});
