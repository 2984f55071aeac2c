/**
 * What the customer display's attract loop shows (issue 11): the owner's or
 * the rep's list of products, in their order, each from a day until a day.
 * Days are local calendar days ('YYYY-MM-DD', as the rest of the terminal
 * keeps them), both ends included; a missing end is open.
 */

export interface DisplayPlanEntry {
  code: string;
  /** First day shown; undefined: from now on. */
  from?: string;
  /** Last day shown; undefined: until taken out. */
  until?: string;
}

export interface DisplayPlan {
  entries: DisplayPlanEntry[];
}

/** Most products a plan may list (the loop shows one every few seconds: 100 is many minutes). */
export const MAX_PLAN_ENTRIES = 100;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type PlanProblem = 'too-many' | 'bad-day' | 'until-before-from' | 'twice';

export class DisplayPlanError extends Error {
  override name = 'DisplayPlanError';
  constructor(
    readonly problem: PlanProblem,
    readonly code?: string,
  ) {
    super(`display plan: ${problem}${code ? ` (${code})` : ''}`);
  }
}

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The plan as it will be stored: only its fields, empty ends dropped; throws DisplayPlanError. */
export function checkDisplayPlan(plan: DisplayPlan): DisplayPlan {
  if (plan.entries.length > MAX_PLAN_ENTRIES) throw new DisplayPlanError('too-many');
  const seen = new Set<string>();
  const entries = plan.entries.map((e) => {
    if (seen.has(e.code)) throw new DisplayPlanError('twice', e.code);
    seen.add(e.code);
    const entry: DisplayPlanEntry = { code: e.code };
    const from = e.from?.trim();
    const until = e.until?.trim();
    if (from) {
      if (!isDay(from)) throw new DisplayPlanError('bad-day', e.code);
      entry.from = from;
    }
    if (until) {
      if (!isDay(until)) throw new DisplayPlanError('bad-day', e.code);
      entry.until = until;
    }
    if (entry.from && entry.until && entry.until < entry.from) throw new DisplayPlanError('until-before-from', e.code);
    return entry;
  });
  return { entries };
}

/** Is `entry` shown on local day `today`? */
export function isShownOn(entry: DisplayPlanEntry, today: string): boolean {
  return (entry.from === undefined || entry.from <= today) && (entry.until === undefined || today <= entry.until);
}

/** The codes shown on `today`, in the plan's order. */
export function codesShownOn(plan: DisplayPlan, today: string): string[] {
  return plan.entries.filter((e) => isShownOn(e, today)).map((e) => e.code);
}
