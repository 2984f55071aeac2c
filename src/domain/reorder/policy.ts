/**
 * How many order units of each product: the ordering decision for a shop-wide
 * fill-rate target (issue 4, "Policy").
 *
 * For one product, each candidate order of n units leaves the shelf position
 * x = stock + on order + n × unit, and has two expected costs over the review
 * cycle it serves (the days from its delivery to the next delivery):
 *   hold(n) — packs on the shelf at the end of each of those days, summed;
 *   lost(n) — packs of demand that find the shelf empty.
 * Ordering chooses, for every product, the n that minimises
 * hold(n) + price × lost(n), with ONE shortage price for the whole shop: the
 * lowest price at which the shop's expected lost packs are at most
 * (1 − service level) of its expected demand. One price for every product is
 * the allocation that serves the most demand for the packs held (a pack of
 * safety stock goes where it prevents the most lost sales). Left alone, that
 * allocation would give up on slow sellers that come in big cases (a case of
 * 24 for a drink that sells one a week), so each product also keeps a floor:
 * the order never serves less than `floor` of its own demand. Whole cartons are
 * part of the choice instead of a rounding on top of it, so a carton's
 * leftover counts as the safety stock it is.
 *
 * Lost sales are not back-ordered; the demand over the days before the
 * delivery is modelled as if it were (the usual approximation), which errs
 * towards ordering a little more.
 */
import { countDistribution, normalExpectedShortfall } from './stats.ts';

/** What the forecast says about the demand of the protection interval. */
export interface DemandOutlook {
  /** expected demand per day, today first (protection-interval days) */
  daily: ArrayLike<number>;
  /** variance of the interval's total demand (forecast error included) */
  variance: number;
  /** normal approximation (large volumes) instead of a count distribution */
  normal: boolean;
}

export interface OrderChoices {
  /** hold[n]: expected packs on the shelf, summed over the ends of the review cycle's days, with n units ordered */
  hold: number[];
  /** lost[n]: expected packs short in the review cycle with n units ordered */
  lost: number[];
  /** expected demand of the review cycle (the days after the lead time) */
  cycleDemand: number;
  /** E[(interval demand − position)⁺] with nothing ordered: what the interval loses if nothing is ordered */
  lostIfNothing: number;
  /** the shelf position the choices start from (stock + on order, never below 0); n units bring it to position + n × unit */
  position: number;
}

/** Stop listing larger orders once the cycle's expected shortage is below this share of its demand. */
const NEGLIGIBLE_SHORTAGE = 1e-4;
const MAX_CHOICES = 2000;

/**
 * The candidate orders n = 0, 1, 2, … units of `unit` packs, from nothing up to
 * the first order after which almost nothing is short.
 */
export function orderChoices(outlook: DemandOutlook, position: number, unit: number, leadDays: number): OrderChoices {
  const p = outlook.daily.length;
  const lead = Math.min(Math.max(0, Math.floor(leadDays)), p);
  const cum = new Array<number>(p);
  let total = 0;
  for (let j = 0; j < p; j++) {
    total += Math.max(0, outlook.daily[j] ?? 0);
    cum[j] = total;
  }
  const beforeDelivery = lead > 0 ? cum[lead - 1]! : 0;
  const cycleDemand = total - beforeDelivery;
  const pos = Math.max(0, position);
  const q = unit >= 1 ? unit : 1;
  // E[(D_j − x)⁺] for the demand up to the end of day j; its variance grows with its mean.
  const shortfall: Array<(x: number) => number> = [];
  for (let j = 0; j < p; j++) {
    const mean = cum[j]!;
    const variance = total > 0 ? outlook.variance * (mean / total) : 0;
    if (mean <= 0) shortfall.push(() => 0);
    else if (outlook.normal) {
      const sd = Math.sqrt(Math.max(variance, mean));
      shortfall.push((x) => normalExpectedShortfall(mean, sd, x));
    } else {
      const dist = countDistribution(mean, Math.max(mean, variance));
      shortfall.push((x) => dist.expectedShortfall(x));
    }
  }
  const lostIfNothing = p > 0 ? shortfall[p - 1]!(pos) : 0;
  const hold: number[] = [];
  const lost: number[] = [];
  if (cycleDemand <= 0) return { hold: [holdAt(pos)], lost: [0], cycleDemand: 0, lostIfNothing, position: pos };
  for (let n = 0; n < MAX_CHOICES; n++) {
    const x = pos + n * q;
    hold.push(holdAt(x));
    const short = shortfall[p - 1]!(x) - (lead > 0 ? shortfall[lead - 1]!(x) : 0);
    lost.push(Math.max(0, short));
    if (short <= NEGLIGIBLE_SHORTAGE * cycleDemand) break;
  }
  return { hold, lost, cycleDemand, lostIfNothing, position: pos };

  function holdAt(x: number): number {
    // E[(x − D_j)⁺] = x − E[D_j] + E[(D_j − x)⁺], for each day of the cycle
    let h = 0;
    for (let j = lead; j < p; j++) h += x - cum[j]! + shortfall[j]!(x);
    return h;
  }
}

/**
 * The order (units) that minimises hold + price × lost, the smaller order on a
 * tie; never below the smallest order that serves `floor` of the product's own
 * cycle demand.
 */
export function bestChoice(c: OrderChoices, shortagePrice: number, floor = 0): number {
  let first = 0;
  const allowed = (1 - floor) * c.cycleDemand;
  while (first < c.lost.length - 1 && c.lost[first]! > allowed) first++;
  let best = first;
  let bestCost = Infinity;
  for (let n = first; n < c.hold.length; n++) {
    const cost = c.hold[n]! + shortagePrice * c.lost[n]!;
    if (cost < bestCost - 1e-9) {
      best = n;
      bestCost = cost;
    }
  }
  return best;
}

const PRICE_MIN = 1e-3;
const PRICE_MAX = 1e7;

/**
 * The lowest shortage price (in pack-days of shelf stock per pack short) at
 * which the products' expected lost packs are at most (1 − serviceLevel) of
 * their expected cycle demand. Bisection on the price's logarithm: a higher
 * price never orders less. PRICE_MAX when even that misses the target.
 */
export function shortagePrice(choices: readonly OrderChoices[], serviceLevel: number, floor = 0): number {
  let demand = 0;
  for (const c of choices) demand += c.cycleDemand;
  if (demand <= 0) return PRICE_MIN;
  const allowed = (1 - serviceLevel) * demand;
  const lostAt = (price: number) => {
    let l = 0;
    for (const c of choices) l += c.lost[bestChoice(c, price, floor)]!;
    return l;
  };
  if (lostAt(PRICE_MIN) <= allowed) return PRICE_MIN;
  if (lostAt(PRICE_MAX) > allowed) return PRICE_MAX;
  let lo = Math.log(PRICE_MIN);
  let hi = Math.log(PRICE_MAX);
  for (let i = 0; i < 50 && hi - lo > 1e-4; i++) {
    const mid = (lo + hi) / 2;
    if (lostAt(Math.exp(mid)) <= allowed) hi = mid;
    else lo = mid;
  }
  return Math.exp(hi);
}
