/**
 * The messages between the terminal service and the kiosk page, over one
 * WebSocket at /scans. Both sides parse what they receive with these schemas, so
 * a message of the wrong shape is dropped with a log line, never half-handled.
 *
 * The flow is one way (scanner → journal → socket → data layer → screen):
 *  - the service greets every connection with `hello` (scanners, journal health);
 *  - the page sends `subscribe` with its role ('counter'; later 'display' for
 *    the customer display). One page per role consumes scans: a second one
 *    takes over and the first is sent `replaced` (it must stop and say so);
 *  - the service offers the journaled scans of that role's scanners that are
 *    not yet acknowledged, in journal order, in `scans` messages, a bounded
 *    window at a time: more follow as acks come back;
 *  - the page stores each scan in IndexedDB (idempotent by id) and sends `ack`
 *    only after that transaction has committed; an ack counts only for ids
 *    offered on that same connection (others are ignored and counted);
 *  - the service trims acknowledged scans from its journal.
 * A scan the journal could not write (full or read-only disk) is never offered:
 * it comes as `rejected` with reason 'disk-full' / 'read-only' / 'journal-error',
 * and `journal` tells every page the journal's health until it recovers.
 */
import * as v from 'valibot';

export const SCAN_SOCKET_PATH = '/scans';

export const SymbologySchema = v.picklist(['ean13', 'ean8', 'upca', 'upce', 'itf14', 'gtin14', 'other']);

export const ScanSchema = v.object({
  /** Stable for ever: `${bootId}-${seq}`. */
  id: v.string(),
  /** Service boot counter: with `seq` it orders scans even when the wall clock jumps. */
  boot: v.number(),
  seq: v.number(),
  scannerId: v.string(),
  /** Product key: 14-digit GTIN for GS1 codes, cleaned text otherwise. */
  code: v.string(),
  /** The code as the scanner sent it (AIM identifier, prefix and suffix removed). */
  text: v.string(),
  symbology: SymbologySchema,
  verified: v.boolean(),
  /** Service wall-clock time in ms; for people, never for ordering. */
  receivedAt: v.number(),
});
export type Scan = v.InferOutput<typeof ScanSchema>;

/** Which page a scanner's scans are for: the counter page, or (later) the customer display. */
export const ScannerRoleSchema = v.picklist(['counter', 'display']);
export type ScannerRole = v.InferOutput<typeof ScannerRoleSchema>;

/** Why the journal cannot write: a full disk, a read-only one (SD card worn out), or other I/O errors. */
export const JournalProblemSchema = v.picklist(['disk-full', 'read-only', 'journal-error']);
export type JournalProblem = v.InferOutput<typeof JournalProblemSchema>;

export const JournalStateSchema = v.object({
  status: v.picklist(['ok', 'disk-full', 'read-only', 'journal-error']),
  /** errno code of the last failure, e.g. ENOSPC. */
  code: v.optional(v.string()),
  /** For logs and /healthz (English); the page words it itself. */
  message: v.optional(v.string()),
});
export type JournalState = v.InferOutput<typeof JournalStateSchema>;

export const RejectedScanSchema = v.object({
  scannerId: v.string(),
  /** A bad read, or (disk-full, read-only, journal-error) a good read the journal could NOT record. */
  reason: v.picklist(['empty', 'too-long', 'control-bytes', 'bad-check-digit', 'disk-full', 'read-only', 'journal-error']),
  /** Printable, shortened rendering of what arrived. */
  text: v.string(),
  receivedAt: v.number(),
});
export type RejectedScan = v.InferOutput<typeof RejectedScanSchema>;

export const ScannerStatusSchema = v.picklist(['connecting', 'connected', 'disconnected', 'error', 'off']);
export type ScannerStatus = v.InferOutput<typeof ScannerStatusSchema>;

export const ScannerStateSchema = v.object({
  id: v.string(),
  /** Device path in use, or null while none is found. */
  path: v.nullable(v.string()),
  status: ScannerStatusSchema,
  /** What went wrong, in words for the owner (English, for logs). */
  message: v.optional(v.string()),
  /** What to do about it, e.g. "add the user to the dialout group". */
  hint: v.optional(v.string()),
  /** Machine-readable cause for the screen to translate; the last three: its last scan was NOT recorded. */
  cause: v.optional(v.picklist(['not-found', 'busy', 'permission', 'unplugged', 'other', 'disk-full', 'read-only', 'journal-error'])),
  /** Which page its scans go to; absent means 'counter'. */
  role: v.optional(ScannerRoleSchema),
});
export type ScannerState = v.InferOutput<typeof ScannerStateSchema>;

/**
 * Scans per `scans` message at most. A backlog goes out in slices of this many,
 * so a week of scans costs a few hundred frames, not 100,000 (each frame is a
 * write on the service and a message event, parse and check on the page).
 */
export const MAX_SCANS_PER_MESSAGE = 128;

export const ServerMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('hello'),
    bootId: v.string(),
    version: v.string(),
    scanners: v.array(ScannerStateSchema),
    journal: v.optional(JournalStateSchema),
  }),
  /** Scans offered, oldest first: one live scan, or a slice of a backlog in one frame. */
  v.object({ type: v.literal('scans'), scans: v.pipe(v.array(ScanSchema), v.minLength(1), v.maxLength(MAX_SCANS_PER_MESSAGE)) }),
  v.object({ type: v.literal('journal'), journal: JournalStateSchema }),
  /** Another page subscribed to this role: this one gets no more scans and must not ack. */
  v.object({ type: v.literal('replaced'), role: ScannerRoleSchema }),
  v.object({ type: v.literal('rejected'), rejected: RejectedScanSchema }),
  v.object({ type: v.literal('scanner'), scanner: ScannerStateSchema }),
]);
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;

/** Bound on ids per ack and on wedge line length, so one message cannot be huge. */
export const MAX_ACK_IDS = 1000;

export const ClientMessageSchema = v.variant('type', [
  /** Sent first on each connection: which scanners' scans this page takes. */
  v.object({ type: v.literal('subscribe'), role: ScannerRoleSchema }),
  v.object({ type: v.literal('ack'), ids: v.pipe(v.array(v.string()), v.maxLength(MAX_ACK_IDS)) }),
  /** A line typed by a keyboard-wedge (USB HID) scanner into the page. */
  v.object({ type: v.literal('wedge'), line: v.pipe(v.string(), v.maxLength(1024)) }),
]);
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;

export function parseServerMessage(data: string): ServerMessage | undefined {
  return parseJson(ServerMessageSchema, data);
}

export function parseClientMessage(data: string): ClientMessage | undefined {
  return parseJson(ClientMessageSchema, data);
}

function parseJson<S extends v.GenericSchema>(schema: S, data: string): v.InferOutput<S> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  const result = v.safeParse(schema, value);
  return result.success ? result.output : undefined;
}

/** Order of scans independent of the wall clock. */
export function compareScans(a: Pick<Scan, 'boot' | 'seq'>, b: Pick<Scan, 'boot' | 'seq'>): number {
  return a.boot - b.boot || a.seq - b.seq;
}
