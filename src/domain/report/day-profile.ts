/**
 * Hourly rollups for ledgers that only know a day's sales per product: the demo
 * shop (one sale movement per product and day) and the report benchmark. A
 * day's money and packs are spread over a small shop's opening hours with a
 * fixed profile, and each hour gets sales and waiting times drawn from a seeded
 * generator, so the report shows a believable day. Never used for the shop's
 * real sales: those are rolled up as each sale closes.
 */
import type { HourlyTotal } from './rollups.ts';

/** Share of a day's trade in each hour 7:00–22:00 (morning, lunch and evening peaks). */
const PROFILE: readonly (readonly [hour: number, weight: number])[] = [
  [7, 4],
  [8, 7],
  [9, 6],
  [10, 5],
  [11, 6],
  [12, 8],
  [13, 6],
  [14, 4],
  [15, 4],
  [16, 5],
  [17, 8],
  [18, 10],
  [19, 9],
  [20, 8],
  [21, 6],
  [22, 4],
];
const WEIGHT = PROFILE.reduce((sum, [, w]) => sum + w, 0);
/** Packs an average customer buys. */
const PACKS_PER_SALE = 1.6;

/** Split `amount` over the profile's weights, whole units, summing exactly (largest remainder). */
function split(amount: number): number[] {
  const exact = PROFILE.map(([, w]) => (amount * w) / WEIGHT);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]! += 1;
  return parts;
}

/** One day's hourly totals for `salesCents` and `packs` sold that day; `random` in [0, 1). */
export function spreadDayOverHours(day: string, salesCents: number, packs: number, random: () => number): HourlyTotal[] {
  if (packs <= 0) return [];
  const money = split(salesCents);
  const packsByHour = split(packs);
  const hours: HourlyTotal[] = [];
  PROFILE.forEach(([hour, weight], i) => {
    const p = packsByHour[i]!;
    if (p === 0 && money[i] === 0) return;
    const sales = p > 0 ? Math.max(1, Math.round(p / PACKS_PER_SALE)) : 0;
    const waitSeconds: number[] = [];
    // Busier hours queue longer: a base of 15–45 s plus up to a minute more at the peak.
    for (let s = 0; s < sales; s++) waitSeconds.push(Math.round(15 + random() * 30 + random() * 60 * (weight / 10)));
    hours.push({ day, hour, salesCents: money[i]!, packs: p, sales, reversals: 0, waitSeconds });
  });
  return hours;
}
