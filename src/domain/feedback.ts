/**
 * One-tap customer feedback (issue 11): the four faces, the 0–10 recommendation
 * question (NPS), complaint categories, the rate limit against button mashing
 * and the weekly figures the owner sees. Pure: no clock is read here, callers
 * pass the monotonic time (performance.now()) and the wall-clock time.
 */

/** The four faces, best first. */
export const FACES = ['very-satisfied', 'satisfied', 'dissatisfied', 'very-dissatisfied'] as const;
export type Face = (typeof FACES)[number];

/** The faces that count as satisfied in the satisfaction share. */
export function isSatisfied(face: Face): boolean {
  return face === 'very-satisfied' || face === 'satisfied';
}

/** A sad face: the customer is offered the complaint categories. */
export function isSad(face: Face): boolean {
  return !isSatisfied(face);
}

/** 缺货 / 价格 / 服务 / 等待 / 商品质量 / 其他. */
export const COMPLAINTS = ['out-of-stock', 'price', 'service', 'waiting', 'quality', 'other'] as const;
export type Complaint = (typeof COMPLAINTS)[number];

/** What one feedback record says. A repeat is a tap inside a customer window: counted, never a vote. */
export type FeedbackVote =
  | { kind: 'face'; value: Face }
  | { kind: 'nps'; value: number }
  | { kind: 'complaint'; value: Complaint }
  /** "请店主联系我": a request only; no name or number is ever asked. */
  | { kind: 'contact' }
  | { kind: 'repeat' };

export type FeedbackKind = FeedbackVote['kind'];

/** A stored feedback record: local day and hour of the wall clock, nothing about the customer. */
export type FeedbackRecord = FeedbackVote & { day: string; hour: number };

export function isNpsScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10;
}

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

/** 9–10 promoters, 7–8 passives, 0–6 detractors. */
export function npsGroup(score: number): NpsGroup {
  if (!isNpsScore(score)) throw new RangeError(`NPS score must be an integer 0–10, not ${score}`);
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export interface NpsFigures {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** %promoters − %detractors, −100…100 rounded to a whole number; undefined with no answers. */
  nps: number | undefined;
}

export function npsOf(scores: readonly number[]): NpsFigures {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    const g = npsGroup(s);
    if (g === 'promoter') promoters += 1;
    else if (g === 'passive') passives += 1;
    else detractors += 1;
  }
  const answers = scores.length;
  const nps = answers === 0 ? undefined : Math.round(((promoters - detractors) * 100) / answers);
  return { answers, promoters, passives, detractors, nps };
}

/** Taps this long after a vote are repeats of the same customer. */
export const CUSTOMER_WINDOW_MS = 10_000;
/** The recommendation question is asked at most once every this many votes. */
export const NPS_EVERY_VOTES = 5;

export interface FeedbackRules {
  windowMs: number;
  npsEvery: number;
}

export const DEFAULT_FEEDBACK_RULES: FeedbackRules = { windowMs: CUSTOMER_WINDOW_MS, npsEvery: NPS_EVERY_VOTES };

/** What a tap on a face is: a customer's vote (and whether to ask the NPS question), or a repeat. */
export type TapVerdict = { vote: true; askNps: boolean } | { vote: false };

/**
 * The rate limit and the question's cadence, for one screen. Times are a
 * monotonic clock's milliseconds (performance.now()): a wall clock set back by
 * NTP or by hand must not open a new window nor keep one open for an hour. A
 * monotonic time earlier than the last vote (a clock that is not monotonic after
 * all, or a restarted page handing in a fresh clock) is taken as a new customer
 * rather than locking the faces out.
 */
export class FeedbackGate {
  private lastVoteAt: number | undefined;
  private votesSinceNps = 0;

  constructor(readonly rules: FeedbackRules = DEFAULT_FEEDBACK_RULES) {
    if (!(rules.windowMs >= 0)) throw new RangeError('windowMs must be ≥ 0');
    if (!(Number.isInteger(rules.npsEvery) && rules.npsEvery >= 1)) throw new RangeError('npsEvery must be a whole number ≥ 1');
  }

