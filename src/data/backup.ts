/**
 * Backups of the whole database and restoring one into an empty profile.
 *
 * The bundle's framing is in src/domain/backup-format.ts. The header is readable without unpacking (the restore preview); the checksum
 * covers the payload, so a damaged file is refused before anything is written.
 *
 * Compression is the browser's own CompressionStream (native zlib in
 * Chromium); SHA-256 is crypto.subtle. The export reads every store in one
 * read-only transaction: one consistent moment of the shop, even while it sells.
 */
import { unwrap } from 'idb';
import { DB_NAME, getDb, type KioskStore } from './db.ts';
import { forgetProducts } from './product-cache.ts';
import { requireRole } from './roles.ts';
import { appendAudit } from './audit.ts';
import type { StockMovement } from '../domain/product.ts';
import type { MovementBlock, ScanDayBlock } from './schema.ts';
import { raiseMovementIds, ROWS_ONLY_VERSION, RowsIntoBlocks } from './backup-rows.ts';
import { BACKUP_MAGIC, BackupError, parseBackupHeader, type BackupHeader, type BackupSummary } from '../domain/backup-format.ts';
import { fromBase64, toBase64 } from '../domain/base64.ts';

/** Records per read; big enough to amortise a request, small enough for memory. */
const BATCH = 5000;
/** Records per restore write transaction: fewer, bigger commits. */
const WRITE_BATCH = 20_000;
/**
 * Blocks (v10) hold up to thousands of rows each: they are read a hundred at a
 * time and written once their text reaches a few megabytes, so memory stays
 * bounded by bytes, not by a count of records (a Pi has little to spare).
 */
const BLOCK_STORES: ReadonlySet<KioskStore> = new Set(['movementBlocks', 'scanBlocks']);
const BLOCK_BATCH = 100;
const WRITE_BATCH_CHARS = 8_000_000;

/**
 * Stores whose records hold Blobs (the display's pictures). JSON has no Blob:
 * their records are written after the read transaction (a Blob's bytes are
 * read asynchronously, which would end it) with each Blob as
 * {"$blob": type, "base64": bytes}, and turned back into Blobs on restore.
 */
const BLOB_STORES: ReadonlySet<KioskStore> = new Set(['pictures']);

/** The first DB version whose bundles this version restores unchanged. */
const RECORDS_AS_IS_SINCE = 10;

/** Kept by each terminal itself: never written by a restore, never cleared by a failed one. */
const TERMINAL_OWN_STORES: ReadonlySet<KioskStore> = new Set(['staff', 'audit', 'security']);

export { BACKUP_EXTENSION, BackupError, type BackupHeader, type BackupSummary } from '../domain/backup-format.ts';

/** Export every store into a bundle. */
/** Records done of all there are; called as a backup or a restore goes (the owner's progress bar). */
export type BackupProgress = (done: number, total: number) => void;

