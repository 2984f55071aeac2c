/**
 * The messages between the terminal service and the kiosk page, over one
 * WebSocket at /scans. Both sides parse what they receive with these schemas, so
 * a message of the wrong shape is dropped with a log line, never half-handled.
 *
 * The flow is one way (scanner → journal → socket → data layer → screen):
 *  - the service sends every journaled scan that the page has not yet
 *    acknowledged, in journal order, first after `hello` and then as they come;
 *  - the page stores each scan in IndexedDB (idempotent by id) and sends `ack`
 *    only after that transaction has committed;
 *  - the service trims acknowledged scans from its journal.
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

export const RejectedScanSchema = v.object({
  scannerId: v.string(),
  reason: v.picklist(['empty', 'too-long', 'control-bytes', 'bad-check-digit']),
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
  /** Machine-readable cause for the screen to translate. */
  cause: v.optional(v.picklist(['not-found', 'busy', 'permission', 'unplugged', 'other'])),
});
export type ScannerState = v.InferOutput<typeof ScannerStateSchema>;

export const ServerMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('hello'),
    bootId: v.string(),
    version: v.string(),
    scanners: v.array(ScannerStateSchema),
  }),
  v.object({ type: v.literal('scan'), scan: ScanSchema }),
  v.object({ type: v.literal('rejected'), rejected: RejectedScanSchema }),
  v.object({ type: v.literal('scanner'), scanner: ScannerStateSchema }),
]);
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;

/** Bound on ids per ack and on wedge line length, so one message cannot be huge. */
export const MAX_ACK_IDS = 1000;

export const ClientMessageSchema = v.variant('type', [
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
