/**
 * Terminals not enrolled yet, noted by the fingerprint of the key their first
 * bundle was signed with (migration 1765100000000_pending-terminals), and the
 * district an enrolled terminal that still says 'unassigned' belongs to. Used
 * by the ingest; the rep's enrolment (fleet/enrolment.ts) reads the notes.
 */
import type pg from 'pg';
import type { FleetBundle } from '../src/domain/fleet-bundle.ts';
import { keyFingerprint } from './keys.ts';

/** A terminal noted but not enrolled for this long is forgotten. */
export const PENDING_DAYS = 30;

/** Lower case hex without spaces: how a fingerprint read off a screen is compared. */
export const fingerprintKey = (fingerprint: string): string => fingerprint.replace(/\s+/g, '').toLowerCase();

export async function notePendingTerminal(pool: pg.Pool, b: FleetBundle): Promise<void> {
  await pool.query(
    `INSERT INTO pending_terminals (fingerprint, terminal_id, public_key, business_format) VALUES ($1, $2, $3, $4)
     ON CONFLICT (fingerprint) DO UPDATE SET terminal_id = EXCLUDED.terminal_id, business_format = EXCLUDED.business_format, last_seen = now()`,
    [fingerprintKey(keyFingerprint(b.publicKey)), b.terminalId, b.publicKey, b.businessFormat],
  );
  await pool.query(`DELETE FROM pending_terminals WHERE last_seen < now() - make_interval(days => $1)`, [PENDING_DAYS]);
}

/** The district a terminal is enrolled in, found by its id and the key it signs with (one key, one terminal). */
export async function enrolledDistrict(pool: pg.Pool, terminalId: string, publicKey: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ district_id: string }>({
    name: 'fleet-terminal-district',
    text: 'SELECT district_id FROM terminals WHERE terminal_id = $1 AND public_key = $2 LIMIT 1',
    values: [terminalId, publicKey],
  });
  return rows[0]?.district_id;
}