export async function createBackup(
  now: number = Date.now(),
  onProgress?: BackupProgress,
): Promise<{ bytes: Uint8Array; header: BackupHeader }> {
  const db = await getDb();
  const names = [...db.objectStoreNames] as KioskStore[];
  const compressor = new CompressionStream('gzip');
  const compressed = new Response(compressor.readable).arrayBuffer();
  const writer = compressor.writable.getWriter();
  const encoder = new TextEncoder();
  // Not awaited: awaiting anything but this transaction's requests would end it.
  // The compressor queues what it has not done yet; close() below waits for it all.
  const write = (text: string) => void writer.write(encoder.encode(text)).catch(() => undefined);

  const stores: Record<string, number> = {};
  let lastSale: BackupSummary['lastSale'] = null;
  const tx = db.transaction(names, 'readonly');
  const counts = await Promise.all(names.map((name) => tx.objectStore(name).count()));
  const total = counts.reduce((a, b) => a + b, 0);
  let done = 0;
  onProgress?.(0, total);
  const withBlobs: Array<{ name: KioskStore; records: unknown[] }> = [];
  // The summary counts movements and scans, rows and those in blocks alike.
  let movementsInBlocks = 0;
  let scansInBlocks = 0;
  let lastSaleInBlocks: StockMovement | undefined;
  const countBlocks = (name: KioskStore, batch: unknown[]) => {
    if (name === 'scanBlocks') for (const b of batch as ScanDayBlock[]) scansInBlocks += b.scans.length;
    if (name !== 'movementBlocks') return;
    for (const b of batch as MovementBlock[]) {
      movementsInBlocks += b.movements.length;
      for (const m of b.movements) if (m.kind === 'sale' && m.id > (lastSaleInBlocks?.id ?? 0)) lastSaleInBlocks = m;
    }
  };
  for (const [i, name] of names.entries()) {
    const store = tx.objectStore(name);
    if (BLOB_STORES.has(name)) {
      // Blob handles only (a few hundred small records); their bytes are read below.
      const records = (await store.getAll()) as unknown[];
      stores[name] = records.length;
      withBlobs.push({ name, records });
      done += records.length;
      continue;
    }
    const count = counts[i]!;
    stores[name] = count;
    write(`${JSON.stringify({ store: name, count })}\n`);
    // The next batch is asked for before this one is turned into text, so the
    // database (in the browser process) reads while this page serialises.
    const size = BLOCK_STORES.has(name) ? BLOCK_BATCH : BATCH;
    let next = store.getAll(undefined, size);
    for (;;) {
      const batch = (await next) as unknown[];
      const full = batch.length === size;
      if (full) next = store.getAll(IDBKeyRange.lowerBound(keyOf(store.keyPath, batch[batch.length - 1]), true), size);
      countBlocks(name, batch);
      let text = '';
      for (const record of batch) text += `${JSON.stringify(record)}\n`;
      if (text) write(text);
      done += batch.length;
      onProgress?.(done, total);
      if (!full) break;
    }
  }
  // The last sale: movements in recording order, newest first.
  if (names.includes('movements')) {
    let cursor = await tx.objectStore('movements').openCursor(null, 'prev');
    while (cursor && !lastSale) {
      const movement = cursor.value as StockMovement;
      if (movement.kind === 'sale') lastSale = { code: movement.code, quantity: movement.quantity, day: movement.day, at: movement.at };
      else cursor = await cursor.continue();
    }
  }
  await tx.done;
  if (!lastSale && lastSaleInBlocks) {
    const m = lastSaleInBlocks;
    lastSale = { code: m.code, quantity: m.quantity, day: m.day, at: m.at };
  }
  for (const { name, records } of withBlobs) {
    write(`${JSON.stringify({ store: name, count: records.length })}\n`);
    // One picture's bytes at a time: memory stays at one picture, not all of them.
    for (const record of records) write(`${JSON.stringify(await blobsToJson(record))}\n`);
  }
  await writer.close();
  const payload = new Uint8Array(await compressed);

  const header: BackupHeader = {
    format: 1,
    database: DB_NAME,
    dbVersion: db.version,
    createdAt: now,
    stores,
    summary: {
      products: stores.products ?? 0,
      movements: (stores.movements ?? 0) + movementsInBlocks,
      scans: (stores.scans ?? 0) + scansInBlocks,
      lastSale,
    },
    payloadBytes: payload.byteLength,
    payloadSha256: await sha256Hex(payload),
  };
  const head = encoder.encode(`${BACKUP_MAGIC}${JSON.stringify(header)}\n`);
  const bytes = new Uint8Array(head.byteLength + payload.byteLength);
  bytes.set(head, 0);
  bytes.set(payload, head.byteLength);
  return { bytes, header };
}

/** The header, for the preview; refuses what is not a bundle. Does not check the payload. */
export function readBackupHeader(bytes: Uint8Array): { header: BackupHeader; payloadOffset: number } {
  return parseBackupHeader(bytes);
}

/** Header plus a check of the payload against its size and checksum. */
export async function verifyBackup(bytes: Uint8Array): Promise<{ header: BackupHeader; payload: Uint8Array }> {
  const { header, payloadOffset } = readBackupHeader(bytes);
  const payload = bytes.subarray(payloadOffset);
  if (payload.byteLength !== header.payloadBytes) {
    throw new BackupError(
      'damaged',
      `The backup is damaged: ${payload.byteLength} bytes of data where ${header.payloadBytes} were written.`,
    );
  }
  if ((await sha256Hex(payload)) !== header.payloadSha256) {
    throw new BackupError('damaged', 'The backup is damaged: its checksum does not match. Nothing was restored.');
  }
  return { header, payload };
}

/**
 * Restore a bundle into this profile, which must be empty (a new or wiped
 * terminal): owner only, checksum verified first, and if anything fails while
 * writing, every store is emptied again, so the profile is as it was.
 */
