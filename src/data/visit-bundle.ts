/**
 * The signed bundle the rep takes away (issue 12), terminal side.
 *
 * The terminal's own Ed25519 key pair is made on first use with WebCrypto and
 * kept in the `security` store, which is the terminal's own: a restore never
 * writes it, and a backup holds the private key as {} (a non-extractable
 * CryptoKey cannot be serialised), so a restored copy of the shop's data on
 * another terminal signs with that terminal's key, never this one's.
 *
 * Each bundle gets the next number of the terminal's bundle counter (also in
 * `security`); the collector takes a day's figures from the highest sequence.
 */
import {
  canonicalBundleBytes,
  MAX_BUNDLE_OWNER_MESSAGES,
  type FleetBundleV2,
  type FleetVisit,
  type SignedFleetBundle,
} from '../domain/fleet-bundle.ts';
import { quarterId, quarterOf, quarterRange, type Quarter } from '../domain/evaluation.ts';
import { summarizeFeedback } from '../domain/feedback.ts';
import { localDay } from '../domain/product.ts';
import { DEFAULT_REORDER_SETTINGS, type BusinessFormat } from '../domain/reorder/settings.ts';
import { dailyTotals } from './history.ts';
import { buildVisitBundle } from '../domain/visit-bundle.ts';
import { summarizeVisit } from '../domain/visit.ts';
import { errorBasisPoints } from '../domain/evaluation-figures.ts';
import { getDb } from './db.ts';
import type { StocktakeSessionRecord, VisitRecord } from './schema.ts';
import type { HttpUsbService, UsbService } from './usb-files.ts';
import { OutboxError, type OutboxService } from './outbox.ts';
import { fromBase64, toBase64 } from '../domain/base64.ts';

/** Acknowledgements a bundle holds at most (the bundle schema's limit). */
const MAX_BOARD_ACKS = 1000;

/** The business format's name as the supplier's forms (and the collector) write it. */
const FORMAT_NAMES: Record<BusinessFormat, string> = {
  grocery: '食杂店',
  convenience: '便利店',
  supermarket: '超市',
  mall: '商场',
  'tobacco-liquor': '烟酒商店',
  entertainment: '娱乐服务类',
  other: '其他',
};

export interface TerminalKey {
  privateKey: CryptoKey;
  /** Raw 32-byte public key, base64: the bundle header's publicKey. */
  publicKey: string;
}

/** The terminal's signing key, made on first use (a second caller racing the first gets the one stored). */
export async function getTerminalKey(now = Date.now()): Promise<TerminalKey> {
  const db = await getDb();
  const stored = await db.get('security', 'signing-key');
  if (stored && stored.key === 'signing-key') return { privateKey: stored.privateKey, publicKey: stored.publicKey };
  // Not extractable: the private key can sign here and never leave this browser profile.
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  try {
    await db.add('security', { key: 'signing-key', privateKey: pair.privateKey, publicKey, createdAt: now });
    return { privateKey: pair.privateKey, publicKey };
  } catch (error) {
    if ((error as DOMException).name !== 'ConstraintError') throw error;
    const other = await db.get('security', 'signing-key');
    if (!other || other.key !== 'signing-key') throw error;
    return { privateKey: other.privateKey, publicKey: other.publicKey };
  }
}

/**
 * What the terminal shows and the rep reads back at enrolment (fleet/keys.ts
 * keyFingerprint, the same formula): the first 16 bytes of SHA-256 over the
 * raw key, as eight groups of four hex digits.
 */
export async function keyFingerprint(publicKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64(publicKey)));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{4}/g)!.join(' ');
}

/** The terminal's id in bundles: 'T' and the first 12 hex digits of its key's fingerprint (stable, unique enough per district). */
export async function terminalId(publicKey: string): Promise<string> {
  return `T${(await keyFingerprint(publicKey)).replace(/ /g, '').slice(0, 12)}`;
}

/** The next bundle number (1, 2, …), counted in the same transaction that reads it. */
export async function nextBundleSequence(): Promise<number> {
  const db = await getDb();
  const tx = db.transaction('security', 'readwrite');
  const current = await tx.store.get('bundle-sequence');
  const next = (current && current.key === 'bundle-sequence' ? current.last : 0) + 1;
  await tx.store.put({ key: 'bundle-sequence', last: next });
  await tx.done;
  return next;
}

export async function signBundle(bundle: FleetBundleV2, key: TerminalKey): Promise<SignedFleetBundle> {
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, canonicalBundleBytes(bundle) as Uint8Array<ArrayBuffer>),
  );
  return { bundle, signature: toBase64(signature) };
}

