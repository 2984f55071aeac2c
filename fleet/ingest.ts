/**
 * One bundle in: checked, verified, written in one transaction — or refused
 * with nothing written.
 *
 * Which figures win: a day's figures belong to the highest-sequence bundle
 * that covered that day (the terminal's own counter, never a clock). A late
 * bundle — a USB stick handed in after a newer online push — only fills days
 * no newer bundle has covered; its visit only lands if no newer bundle
 * reported that visit day.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import {
  canonicalBundleBytes,
  datesInPeriod,
  FLEET_BUNDLE_SCHEMA_VERSION,
  MAX_FLEET_BUNDLE_BYTES,
  parseSignedFleetBundle,
  type FleetBundle,
} from '../src/domain/fleet-bundle.ts';
import { bundleSignatureValid } from './keys.ts';

export class FleetError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${code}: ${en}`);
  }
  toJSON(): { error: string; zh: string; en: string } {
    return { error: this.code, zh: this.zh, en: this.en };
  }
}

export const oversized = () =>
  new FleetError(
    413,
    'oversized',
    `数据包超过 ${MAX_FLEET_BUNDLE_BYTES / 1024 / 1024} MB，未接收`,
    `bundle is larger than ${MAX_FLEET_BUNDLE_BYTES / 1024 / 1024} MB; not accepted`,
  );

export interface IngestResult {
  status: 200 | 201;
  duplicate: boolean;
  terminalId: string;
  sequence: number;
  daysTaken: number;
  daysKept: number;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Months whose partitions this process knows exist. */
const monthsReady = new Set<string>();

async function ensurePartitions(pool: pg.Pool, from: string, to: string): Promise<void> {
  const months = new Set(datesInPeriod(from, to).map((d) => d.slice(0, 7)));
  if ([...months].every((m) => monthsReady.has(m))) return;
  // Outside the bundle's transaction: creating a partition locks the parent,
  // and an empty partition is harmless if the bundle is then refused.
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('SELECT fleet_ensure_month_partitions($1::date, $2::date)', [from, to]);
      break;
    } catch (err) {
      // Another collector created the same partition a moment earlier.
      if (attempt >= 3 || (err as { code?: string }).code !== '42P07') throw err;
    }
  }
  for (const m of months) monthsReady.add(m);
}

/** Forgets which partitions exist (a test drops and recreates the database). */
export function forgetPartitions(): void {
  monthsReady.clear();
}