export async function restoreBackup(bytes: Uint8Array, onProgress?: BackupProgress): Promise<BackupHeader> {
  // The restore is many transactions (a million records do not fit one), so its
  // audit entry is written once it has succeeded: a refused or failed restore is never logged as done.
  const audit = requireRole('restore');
  const { header, payload } = await verifyBackup(bytes);
  const db = await getDb();
  // A bundle from the last version with rows only is converted on the way in.
  const fromRows = header.dbVersion === ROWS_ONLY_VERSION && db.version > ROWS_ONLY_VERSION ? new RowsIntoBlocks(Date.now()) : undefined;
  // Versions since only added stores (11: boardReads, 12: basketLines), whose records it reads as they are.
  const asIs = header.dbVersion >= RECORDS_AS_IS_SINCE && header.dbVersion <= db.version;
  if (header.database !== DB_NAME || (!asIs && !fromRows)) {
    throw new BackupError(
      'other-version',
      `The backup is from database version ${header.dbVersion}; this terminal has version ${db.version}. Install the matching release first.`,
    );
  }
  const allNames = [...db.objectStoreNames] as KioskStore[];
  // The shop's data only: this terminal's own PINs, lockout and audit log stay as they are
  // (the owner signed in here to restore, and the log is never overwritten or cleared).
  const names = allNames.filter((name) => !TERMINAL_OWN_STORES.has(name));
  let highestMovementInBlocks = 0;
  for (const name of Object.keys(header.stores)) {
    if (!allNames.includes(name as KioskStore))
      throw new BackupError('other-version', `The backup has a store this terminal does not know: ${name}.`);
  }
  const counts = await Promise.all(names.map((name) => db.count(name)));
  if (counts.some((n) => n > 0)) {
    throw new BackupError('not-empty', 'This terminal already holds data: a backup is restored into an empty profile only.');
  }

  const total = Object.values(header.stores).reduce((a, b) => a + b, 0);
  let done = 0;
  onProgress?.(0, total);
  try {
    const written: Record<string, number> = {};
    let store: KioskStore | undefined;
    /** The records' lines, parsed together at the flush: one JSON.parse per batch, not per record. */
    let pending: string[] = [];
    let pendingChars = 0;
    let skipping = false;
    // One write transaction in flight while the next batch is parsed: the
    // database commits in the browser process while this page parses.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (!store || pending.length === 0) return;
      let records: unknown[];
      try {
        records = JSON.parse(`[${pending.join(',')}]`) as unknown[];
        if (BLOB_STORES.has(store)) records = records.map(revivedBlobs);
      } catch {
        throw new BackupError('damaged', `The backup is damaged: a record of ${store} cannot be read.`);
      }
      // Relaxed: the restore is checked record by record at the end (the counts) and
      // emptied again on any failure, so no single batch needs to reach the disk on its own.
      written[store] = (written[store] ?? 0) + records.length;
      done += records.length;
      if (store === 'movementBlocks')
        for (const b of records as MovementBlock[])
          highestMovementInBlocks = Math.max(highestMovementInBlocks, b.movements.at(-1)?.id ?? 0);
      if (fromRows) records = fromRows.take(store, records);
      const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' });
      // The raw store: one idb promise per put is pure overhead for a million puts.
      const target = unwrap(tx.objectStore(store)) as IDBObjectStore;
      for (const record of records) target.put(record);
      pending = [];
      pendingChars = 0;
      const previous = inFlight;
      inFlight = tx.done;
      // Observed here, awaited later: a failure surfaces at the next flush or the end.
      inFlight.catch(() => undefined);
      await previous;
      onProgress?.(done, total);
    };
    const startStore = (text: string) => {
      const section = JSON.parse(text) as { store: KioskStore };
      store = section.store;
      if (!allNames.includes(store)) throw new BackupError('damaged', `The backup names an unknown store: ${store}.`);
      written[store] = 0;
      skipping = TERMINAL_OWN_STORES.has(store);
    };
    const line = (text: string): Promise<void> | undefined => {
      if (text.startsWith('{"store":')) return flush().then(() => startStore(text));
      if (!store) throw new BackupError('damaged', 'The backup is damaged: data before any store.');
      if (skipping) {
        written[store]!++;
        done++;
        return undefined;
      }
      pending.push(text);
      pendingChars += text.length;
      return pending.length >= WRITE_BATCH || pendingChars >= WRITE_BATCH_CHARS ? flush() : undefined;
    };
    await eachLine(payload, line);
    await flush();
    await inFlight;
    if (fromRows) highestMovementInBlocks = Math.max(highestMovementInBlocks, await fromRows.finish(db));
    await raiseMovementIds(db, highestMovementInBlocks);
    // Skipped stores (this terminal's own) count as done too; the last may be one of them.
    onProgress?.(done, total);
    for (const [name, count] of Object.entries(header.stores)) {
      if ((written[name] ?? 0) !== count) {
        throw new BackupError('damaged', `The backup is damaged: ${written[name] ?? 0} records of ${name} where ${count} were saved.`);
      }
    }
  } catch (error) {
    const tx = db.transaction(names, 'readwrite');
    await Promise.all([...names.map((name) => tx.objectStore(name).clear()), tx.done]);
    throw error;
  } finally {
    forgetProducts();
  }
  await appendAudit({ ...audit, detail: `backup made ${new Date(header.createdAt).toISOString()}` });
  return header;
}