/** Verify a signed bundle with the public key in its own header (what the rep's check on screen does; the collector pins the key). */
export async function verifyBundle(signed: SignedFleetBundle): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64(signed.bundle.publicKey), { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      fromBase64(signed.signature),
      canonicalBundleBytes(signed.bundle) as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}

export interface VisitBundleFile {
  signed: SignedFleetBundle;
  /** The signed envelope as JSON. */
  text: string;
  /** The file's bytes: `text` gzip'd (a quarter's daily rows are megabytes as text, a tenth of that gzip'd). */
  gzip: Uint8Array;
  /** '<terminal>-<period>-<sequence>.fleet.json.gz' */
  fileName: string;
  skippedProducts: number;
}

/**
 * Build and sign the bundle of `period` (a quarter: quarterRange) with the
 * quarter's evaluation when one is graded and the visit the visit flow hands
 * in. District: the one the collector enrolled the terminal in, as the outbox learnt it
 * (districtOf); 'unassigned' until told.
 */
export async function makeVisitBundle(options: {
  period: { from: string; to: string };
  quarter?: Quarter;
  visit: FleetVisit | null;
  district?: string;
  now?: number;
}): Promise<VisitBundleFile> {
  const { period } = options;
  const key = await getTerminalKey(options.now);
  const db = await getDb();
  const tx = db.transaction(
    ['products', 'dayProducts', 'sessions', 'orders', 'feedback', 'settings', 'evaluations', 'boardReads', 'ownerMessages'],
    'readonly',
  );
  const [products, totals, stocktakes, placed, received, feedback, reorder, evaluation, boardReads, ownerMessages] = await Promise.all([
    tx.objectStore('products').getAll(),
    dailyTotals(tx, { from: period.from }),
    tx.objectStore('sessions').index('by-kind-status').getAll(['stocktake', 'closed']),
    tx.objectStore('orders').index('by-status').getAll('placed'),
    tx.objectStore('orders').index('by-status').getAll('received'),
    tx.objectStore('feedback').index('by-day').getAll(IDBKeyRange.bound(period.from, period.to)),
    tx.objectStore('settings').get('reorder'),
    options.quarter ? tx.objectStore('evaluations').get(quarterId(options.quarter)) : Promise.resolve(undefined),
    tx.objectStore('boardReads').getAll(),
    tx.objectStore('ownerMessages').getAll(),
  ]);
  await tx.done;
  const format = reorder && reorder.key === 'reorder' ? reorder.businessFormat : DEFAULT_REORDER_SETTINGS.businessFormat;
  const id = await terminalId(key.publicKey);
  const sequence = await nextBundleSequence();
  const { bundle, skippedProducts } = buildVisitBundle({
    header: {
      terminalId: id,
      publicKey: key.publicKey,
      district: options.district ?? 'unassigned',
      businessFormat: FORMAT_NAMES[format],
      sequence,
    },
    period,
    products,
    totals,
    visit: options.visit,
    evaluation: evaluation ?? null,
    stocktakes: (stocktakes as StocktakeSessionRecord[]).map((s) => ({
      day: localDay(s.closedAt ?? s.openedAt),
      errorBp: s.result && s.result.errorRate !== null ? errorBasisPoints(s.result.errorPacks, s.result.countedPacks) : null,
      withinStandard: s.result?.withinStandard,
    })),
    orders: [...placed, ...received]
      .filter((o) => o.placedDay !== undefined)
      .map((o) => ({ placedDay: o.placedDay!, lines: o.lines, totalCents: o.totalCents })),
    feedbackWeeks: summarizeFeedback(feedback).weeks,
    // Every item the owner has read, every time: the collector keeps each once, so a lost bundle loses no receipt.
    boardAcks: boardReads
      .sort((a, b) => b.readAt - a.readAt)
      .slice(0, MAX_BOARD_ACKS)
      .map((r) => ({
        itemId: r.itemId,
        seenOn: r.seenOn,
        ...(r.acceptedAt !== undefined ? { accepted: true as const } : {}),
        ...(r.quotasAppliedAt !== undefined ? { quotasApplied: true as const } : {}),
      })),
    // The newest of the owner's messages to the rep, every time (the collector keeps each once):
    // the store's auto-increment id is the order, never the clock.
    ownerMessages: ownerMessages
      .filter((m) => m.id !== undefined)
      .sort((a, b) => b.id! - a.id!)
      .slice(0, MAX_BUNDLE_OWNER_MESSAGES)
      .map((m) => ({ id: m.id!, text: m.text, writtenAt: m.writtenAt })),
  });
  const signed = await signBundle(bundle, key);
  const label = options.quarter ? quarterId(options.quarter) : `${period.from}_${period.to}`;
  const text = `${JSON.stringify(signed)}\n`;
  return { signed, text, gzip: await gzip(text), fileName: `${id}-${label}-${sequence}.fleet.json.gz`, skippedProducts };
}

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The text of a gzip'd bundle file. */
export async function gunzipText(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/** Write the bundle onto a stick (`target`: one of UsbListing.targets) and read it back to check it. */
export async function writeBundleToUsb(
  usb: Pick<UsbService, 'read'> & Pick<HttpUsbService, 'writeBytes'>,
  target: string,
  file: VisitBundleFile,
): Promise<{ path: string; verified: boolean }> {
  const path = `${target}/${file.fileName}`;
  await usb.writeBytes(path, file.gzip, 'application/gzip');
  const back = JSON.parse(await gunzipText(await usb.read(path))) as SignedFleetBundle;
  return { path, verified: (await verifyBundle(back)) && back.signature === file.signed.signature };
}

/** The stick the bundle goes to, and reading it back: the terminal service's USB endpoints (tests pass a fake). */
export type BundleUsb = Pick<UsbService, 'list' | 'read'> & Pick<HttpUsbService, 'writeBytes'>;

/** The signed bundle of a confirmed visit: the visit's quarter so far, with the quarter's grade when one is graded. */
/**
 * The district the collector enrolled this terminal in, as the outbox learnt it from its last
 * delivery; undefined (the bundle says 'unassigned', which the collector maps) before any, or
 * with no outbox.
 */
export async function districtOf(outbox?: OutboxService): Promise<string | undefined> {
  return (await outbox?.state())?.district ?? undefined;
}

export async function makeBundleOfVisit(
  visit: VisitRecord,
  today: string = localDay(Date.now()),
  district?: string,
): Promise<VisitBundleFile> {
  const quarter = quarterOf(visit.startDay);
  const range = quarterRange(quarter);
  const db = await getDb();
  const graded = await db.get('evaluations', quarterId(quarter));
  return makeVisitBundle({
    district,
    // The quarter so far: a bundle never claims days that have not happened.
    period: { from: range.from, to: range.to < today ? range.to : today < range.from ? range.from : today },
    quarter,
    visit: {
      date: visit.startDay,
      rep: visit.repStaffId,
      grade: graded?.evaluation.grade ?? null,
      stockErrorBasisPoints: null,
      priceTagsMissing: summarizeVisit(visit).priceTagsMissing,
      notes: visit.notes.slice(0, 2000),
    },
  });
}

/** What became of the bundle handed to the terminal's outbox: kept for the collector, or why not. */
export type OutboxHandOver = { status: 'queued'; fileName: string } | { status: 'failed'; kind: OutboxError['kind']; message: string };

/** Hands a bundle file to the service's outbox; a failure is reported, not thrown (the USB copy does not depend on it). */
export async function handToOutbox(outbox: OutboxService, file: VisitBundleFile): Promise<OutboxHandOver> {
  try {
    await outbox.put(file.fileName, file.gzip);
    return { status: 'queued', fileName: file.fileName };
  } catch (error) {
    return { status: 'failed', kind: error instanceof OutboxError ? error.kind : 'refused', message: (error as Error).message };
  }
}

/** The owner has confirmed the visit: its signed bundle goes to the outbox, to reach the collector online. */
export async function sendVisitBundle(visit: VisitRecord, outbox: OutboxService, today?: string): Promise<OutboxHandOver> {
  return handToOutbox(outbox, await makeBundleOfVisit(visit, today, await districtOf(outbox)));
}

/**
 * The report the rep takes away (issue 12): the visit's quarter signed with the
 * terminal's key, onto the first USB stick, read back and verified, and the same
 * file into the outbox (the collector stores it once, whichever way it arrives).
 * No stick: 'no-stick', nothing written.
 */
export async function exportVisitBundle(
  visit: VisitRecord,
  usb: BundleUsb,
  today: string = localDay(Date.now()),
  outbox?: OutboxService,
): Promise<{ status: 'no-stick' } | { status: 'written'; path: string; verified: boolean; fileName: string; outbox?: OutboxHandOver }> {
  const listing = await usb.list();
  const target = listing?.targets[0];
  if (!target) return { status: 'no-stick' };
  const file = await makeBundleOfVisit(visit, today, await districtOf(outbox));
  const written = await writeBundleToUsb(usb, target, file);
  return { status: 'written', ...written, fileName: file.fileName, ...(outbox ? { outbox: await handToOutbox(outbox, file) } : {}) };
}
