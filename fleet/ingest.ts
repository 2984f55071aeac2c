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
  UNASSIGNED_DISTRICT,
  type FleetBundle,
} from '../src/domain/fleet-bundle.ts';
import { bundleSignatureValid } from './keys.ts';
import { enrolledDistrict, notePendingTerminal } from './pending-terminals.ts';

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
  district: string;
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

/** Forgets what this process remembers of the database: partitions and pinned keys (a test drops and recreates it). */
export function forgetDatabaseState(): void {
  monthsReady.clear();
  pinnedKeys.clear();
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
  // A terminal enrolled since it made this bundle still names no district: its
  // enrolment (found by its id and the key it signs with) says which.
  const district =
    signed.bundle.district === UNASSIGNED_DISTRICT
      ? ((await enrolledDistrict(pool, signed.bundle.terminalId, signed.bundle.publicKey)) ?? UNASSIGNED_DISTRICT)
      : signed.bundle.district;
  const b = { ...signed.bundle, district };

  const publicKey = await enrolledKey(pool, b.district, b.terminalId);
  if (publicKey === undefined) {
    // Signed by the key it carries: noted, so that a rep can enrol it by its fingerprint.
    if (bundleSignatureValid(signed, b.publicKey)) await notePendingTerminal(pool, b);
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
  const canonical = canonicalBundleBytes(signed.bundle);
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
  return writeBundle(pool, b, idempotencyKey, sha);
}

/**
 * Terminals' pinned keys, by district and terminal. A key never changes once
 * enrolled (enrolment refuses another key for a terminal), so a key found once
 * stays right; an unknown terminal is asked about again next time.
 */
const pinnedKeys = new Map<string, string>();

async function enrolledKey(pool: pg.Pool, district: string, terminalId: string): Promise<string | undefined> {
  const cacheKey = `${district}/${terminalId}`;
  const known = pinnedKeys.get(cacheKey);
  if (known !== undefined) return known;
  const { rows } = await pool.query<{ public_key: string }>({
    name: 'fleet-terminal-key',
    text: 'SELECT public_key FROM terminals WHERE district_id = $1 AND terminal_id = $2',
    values: [district, terminalId],
  });
  const key = rows[0]?.public_key;
  if (key !== undefined) {
    if (pinnedKeys.size >= 100_000) pinnedKeys.clear();
    pinnedKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * The whole write in one call of fleet_write_bundle (fleet/migrations): one
 * statement, so one transaction, and one round trip. The rows travel as the
 * bundle's own JSON, which PostgreSQL reads with jsonb_to_recordset.
 */
async function writeBundle(pool: pg.Pool, b: FleetBundle, idempotencyKey: string, sha: Buffer): Promise<IngestResult> {
  const base = { district: b.district, terminalId: b.terminalId, sequence: b.sequence };
  // Version 2 (issue 12): the quarter's evaluation; a v1 bundle has none.
  const evaluation = b.schemaVersion === 2 && b.evaluation ? JSON.stringify(b.evaluation) : null;
  const { rows } = await pool.query<{ outcome: string; days_taken: number; days_kept: number }>({
    name: 'fleet-write-bundle',
    text: 'SELECT outcome, days_taken, days_kept FROM fleet_write_bundle($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
    values: [
      b.district,
      b.terminalId,
      b.sequence,
      idempotencyKey,
      b.schemaVersion,
      b.period.from,
      b.period.to,
      sha,
      JSON.stringify(b.daily),
      b.visit ? JSON.stringify(b.visit) : null,
      evaluation,
      JSON.stringify(b.boardAcks),
      // The owner's messages to the rep (issue 15); absent from older bundles.
      b.ownerMessages && b.ownerMessages.length > 0 ? JSON.stringify(b.ownerMessages) : null,
    ],
  });
  const { outcome, days_taken: daysTaken, days_kept: daysKept } = rows[0]!;
  switch (outcome) {
    case 'stored':
      return { ...base, status: 201, duplicate: false, daysTaken, daysKept };
    case 'duplicate':
      return { ...base, status: 200, duplicate: true, daysTaken: 0, daysKept: 0 };
    case 'key-reused':
      throw new FleetError(
        409,
        'key-reused',
        `Idempotency-Key ${idempotencyKey} 已用于另一个数据包`,
        `Idempotency-Key ${idempotencyKey} was already used for a different bundle`,
      );
    default:
      throw new FleetError(
        409,
        'sequence-reused',
        `终端 ${b.terminalId} 的序号 ${b.sequence} 已收到过不同的内容`,
        `terminal ${b.terminalId} already sent different content with sequence ${b.sequence}`,
      );
  }
}
