/**
 * The backup bundle's framing, shared by the page (src/data/backup.ts writes
 * and restores it) and the service (device/backups.ts checks and keeps it):
 *   "SHOP-TERMINAL-BACKUP 1\n"  magic line
 *   header JSON + "\n"          when, what, the payload's size and SHA-256
 *   payload                     gzip of, per store: {"store":NAME,"count":N} then N records, one JSON per line
 */
export const BACKUP_MAGIC = 'SHOP-TERMINAL-BACKUP 1\n';
export const BACKUP_EXTENSION = '.shopbackup';

export interface BackupSummary {
  products: number;
  movements: number;
  scans: number;
  /** The most recent sale (by recording order), for the owner to recognise the bundle. */
  lastSale: { code: string; quantity: number; day: string; at: number } | null;
}

export interface BackupHeader {
  format: 1;
  database: string;
  dbVersion: number;
  /** Wall-clock ms when it was made, for people (the clock may have been wrong). */
  createdAt: number;
  /** Records per store. */
  stores: Record<string, number>;
  summary: BackupSummary;
  payloadBytes: number;
  payloadSha256: string;
}

export type BackupErrorReason = 'not-a-backup' | 'damaged' | 'other-version' | 'not-empty';

/** A bundle that cannot be kept or restored; `reason` says why, for the screen. */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly reason: BackupErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** The header of a bundle (from its first bytes), and where its payload starts. */
export function parseBackupHeader(bytes: Uint8Array): { header: BackupHeader; payloadOffset: number } {
  const magic = new TextEncoder().encode(BACKUP_MAGIC);
  if (bytes.byteLength < magic.byteLength || magic.some((b, i) => bytes[i] !== b)) {
    throw new BackupError('not-a-backup', 'This file is not a shop terminal backup.');
  }
  const end = bytes.indexOf(0x0a, magic.byteLength);
  if (end < 0) throw new BackupError('damaged', 'The backup is damaged (its header is cut off).');
  let header: BackupHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(magic.byteLength, end))) as BackupHeader;
  } catch {
    throw new BackupError('damaged', 'The backup is damaged (its header cannot be read).');
  }
  if (
    header?.format !== 1 ||
    typeof header.payloadSha256 !== 'string' ||
    typeof header.payloadBytes !== 'number' ||
    typeof header.createdAt !== 'number'
  ) {
    throw new BackupError('damaged', 'The backup is damaged (its header is incomplete).');
  }
  return { header, payloadOffset: end + 1 };
}