  /** Whether a tap at `monotonicMs` is a repeat of the last customer's vote. */
  isRepeat(monotonicMs: number): boolean {
    if (this.lastVoteAt === undefined) return false;
    const since = monotonicMs - this.lastVoteAt;
    return since >= 0 && since < this.rules.windowMs;
  }

  /** A tap on a face at `monotonicMs`: a vote, or a repeat inside the customer window. */
  tap(monotonicMs: number): TapVerdict {
    if (this.isRepeat(monotonicMs)) return { vote: false };
    this.lastVoteAt = monotonicMs;
    this.votesSinceNps += 1;
    return { vote: true, askNps: this.votesSinceNps >= this.rules.npsEvery };
  }

  /** The NPS question was shown: the next one comes after npsEvery more votes. */
  npsAsked(): void {
    this.votesSinceNps = 0;
  }
}

/** The Monday (local day, YYYY-MM-DD) of the week holding `day`. */
export function weekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Calendar arithmetic in UTC: no daylight-saving hour can shift the day.
  const date = new Date(Date.UTC(y, m - 1, d));
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - sinceMonday);
  return date.toISOString().slice(0, 10);
}

export interface FeedbackWeek extends NpsFigures {
  /** The Monday of the week. */
  week: string;
  votes: number;
  faces: Record<Face, number>;
  /** (很满意 + 满意) / votes; undefined with no votes. */
  satisfaction: number | undefined;
  complaints: Record<Complaint, number>;
  contactRequests: number;
  /** Taps inside a customer window: not votes. */
  repeats: number;
}

export interface FeedbackSummary {
  /** Newest week first. */
  weeks: FeedbackWeek[];
  /** The whole range in one. */
  total: Omit<FeedbackWeek, 'week'>;
  /** Products customers looked up at the display scanner in the range, most first (issue 11). */
  interest?: ProductInterest[];
}

/** Display-scanner look-ups of one product: interest, counted without anything about who scanned. */
export interface ProductInterest {
  code: string;
  name: string;
  scans: number;
}

function emptyWeek(): Omit<FeedbackWeek, 'week'> & { scores: number[] } {
  return {
    votes: 0,
    faces: { 'very-satisfied': 0, satisfied: 0, dissatisfied: 0, 'very-dissatisfied': 0 },
    satisfaction: undefined,
    complaints: { 'out-of-stock': 0, price: 0, service: 0, waiting: 0, quality: 0, other: 0 },
    contactRequests: 0,
    repeats: 0,
    scores: [],
    ...npsOf([]),
  };
}

function add(into: ReturnType<typeof emptyWeek>, r: FeedbackRecord): void {
  switch (r.kind) {
    case 'face':
      into.votes += 1;
      into.faces[r.value] += 1;
      break;
    case 'nps':
      into.scores.push(r.value);
      break;
    case 'complaint':
      into.complaints[r.value] += 1;
      break;
    case 'contact':
      into.contactRequests += 1;
      break;
    case 'repeat':
      into.repeats += 1;
      break;
  }
}

function finish(w: ReturnType<typeof emptyWeek>): Omit<FeedbackWeek, 'week'> {
  const { scores, ...rest } = w;
  const satisfied = w.faces['very-satisfied'] + w.faces.satisfied;
  return { ...rest, ...npsOf(scores), satisfaction: w.votes === 0 ? undefined : satisfied / w.votes };
}

/** Satisfaction, NPS and complaints by week (weeks start on Monday) and for the whole range. */
export function summarizeFeedback(records: readonly FeedbackRecord[]): FeedbackSummary {
  const weeks = new Map<string, ReturnType<typeof emptyWeek>>();
  const total = emptyWeek();
  for (const r of records) {
    const key = weekOf(r.day);
    let w = weeks.get(key);
    if (!w) weeks.set(key, (w = emptyWeek()));
    add(w, r);
    add(total, r);
  }
  return {
    weeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([week, w]) => ({ week, ...finish(w) })),
    total: finish(total),
  };
}