export async function ingestBundle(pool: pg.Pool, body: Buffer, idempotencyKey: string | undefined): Promise<IngestResult> {
  if (body.length > MAX_FLEET_BUNDLE_BYTES) throw oversized();
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new FleetError(
      400,
      'idempotency-key',
      '缺少 Idempotency-Key 请求头（1–200 个可见 ASCII 字符）',
      'the Idempotency-Key header is missing or not 1–200 visible ASCII characters',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new FleetError(400, 'malformed', '数据包不是有效的 JSON', 'the bundle is not valid JSON');
  }
  const parsed = parseSignedFleetBundle(json);
  if (!parsed.ok) {
    const p = parsed.problem;
    if (p.kind === 'unknown-version') {
      throw new FleetError(
        422,
        'unknown-version',
        `不认识的数据包版本 ${p.version}（本收集服务读取版本 ${FLEET_BUNDLE_SCHEMA_VERSION}）`,
        `unknown bundle schema version ${p.version} (this collector reads version ${FLEET_BUNDLE_SCHEMA_VERSION})`,
      );
    }
    throw new FleetError(400, 'malformed', `数据包格式不对：${p.detail}`, `malformed bundle: ${p.detail}`);
  }
  const signed = parsed.value;
  const b = signed.bundle;

  const terminal = await pool.query<{ public_key: string }>(
    'SELECT public_key FROM terminals WHERE district_id = $1 AND terminal_id = $2',
    [b.district, b.terminalId],
  );
  const publicKey = terminal.rows[0]?.public_key;
  if (publicKey === undefined) {
    throw new FleetError(
      403,
      'unknown-terminal',
      `终端 ${b.terminalId} 未在片区 ${b.district} 登记`,
      `terminal ${b.terminalId} is not enrolled in district ${b.district}`,
    );
  }
  if (publicKey !== b.publicKey) {
    throw new FleetError(
      403,
      'unknown-key',
      `终端 ${b.terminalId} 的密钥与登记的不同`,
      `terminal ${b.terminalId} signed with a key other than the one enrolled`,
    );
  }
  const canonical = canonicalBundleBytes(b);
  if (!bundleSignatureValid(signed, publicKey, canonical)) {
    throw new FleetError(
      401,
      'bad-signature',
      '签名校验失败：数据包被改动过或不是该终端签的',
      'bad signature: the bundle was altered or not signed by this terminal',
    );
  }

  await ensurePartitions(pool, b.period.from, b.period.to);
  const sha = createHash('sha256').update(canonical).digest();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await writeBundle(client, b, idempotencyKey, sha);
    await client.query(result.duplicate ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function writeBundle(client: pg.PoolClient, b: FleetBundle, idempotencyKey: string, sha: Buffer): Promise<IngestResult> {
  const base = { terminalId: b.terminalId, sequence: b.sequence };
  // One terminal's bundles are written one at a time; other terminals go on.
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${b.district}/${b.terminalId}`]);

  const seen = await client.query<{ sequence: number; idempotency_key: string; body_sha256: Buffer }>(
    'SELECT sequence, idempotency_key, body_sha256 FROM bundles WHERE district_id = $1 AND terminal_id = $2 AND (idempotency_key = $3 OR sequence = $4)',
    [b.district, b.terminalId, idempotencyKey, b.sequence],
  );
  if (seen.rows.length > 0) {
    if (seen.rows.every((r) => r.body_sha256.equals(sha))) return { ...base, status: 200, duplicate: true, daysTaken: 0, daysKept: 0 };
    const clash = seen.rows.find((r) => !r.body_sha256.equals(sha))!;
    throw clash.idempotency_key === idempotencyKey
      ? new FleetError(
          409,
          'key-reused',
          `Idempotency-Key ${idempotencyKey} 已用于另一个数据包`,
          `Idempotency-Key ${idempotencyKey} was already used for a different bundle`,
        )
      : new FleetError(
          409,
          'sequence-reused',
          `终端 ${b.terminalId} 的序号 ${b.sequence} 已收到过不同的内容`,
          `terminal ${b.terminalId} already sent different content with sequence ${b.sequence}`,
        );
  }

  const owners = await client.query<{ sale_date: string; bundle_sequence: number }>(
    'SELECT sale_date, bundle_sequence FROM shop_days WHERE district_id = $1 AND terminal_id = $2 AND sale_date BETWEEN $3 AND $4',
    [b.district, b.terminalId, b.period.from, b.period.to],
  );
  const newerDays = new Set(owners.rows.filter((r) => r.bundle_sequence > b.sequence).map((r) => r.sale_date));
  const days = datesInPeriod(b.period.from, b.period.to).filter((d) => !newerDays.has(d));
  const taken = new Set(days);

  if (days.length > 0) {
    await client.query('DELETE FROM daily_sales WHERE district_id = $1 AND terminal_id = $2 AND sale_date = ANY($3::date[])', [
      b.district,
      b.terminalId,
      days,
    ]);
    const rows = b.daily.filter((r) => taken.has(r.date));
    if (rows.length > 0) {
      await client.query(
        `INSERT INTO daily_sales (district_id, sale_date, terminal_id, product_code, packs_sold, sales_cents, cost_cents, stock)
         SELECT $1, d, $2, p, ps, sc, cc, st
           FROM unnest($3::date[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::int[]) AS t(d, p, ps, sc, cc, st)`,
        [
          b.district,
          b.terminalId,
          rows.map((r) => r.date),
          rows.map((r) => r.productCode),
          rows.map((r) => r.packsSold),
          rows.map((r) => r.salesCents),
          rows.map((r) => r.costCents),
          rows.map((r) => r.stock),
        ],
      );
    }
    const totals = new Map(days.map((d) => [d, { products: 0, packs: 0, sales: 0, cost: 0 as number | null }]));
    for (const r of rows) {
      const t = totals.get(r.date)!;
      t.products++;
      t.packs += r.packsSold;
      t.sales += r.salesCents;
      // A day's cost is only known when every product sold that day has a cost price.
      t.cost = t.cost === null || r.costCents === null ? null : t.cost + r.costCents;
    }
    await client.query(
      `INSERT INTO shop_days (district_id, sale_date, terminal_id, products, packs_sold, sales_cents, cost_cents, bundle_sequence)
       SELECT $1, d, $2, n, ps, sc, cc, $3
         FROM unnest($4::date[], $5::int[], $6::bigint[], $7::bigint[], $8::bigint[]) AS t(d, n, ps, sc, cc)
       ON CONFLICT (district_id, sale_date, terminal_id) DO UPDATE SET
         products = EXCLUDED.products, packs_sold = EXCLUDED.packs_sold, sales_cents = EXCLUDED.sales_cents,
         cost_cents = EXCLUDED.cost_cents, bundle_sequence = EXCLUDED.bundle_sequence
       WHERE shop_days.bundle_sequence < EXCLUDED.bundle_sequence`,
      [
        b.district,
        b.terminalId,
        b.sequence,
        days,
        days.map((d) => totals.get(d)!.products),
        days.map((d) => totals.get(d)!.packs),
        days.map((d) => totals.get(d)!.sales),
        days.map((d) => totals.get(d)!.cost),
      ],
    );
  }

  if (b.visit) {
    const v = b.visit;
    await client.query(
      `INSERT INTO visits (district_id, visit_date, terminal_id, rep, grade, stock_error_bp, price_tags_missing, notes, bundle_sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (district_id, visit_date, terminal_id) DO UPDATE SET
         rep = EXCLUDED.rep, grade = EXCLUDED.grade, stock_error_bp = EXCLUDED.stock_error_bp,
         price_tags_missing = EXCLUDED.price_tags_missing, notes = EXCLUDED.notes, bundle_sequence = EXCLUDED.bundle_sequence
       WHERE visits.bundle_sequence < EXCLUDED.bundle_sequence`,
      [b.district, v.date, b.terminalId, v.rep, v.grade, v.stockErrorBasisPoints, v.priceTagsMissing, v.notes, b.sequence],
    );
  }
  // Version 2 (issue 12): the quarter's evaluation; a v1 bundle has none.
  if (b.schemaVersion === 2 && b.evaluation) {
    const e = b.evaluation;
    await client.query(
      `INSERT INTO evaluations (district_id, terminal_id, quarter, evaluated_on, total, grade, rectification_deadline, detail, bundle_sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (district_id, terminal_id, quarter) DO UPDATE SET
         evaluated_on = EXCLUDED.evaluated_on, total = EXCLUDED.total, grade = EXCLUDED.grade,
         rectification_deadline = EXCLUDED.rectification_deadline, detail = EXCLUDED.detail, bundle_sequence = EXCLUDED.bundle_sequence
       WHERE evaluations.bundle_sequence < EXCLUDED.bundle_sequence`,
      [b.district, b.terminalId, e.quarter, e.evaluatedOn, e.total, e.grade, e.rectification.deadline, JSON.stringify(e), b.sequence],
    );
  }
  if (b.boardAcks.length > 0) {
    await client.query(
      `INSERT INTO board_acks (district_id, terminal_id, item_id, seen_on)
       SELECT $1, $2, i, s FROM unnest($3::text[], $4::date[]) AS t(i, s)
       ON CONFLICT DO NOTHING`,
      [b.district, b.terminalId, b.boardAcks.map((a) => a.itemId), b.boardAcks.map((a) => a.seenOn)],
    );
  }
  await client.query(
    `INSERT INTO bundles (district_id, terminal_id, sequence, idempotency_key, schema_version, period_start, period_end, body_sha256, daily_rows, days_taken)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [b.district, b.terminalId, b.sequence, idempotencyKey, b.schemaVersion, b.period.from, b.period.to, sha, b.daily.length, days.length],
  );
  return { ...base, status: 201, duplicate: false, daysTaken: days.length, daysKept: newerDays.size };
}
