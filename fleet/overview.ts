/**
 * Enrolment and the reads the district overview and a shop's page make.
 */
import * as v from 'valibot';
import type pg from 'pg';
import { VISIT_EXEMPT_FORMAT } from '../src/domain/fleet-bundle.ts';
import { FleetError } from './ingest.ts';
import { keyFingerprint } from './keys.ts';
import { quotaUseByTerminal, type QuotaUse } from './quota-use.ts';

/** The weekly visit: a shop not visited for more than this many days is overdue. */
export const VISIT_INTERVAL_DAYS = 7;
/** Sales are compared over the last four weeks against the same four weeks a year before. */
export const SALES_WINDOW_DAYS = 28;
/** The plan's standard: book and counted stock differ by at most 10%. */
export const STOCK_TOLERANCE_BP = 1000;

const ident = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[\p{L}\p{N}._:-]+$/u));
const EnrolmentSchema = v.strictObject({
  district: ident,
  districtName: v.optional(v.pipe(v.string(), v.maxLength(100))),
  shopId: ident,
  shopName: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  businessFormat: v.pipe(v.string(), v.minLength(1), v.maxLength(32)),
  rep: v.optional(ident),
  terminalId: ident,
  publicKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/)),
  /** What the terminal showed, as the rep read it back. */
  fingerprint: v.string(),
});
export type Enrolment = v.InferOutput<typeof EnrolmentSchema>;

