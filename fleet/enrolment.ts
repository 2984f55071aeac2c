/**
 * A rep enrols a terminal by the fingerprint it shows (the enrolment page):
 * the terminal's first push (or its bundle on a USB stick) is refused as
 * unknown, but its key — proved by the bundle's own signature — is kept here
 * under its fingerprint, so the rep types eight short groups rather than a
 * 44-character key. The terminal is then enrolled in the rep's district, and
 * its bundles, which say 'unassigned' until it learns better, are taken into
 * that district; the push answer's `district` tells the terminal.
 */
import * as v from 'valibot';
import type pg from 'pg';
import { FleetError } from './ingest.ts';
import { enrolTerminal } from './overview.ts';
import type { Session } from './auth.ts';
import { fingerprintKey } from './pending-terminals.ts';

/** Groups of four, as the terminal shows it. */
const fingerprintShown = (key: string): string => key.match(/.{1,4}/g)!.join(' ');

const ident = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64), v.regex(/^[\p{L}\p{N}._:-]+$/u));
const ByFingerprintSchema = v.strictObject({
  fingerprint: v.pipe(v.string(), v.maxLength(80)),
  shopId: ident,
  shopName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  /** Default: what the terminal's bundle says. */
  businessFormat: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(32))),
});

export interface EnrolledByFingerprint {
  status: 200 | 201;
  terminalId: string;
  district: string;
  shopId: string;
  fingerprint: string;
}

/** `POST /terminals/by-fingerprint`: enrols the noted terminal with that fingerprint in the session's district. */
export async function enrolByFingerprint(pool: pg.Pool, session: Session, json: unknown): Promise<EnrolledByFingerprint> {
  const parsed = v.safeParse(ByFingerprintSchema, json);
  if (!parsed.success) {
    const detail = parsed.issues.map((i) => `${i.path?.map((p) => String(p.key)).join('.') ?? ''}: ${i.message}`).join('; ');
    throw new FleetError(400, 'malformed', `登记信息格式不对：${detail}`, `malformed enrolment: ${detail}`);
  }
  const e = parsed.output;
  const key = fingerprintKey(e.fingerprint);
  if (!/^[0-9a-f]{32}$/.test(key))
    throw new FleetError(
      400,
      'bad-fingerprint',
      '指纹应为 32 位十六进制（8 组，每组 4 位），请照终端屏幕重新输入',
      'a fingerprint is 32 hex digits (8 groups of 4): type it again from the terminal screen',
    );
  const { rows } = await pool.query<{ terminal_id: string; public_key: string; business_format: string }>(
    'SELECT terminal_id, public_key, business_format FROM pending_terminals WHERE fingerprint = $1',
    [key],
  );
  const pending = rows[0];
  if (!pending)
    throw new FleetError(
      404,
      'no-such-fingerprint',
      '收集服务还没收到这个指纹的终端的数据：请核对指纹，或让终端先推送一次（或用 U 盘导入它的数据包）',
      'no terminal with this fingerprint has sent anything yet: check the fingerprint, or let the terminal push once (or import its bundle from the stick)',
    );
  const result = await enrolTerminal(pool, {
    district: session.district,
    shopId: e.shopId,
    shopName: e.shopName,
    businessFormat: e.businessFormat || pending.business_format,
    ...(session.role === 'rep' ? { rep: session.login } : {}),
    terminalId: pending.terminal_id,
    publicKey: pending.public_key,
    fingerprint: key,
  });
  await pool.query('DELETE FROM pending_terminals WHERE fingerprint = $1', [key]);
  return {
    status: result.status,
    terminalId: pending.terminal_id,
    district: session.district,
    shopId: e.shopId,
    fingerprint: fingerprintShown(key),
  };
}
