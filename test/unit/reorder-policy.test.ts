import { describe, expect, it } from 'vitest';
import { bestChoice, orderChoices, shortagePrice } from '../../src/domain/reorder/policy.ts';

describe('orderChoices by hand', () => {
  // One pack a day, lead time 1 day, review cycle 1 day, loose packs, nothing on the shelf.
  // Demand to the end of day 0: Poisson(1); to the end of day 1: Poisson(2).
  // E[(D − x)⁺] for x = 0…3: Poisson(2) 2, 1.1353, 0.5413, 0.2180; Poisson(1) 1, 0.3679, 0.1036, 0.0233.
  const c = orderChoices({ daily: [1, 1], variance: 2, normal: false }, 0, 1, 1);
  it('lists shortage and shelf stock for each order', () => {
    expect(c.cycleDemand).toBe(1);
    expect(c.lostIfNothing).toBeCloseTo(2, 6);
    // lost = E[(D₂ − x)⁺] − E[(D₁ − x)⁺]
    expect(c.lost.slice(0, 4).map((v) => Number(v.toFixed(4)))).toEqual([1, 0.7675, 0.4377, 0.1947]);
    // stock at the end of the cycle's day = x − 2 + E[(D₂ − x)⁺]
    expect(c.hold.slice(0, 4).map((v) => Number(v.toFixed(4)))).toEqual([0, 0.1353, 0.5413, 1.218]);
    // listed until almost nothing is short
    expect(c.lost.at(-1)!).toBeLessThanOrEqual(1e-4);
  });
  it('the best order rises with the shortage price', () => {
    // switches 0→1 above 0.1353/0.2325 = 0.58, 1→2 above 0.406/0.3297 = 1.23, 2→3 above 0.6767/0.243 = 2.78
    expect([0.5, 1, 2, 3].map((p) => bestChoice(c, p))).toEqual([0, 1, 2, 3]);
  });
  it("never below the floor of the product's own demand", () => {
    // serving 60% allows 0.4 short: 3 packs (0.1947) is the first that does
    expect(bestChoice(c, 0, 0.6)).toBe(3);
  });
  it('the shop price is the lowest that meets the fill-rate target', () => {
    // 50%: at most 0.5 short → 2 packs, reached just above the 1→2 switch price
    expect(shortagePrice([c], 0.5)).toBeCloseTo(0.406 / 0.3297, 2);
  });
});

describe('one price for the shop', () => {
  it('puts the safety stock where it serves the most demand', () => {
    // a steady seller in loose packs and a slow one in cases of 24, both empty
    const fast = orderChoices({ daily: new Array(5).fill(10), variance: 50, normal: true }, 0, 1, 2);
    const slow = orderChoices({ daily: new Array(5).fill(0.1), variance: 0.5, normal: false }, 0, 24, 2);
    const price = shortagePrice([fast, slow], 0.97);
    const nf = bestChoice(fast, price);
    const ns = bestChoice(slow, price);
    // the case of 24 for 0.3 packs of demand is not worth holding; the fast seller covers the target
    expect(ns).toBe(0);
    const lost = fast.lost[nf]! + slow.lost[ns]!;
    expect(lost).toBeLessThanOrEqual(0.03 * (fast.cycleDemand + slow.cycleDemand) + 1e-9);
    // and not by much more than it needs: one pack fewer misses the target
    expect(fast.lost[nf - 1]! + slow.lost[ns]!).toBeGreaterThan(0.03 * (fast.cycleDemand + slow.cycleDemand));
    // with a floor of 80% of its own demand the slow seller gets its case
    const withFloor = shortagePrice([fast, slow], 0.97, 0.8);
    expect(bestChoice(slow, withFloor, 0.8)).toBe(1);
  });
  it('an unreachable target takes the highest price; no demand the lowest', () => {
    const none = orderChoices({ daily: [0, 0, 0], variance: 0, normal: false }, 0, 10, 1);
    expect(none.cycleDemand).toBe(0);
    expect(bestChoice(none, shortagePrice([none], 0.97))).toBe(0);
    expect(shortagePrice([], 0.97)).toBeLessThan(0.01);
  });
});