export async function enrolTerminal(pool: pg.Pool, json: unknown): Promise<{ status: 200 | 201; fingerprint: string }> {
  const parsed = v.safeParse(EnrolmentSchema, json);
  if (!parsed.success) {
    const detail = parsed.issues
      .slice(0, 3)
      .map((i) => `${i.path?.map((p) => String(p.key)).join('.') ?? ''}: ${i.message}`)
      .join('; ');
    throw new FleetError(400, 'malformed', `登记信息格式不对：${detail}`, `malformed enrolment: ${detail}`);
  }
  const e = parsed.output;
  const fingerprint = keyFingerprint(e.publicKey);
  if (e.fingerprint.replace(/\s+/g, '').toLowerCase() !== fingerprint.replace(/ /g, '')) {
    throw new FleetError(
      400,
      'fingerprint-mismatch',
      '指纹与公钥不符：请重新核对终端屏幕上的指纹',
      'the fingerprint does not match the public key: read it again from the terminal screen',
    );
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO districts (district_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      e.district,
      e.districtName ?? e.district,
    ]);
    await client.query(
      `INSERT INTO shops (district_id, shop_id, name, business_format, rep) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (district_id, shop_id) DO UPDATE SET name = EXCLUDED.name, business_format = EXCLUDED.business_format, rep = EXCLUDED.rep`,
      [e.district, e.shopId, e.shopName, e.businessFormat, e.rep ?? null],
    );
    const existing = await client.query<{ public_key: string }>(
      'SELECT public_key FROM terminals WHERE district_id = $1 AND terminal_id = $2 FOR UPDATE',
      [e.district, e.terminalId],
    );
    const current = existing.rows[0];
    if (current && current.public_key !== e.publicKey) {
      throw new FleetError(
        409,
        'terminal-has-key',
        `终端 ${e.terminalId} 已用另一个密钥登记`,
        `terminal ${e.terminalId} is already enrolled with another key`,
      );
    }
    if (!current) {
      await client.query('INSERT INTO terminals (district_id, terminal_id, shop_id, public_key, fingerprint) VALUES ($1, $2, $3, $4, $5)', [
        e.district,
        e.terminalId,
        e.shopId,
        e.publicKey,
        fingerprint,
      ]);
    }
    await client.query('COMMIT');
    return { status: current ? 200 : 201, fingerprint };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export interface ShopOverview {
  shopId: string;
  name: string;
  businessFormat: string;
  rep: string | null;
  terminalId: string;
  lastBundle: { sequence: number; periodEnd: string; receivedAt: string } | null;
  salesLast28Cents: number;
  salesSameWeeksLastYearCents: number | null;
  /** (this year − last year) / last year in basis points; null without last year's figures. */
  salesVsLastYearBp: number | null;
  lastVisit: { date: string; rep: string; grade: string | null } | null;
  stockErrorBp: number | null;
  stockWithinTolerance: boolean | null;
  priceTagsMissing: number | null;
  visitOverdue: boolean;
  /** The latest quarter graded, and the one before it for the trend. */
  grade: { quarter: string; grade: string | null; total: number | null } | null;
  previousGrade: { quarter: string; grade: string | null; total: number | null } | null;
  /** The latest total against the quarter before: up, down, same; null without two totals. */
  gradeTrend: 'up' | 'down' | 'same' | null;
  /** The latest grading's rectification deadline while an item of it is not done; else null. */
  openRectificationDeadline: string | null;
  /** Scarce products' weekly quotas and the packs sold of them in the last 7 days (fleet/quota-use.ts). */
  quotaUse: QuotaUse[];
}

export interface DistrictOverview {
  district: string;
  name: string | null;
  asOf: string;
  shops: ShopOverview[];
  /** Shops by their latest grade in the latest quarter any shop of this list was graded (优秀/良好/合格/不合格, and 未评 for none). */
  gradeDistribution: { quarter: string | null; counts: Record<string, number> };
  /** Open rectifications, earliest deadline first. */
  openRectifications: { terminalId: string; name: string; deadline: string; overdue: boolean }[];
}

export interface OverviewFilter {
  /** Only this rep's shops. */
  rep?: string | null;
  /** Only shops of this business format. */
  format?: string | null;
}

export async function districtOverview(
  pool: pg.Pool,
  district: string,
  asOf: string,
  filter: OverviewFilter = {},
): Promise<DistrictOverview> {
  const [name, quotas, { rows }] = await Promise.all([
    pool.query<{ name: string }>('SELECT name FROM districts WHERE district_id = $1', [district]),
    quotaUseByTerminal(pool, district, asOf),
    pool.query(
      `WITH sales AS (
       SELECT terminal_id,
              sum(sales_cents) FILTER (WHERE sale_date > $2::date - $3::int) AS recent,
              sum(sales_cents) FILTER (WHERE sale_date <= ($2::date - interval '1 year')::date) AS last_year
         FROM shop_days
        WHERE district_id = $1
          AND (sale_date BETWEEN $2::date - $3::int + 1 AND $2::date
               OR sale_date BETWEEN ($2::date - interval '1 year')::date - $3::int + 1 AND ($2::date - interval '1 year')::date)
        GROUP BY terminal_id
     )
     SELECT s.shop_id, s.name, s.business_format, s.rep AS shop_rep, t.terminal_id,
            b.sequence, b.period_end, b.received_at,
            coalesce(x.recent, 0) AS recent, x.last_year,
            v.visit_date, v.rep AS visit_rep, v.grade, v.stock_error_bp, v.price_tags_missing,
            ($2::date - v.visit_date) AS days_since_visit,
            e.quarters, e.grades, e.totals, e.deadline, e.rectification_open
       FROM shops s
       JOIN terminals t USING (district_id, shop_id)
       -- One index probe a shop for its newest bundle and visit, rather than
       -- sorting the district's year of them.
       LEFT JOIN LATERAL (
         SELECT sequence, period_end, received_at FROM bundles
          WHERE district_id = t.district_id AND terminal_id = t.terminal_id ORDER BY sequence DESC LIMIT 1
       ) b ON true
       LEFT JOIN sales x ON x.terminal_id = t.terminal_id
       LEFT JOIN LATERAL (
         SELECT visit_date, rep, grade, stock_error_bp, price_tags_missing FROM visits
          WHERE district_id = t.district_id AND terminal_id = t.terminal_id AND visit_date <= $2::date
          ORDER BY visit_date DESC LIMIT 1
       ) v ON true
       LEFT JOIN LATERAL (
         SELECT array_agg(quarter ORDER BY quarter DESC) AS quarters, array_agg(grade ORDER BY quarter DESC) AS grades,
                array_agg(total ORDER BY quarter DESC) AS totals,
                (array_agg(rectification_deadline ORDER BY quarter DESC))[1] AS deadline,
                (array_agg(jsonb_path_exists(detail, '$.rectification.items[*] ? (@.doneOn == null)') ORDER BY quarter DESC))[1] AS rectification_open
           FROM (SELECT * FROM evaluations
                  WHERE district_id = t.district_id AND terminal_id = t.terminal_id AND evaluated_on <= $2::date
                  ORDER BY quarter DESC LIMIT 2) last_two
       ) e ON true
      WHERE s.district_id = $1 AND ($4::text IS NULL OR s.rep = $4) AND ($5::text IS NULL OR s.business_format = $5)
      ORDER BY s.name, s.shop_id`,
      [district, asOf, SALES_WINDOW_DAYS, filter.rep ?? null, filter.format ?? null],
    ),
  ]);
  const shops: ShopOverview[] = rows.map((r) => {
    const lastYear = r.last_year === null ? null : Number(r.last_year);
    const recent = Number(r.recent);
    const exempt = r.business_format === VISIT_EXEMPT_FORMAT;
    return {
      shopId: r.shop_id,
      name: r.name,
      businessFormat: r.business_format,
      rep: r.shop_rep,
      terminalId: r.terminal_id,
      lastBundle:
        r.sequence === null ? null : { sequence: r.sequence, periodEnd: r.period_end, receivedAt: (r.received_at as Date).toISOString() },
      salesLast28Cents: recent,
      salesSameWeeksLastYearCents: lastYear,
      salesVsLastYearBp: lastYear ? Math.round(((recent - lastYear) * 10_000) / lastYear) : null,
      lastVisit: r.visit_date === null ? null : { date: r.visit_date, rep: r.visit_rep, grade: r.grade },
      stockErrorBp: r.stock_error_bp,
      stockWithinTolerance: r.stock_error_bp === null ? null : r.stock_error_bp <= STOCK_TOLERANCE_BP,
      priceTagsMissing: r.price_tags_missing,
      visitOverdue: !exempt && (r.days_since_visit === null || r.days_since_visit > VISIT_INTERVAL_DAYS),
      ...gradesOf(r),
      quotaUse: quotas.get(r.terminal_id) ?? [],
    };
  });
  return { district, name: name.rows[0]?.name ?? null, asOf, shops, ...gradeSummary(shops, asOf) };
}

/** The reps and business formats of a district's shops, for the overview's filter choices. */
export async function overviewChoices(pool: pg.Pool, district: string): Promise<{ reps: string[]; formats: string[] }> {
  const { rows } = await pool.query<{ reps: string[] | null; formats: string[] | null }>(
    `SELECT array_agg(DISTINCT rep ORDER BY rep) FILTER (WHERE rep IS NOT NULL) AS reps,
            array_agg(DISTINCT business_format ORDER BY business_format) AS formats
       FROM shops WHERE district_id = $1`,
    [district],
  );
  return { reps: rows[0]?.reps ?? [], formats: rows[0]?.formats ?? [] };
}

type Grading = { quarter: string; grade: string | null; total: number | null };

function gradesOf(r: {
  quarters: string[] | null;
  grades: (string | null)[] | null;
  totals: (number | null)[] | null;
  deadline: string | null;
  rectification_open: boolean | null;
}): Pick<ShopOverview, 'grade' | 'previousGrade' | 'gradeTrend' | 'openRectificationDeadline'> {
  const at = (i: number): Grading | null =>
    r.quarters?.[i] === undefined ? null : { quarter: r.quarters[i]!, grade: r.grades![i] ?? null, total: r.totals![i] ?? null };
  const grade = at(0);
  const previousGrade = at(1);
  const a = grade?.total ?? null;
  const b = previousGrade?.total ?? null;
  return {
    grade,
    previousGrade,
    gradeTrend: a === null || b === null ? null : a > b ? 'up' : a < b ? 'down' : 'same',
    openRectificationDeadline: r.deadline !== null && r.rectification_open ? r.deadline : null,
  };
}

export const GRADE_NAMES = ['优秀', '良好', '合格', '不合格'] as const;
/** A shop without a grade in the quarter counted. */
export const UNGRADED = '未评';

function gradeSummary(shops: ShopOverview[], asOf: string): Pick<DistrictOverview, 'gradeDistribution' | 'openRectifications'> {
  const quarter = shops.reduce<string | null>(
    (latest, s) => (s.grade && (latest === null || s.grade.quarter > latest) ? s.grade.quarter : latest),
    null,
  );
  const counts: Record<string, number> = Object.fromEntries([...GRADE_NAMES, UNGRADED].map((g) => [g, 0]));
  for (const s of shops) {
    const g = s.grade && s.grade.quarter === quarter ? s.grade.grade : null;
    counts[g ?? UNGRADED]!++;
  }
  const openRectifications = shops
    .filter((s) => s.openRectificationDeadline !== null)
    .map((s) => ({
      terminalId: s.terminalId,
      name: s.name,
      deadline: s.openRectificationDeadline!,
      overdue: s.openRectificationDeadline! < asOf,
    }))
    .sort((x, y) => (x.deadline < y.deadline ? -1 : x.deadline > y.deadline ? 1 : x.terminalId < y.terminalId ? -1 : 1));
  return { gradeDistribution: { quarter, counts }, openRectifications };
}

export interface ShopPage {
  district: string;
  terminalId: string;
  shop: { shopId: string; name: string; businessFormat: string; rep: string | null };
  days: { date: string; packsSold: number; salesCents: number; costCents: number | null; products: number }[];
  visits: {
    date: string;
    rep: string;
    grade: string | null;
    stockErrorBp: number | null;
    priceTagsMissing: number | null;
    notes: string;
  }[];
  bundles: { sequence: number; periodStart: string; periodEnd: string; receivedAt: string; daysTaken: number }[];
  /** Its quarterly gradings, newest first. */
  grades: { quarter: string; evaluatedOn: string; grade: string | null; total: number | null; rectificationDeadline: string | null }[];
  /**
   * Weekly sales for the 52 weeks up to asOf, oldest first, beside the same
   * weeks a year (364 days, so the same weekdays) before; null for a week
   * without any day received.
   */
  weeks: { weekEnd: string; salesCents: number | null; lastYearCents: number | null }[];
  /** The board items this shop is served, newest posted first, with the owner's receipt (issue 15). */
  board: { itemId: string; kind: string; title: string; seenOn: string | null; accepted: boolean; quotasApplied: boolean }[];
  /** The owner's messages to the rep, newest first (the terminal's own numbering, never its clock). */
  ownerMessages: { id: number; text: string; writtenAt: string }[];
}

/** How many board items and owner's messages a shop's page lists. */
export const SHOP_PAGE_BOARD_ITEMS = 30;

export const WEEKS_SHOWN = 52;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function weeklySales(asOf: string, days: { sale_date: string; sales_cents: number }[]): ShopPage['weeks'] {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const thisYear: (number | null)[] = Array(WEEKS_SHOWN).fill(null);
  const lastYear: (number | null)[] = Array(WEEKS_SHOWN).fill(null);
  for (const d of days) {
    const back = Math.round((asOfMs - Date.parse(`${d.sale_date}T00:00:00Z`)) / 86_400_000);
    const week = Math.floor(back / 7);
    const [list, i] = week < WEEKS_SHOWN ? [thisYear, week] : [lastYear, week - WEEKS_SHOWN];
    if (i < 0 || i >= WEEKS_SHOWN) continue;
    list[i] = (list[i] ?? 0) + d.sales_cents;
  }
  return Array.from({ length: WEEKS_SHOWN }, (_x, k) => {
    const i = WEEKS_SHOWN - 1 - k;
    return { weekEnd: addDays(asOf, -7 * i), salesCents: thisYear[i] ?? null, lastYearCents: lastYear[i] ?? null };
  });
}

/** One shop's history: a year of days up to asOf, its visits and its last bundles. */
export async function shopPage(pool: pg.Pool, district: string, terminalId: string, asOf: string): Promise<ShopPage | null> {
  const shop = await pool.query(
    `SELECT s.shop_id, s.name, s.business_format, s.rep FROM terminals t JOIN shops s USING (district_id, shop_id)
      WHERE t.district_id = $1 AND t.terminal_id = $2`,
    [district, terminalId],
  );
  const s = shop.rows[0];
  if (!s) return null;
  const [days, visits, bundles, grades, twoYears, board, messages] = await Promise.all([
    pool.query(
      `SELECT sale_date, packs_sold, sales_cents, cost_cents, products FROM shop_days
        WHERE district_id = $1 AND terminal_id = $2 AND sale_date BETWEEN $3::date - 365 AND $3::date ORDER BY sale_date`,
      [district, terminalId, asOf],
    ),
    pool.query(
      `SELECT visit_date, rep, grade, stock_error_bp, price_tags_missing, notes FROM visits
        WHERE district_id = $1 AND terminal_id = $2 AND visit_date <= $3::date ORDER BY visit_date DESC LIMIT 60`,
      [district, terminalId, asOf],
    ),
    pool.query(
      `SELECT sequence, period_start, period_end, received_at, days_taken FROM bundles
        WHERE district_id = $1 AND terminal_id = $2 ORDER BY sequence DESC LIMIT 30`,
      [district, terminalId],
    ),
    pool.query(
      `SELECT quarter, evaluated_on, grade, total, rectification_deadline FROM evaluations
        WHERE district_id = $1 AND terminal_id = $2 AND evaluated_on <= $3::date ORDER BY quarter DESC LIMIT 12`,
      [district, terminalId, asOf],
    ),
    pool.query<{ sale_date: string; sales_cents: number }>(
      `SELECT sale_date, sales_cents FROM shop_days
        WHERE district_id = $1 AND terminal_id = $2 AND sale_date BETWEEN $3::date - $4::int + 1 AND $3::date`,
      [district, terminalId, asOf, 2 * 7 * WEEKS_SHOWN],
    ),
    pool.query(
      `SELECT b.item_id::text AS item_id, b.kind, b.title, a.seen_on, a.accepted, a.quotas_applied FROM board_items b
         LEFT JOIN board_acks a ON a.district_id = b.district_id AND a.terminal_id = $2 AND a.item_id = b.item_id::text
        WHERE b.district_id = $1 AND (b.shop_id IS NULL OR b.shop_id = $3) ORDER BY b.serial DESC LIMIT $4`,
      [district, terminalId, s.shop_id, SHOP_PAGE_BOARD_ITEMS],
    ),
    pool.query(
      `SELECT message_id, body, written_at FROM owner_messages
        WHERE district_id = $1 AND terminal_id = $2 ORDER BY message_id DESC LIMIT $3`,
      [district, terminalId, SHOP_PAGE_BOARD_ITEMS],
    ),
  ]);
  return {
    district,
    terminalId,
    shop: { shopId: s.shop_id, name: s.name, businessFormat: s.business_format, rep: s.rep },
    days: days.rows.map((r) => ({
      date: r.sale_date,
      packsSold: r.packs_sold,
      salesCents: r.sales_cents,
      costCents: r.cost_cents,
      products: r.products,
    })),
    visits: visits.rows.map((r) => ({
      date: r.visit_date,
      rep: r.rep,
      grade: r.grade,
      stockErrorBp: r.stock_error_bp,
      priceTagsMissing: r.price_tags_missing,
      notes: r.notes,
    })),
    bundles: bundles.rows.map((r) => ({
      sequence: r.sequence,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      receivedAt: (r.received_at as Date).toISOString(),
      daysTaken: r.days_taken,
    })),
    grades: grades.rows.map((r) => ({
      quarter: r.quarter,
      evaluatedOn: r.evaluated_on,
      grade: r.grade,
      total: r.total,
      rectificationDeadline: r.rectification_deadline,
    })),
    weeks: weeklySales(asOf, twoYears.rows),
    board: board.rows.map((r) => ({
      itemId: r.item_id,
      kind: r.kind,
      title: r.title,
      seenOn: r.seen_on,
      accepted: r.accepted === true,
      quotasApplied: r.quotas_applied === true,
    })),
    ownerMessages: messages.rows.map((r) => ({
      id: Number(r.message_id),
      text: r.body,
      writtenAt: (r.written_at as Date).toISOString(),
    })),
  };
}