/**
 * A content hash per store: SHA-256 over the records in key order, in fixed
 * batches. Two databases with the same hashes hold the same records.
 */
export async function storeContentHashes(): Promise<Record<string, string>> {
  const db = await getDb();
  const names = [...db.objectStoreNames] as KioskStore[];
  const tx = db.transaction(names, 'readonly');
  const encoder = new TextEncoder();
  const digests: Record<string, Promise<ArrayBuffer>[]> = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    const parts: Promise<ArrayBuffer>[] = [];
    digests[name] = parts;
    let after: IDBValidKey | undefined;
    for (;;) {
      const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
      const batch = (await store.getAll(range, BATCH)) as unknown[];
      if (batch.length === 0) break;
      // Started now, awaited after the transaction (awaiting here would end it).
      // A Blob is '{}' to JSON: a store of them is hashed with its bytes, after the transaction.
      parts.push(
        BLOB_STORES.has(name)
          ? Promise.resolve().then(async () =>
              crypto.subtle.digest('SHA-256', encoder.encode(JSON.stringify(await Promise.all(batch.map(blobsToJson))))),
            )
          : crypto.subtle.digest('SHA-256', encoder.encode(JSON.stringify(batch))),
      );
      after = keyOf(store.keyPath, batch[batch.length - 1]);
      if (batch.length < BATCH) break;
    }
  }
  await tx.done;
  const hashes: Record<string, string> = {};
  for (const name of names) {
    const parts = await Promise.all(digests[name]!);
    hashes[name] = await sha256Hex(encoder.encode(parts.map(hex).join('')));
  }
  return hashes;
}

function keyOf(keyPath: string | string[] | null, record: unknown): IDBValidKey {
  if (keyPath === null) throw new Error('backup: every store has a key path');
  const value = record as Record<string, IDBValidKey>;
  return Array.isArray(keyPath) ? keyPath.map((k) => value[k]!) : value[keyPath]!;
}

/**
 * Every line of the payload, in order, to `each`. Lines are cut from each
 * decompressed chunk in a plain loop (an async generator would cost a promise
 * round trip per record); `each` answers a promise only when it has work to
 * wait for (a flush), so most lines cost no await at all.
 */
async function eachLine(payload: Uint8Array, each: (line: string) => Promise<void> | undefined): Promise<void> {
  const reader = new Blob([payload as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .pipeThrough(new TextDecoderStream())
    .getReader();
  // Only reading is a sign of a damaged bundle; a failure writing (a full disk) is reported as itself.
  const read = async () => {
    try {
      return await reader.read();
    } catch (error) {
      throw new BackupError('damaged', `The backup is damaged: ${(error as Error).message}`);
    }
  };
  let rest = '';
  try {
    for (let chunk = await read(); !chunk.done; chunk = await read()) {
      rest += chunk.value;
      let start = 0;
      for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n', start)) {
        if (end > start) {
          const waiting = each(rest.slice(start, end));
          if (waiting) await waiting;
        }
        start = end + 1;
      }
      rest = rest.slice(start);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }
  if (rest) await each(rest);
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface BlobJson {
  $blob: string;
  base64: string;
}

/** A record with each top-level Blob as {"$blob": type, "base64": …}, for JSON. */
async function blobsToJson(record: unknown): Promise<unknown> {
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) {
    if (value instanceof Blob)
      out[key] = { $blob: value.type, base64: toBase64(new Uint8Array(await value.arrayBuffer())) } satisfies BlobJson;
  }
  return out;
}

/** The inverse of blobsToJson. */
function revivedBlobs(record: unknown): unknown {
  const out = record as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof (value as BlobJson).$blob === 'string' &&
      typeof (value as BlobJson).base64 === 'string'
    ) {
      const { $blob: type, base64 } = value as BlobJson;
      out[key] = new Blob([fromBase64(base64)], { type });
    }
  }
  return out;
}
