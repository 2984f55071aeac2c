/**
 * One bundle file to the supplier's collector (`POST /bundles`): what the
 * terminal's outbox does with each file, and what `npm run fleet:import DIR`
 * does with a rep's USB folder. The file goes as it is — a `.gz` with
 * Content-Encoding: gzip — because the signature covers the bundle's canonical
 * JSON, not the bytes that travel.
 *
 * The Idempotency-Key is the file's name and a hash of its bytes: the same
 * file sent again (a lost answer, a restart, the USB copy of a bundle already
 * pushed) is the same request to the collector.
 */
import { createHash } from 'node:crypto';

/** Names the terminal writes: `<terminal>-<period>-<sequence>.fleet.json(.gz)`. */
export const BUNDLE_FILE_NAME = /^[A-Za-z0-9._-]{1,160}\.fleet\.json(\.gz)?$/;

export type UploadOutcome =
  /** Stored, or already stored before (a duplicate): either way the collector has it. */
  | { kind: 'delivered'; status: number; duplicate: boolean; boardToken?: string; district?: string }
  /** The collector refused the bundle itself: sending it again will not help. */
  | { kind: 'refused'; status: number; error: string; message: string }
  /** Not reached, or a passing fault (5xx, 429, time-out): try again later. */
  | { kind: 'retry'; status: number | null; message: string };

export function idempotencyKeyOf(name: string, bytes: Uint8Array): string {
  return `${name.slice(0, 120)}:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
}

export async function uploadBundleFile(
  collector: string,
  name: string,
  bytes: Uint8Array,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<UploadOutcome> {
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': idempotencyKeyOf(name, bytes),
  };
  if (name.endsWith('.gz')) headers['content-encoding'] = 'gzip';
  let response: Response;
  try {
    response = await doFetch(new URL('/bundles', collector), {
      method: 'POST',
      headers,
      body: bytes as Uint8Array<ArrayBuffer>,
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  } catch (error) {
    return { kind: 'retry', status: null, message: (error as Error).message };
  }
  const text = await response.text().catch(() => '');
  let body: { duplicate?: boolean; boardToken?: unknown; district?: unknown; error?: string; zh?: string; en?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not the collector's JSON (a proxy's page): judged by the status alone
  }
  if (response.status === 200 || response.status === 201)
    return {
      kind: 'delivered',
      status: response.status,
      duplicate: body.duplicate === true,
      // The collector's answer to a verified bundle: what lets the terminal read its board (device/board.ts).
      ...(typeof body.boardToken === 'string' ? { boardToken: body.boardToken } : {}),
      // Where the collector enrolled this terminal: how it learns its district (device/outbox.ts keeps it).
      ...(typeof body.district === 'string' ? { district: body.district } : {}),
    };
  const message = body.zh && body.en ? `${body.zh} / ${body.en}` : `HTTP ${response.status} ${text.slice(0, 200)}`;
  // 408 and 429 pass; 5xx is the collector's or its database's trouble. Other 4xx are about this bundle.
  if (response.status >= 500 || response.status === 408 || response.status === 429)
    return { kind: 'retry', status: response.status, message };
  return { kind: 'refused', status: response.status, error: body.error ?? `http-${response.status}`, message };
}
