/**
 * The audit log (issue 10): role sessions, failed PINs and every owner-only
 * action with who and when. Append-only by construction: this module is the
 * only code that touches the 'audit' store, and it only adds and reads.
 */
import type { IDBPObjectStore } from 'idb';
import { getDb } from './db.ts';
import type { AuditEntry, KioskDB, KioskStore } from './schema.ts';

export type { AuditEntry, AuditKind } from './schema.ts';

/** An entry as the caller gives it: the log numbers it and stamps the time. */
export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'at'>;

/** Add one entry; resolves with its sequence number once it is written. */
export async function appendAudit(entry: NewAuditEntry, at: number = Date.now()): Promise<number> {
  const db = await getDb();
  // add(), never put(): an existing sequence number can never be overwritten.
  return db.add('audit', { ...entry, at });
}

/**
 * Add one entry inside the transaction of the action it records: it commits
 * with the action or not at all, so a crash cannot lose it and a refused or
 * failed action is never logged as done.
 */
export function appendAuditIn<Stores extends ArrayLike<KioskStore>>(
  store: IDBPObjectStore<KioskDB, Stores, 'audit', 'readwrite'>,
  entry: NewAuditEntry,
  at: number = Date.now(),
): Promise<number> {
  return store.add({ ...entry, at });
}

/** The newest `limit` entries, newest first (by recording order, not by the wall clock). */
export async function readAudit(limit = 200): Promise<AuditEntry[]> {
  const db = await getDb();
  const entries: AuditEntry[] = [];
  let cursor = await db.transaction('audit').store.openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}
