/**
 * The terminal service's outbox as the page sees it (device/outbox.ts): the
 * page hands each signed bundle to `PUT /outbox`, the service keeps it on disk
 * and pushes it to the supplier's collector when one is set. Tests pass a fake.
 */

import type { OutboxState } from '../domain/outbox-state.ts';

/** What `GET /outbox` answers. */
export type OutboxView = OutboxState;

export interface OutboxService {
  /** Keep a bundle file for the collector; throws OutboxError when the service did not take it. */
  put(name: string, bytes: Uint8Array): Promise<void>;
  /** The outbox now; undefined when the service has none (an older service) or cannot be reached. */
  state(): Promise<OutboxView | undefined>;
}

export class OutboxError extends Error {
  override name = 'OutboxError';
  constructor(
    /** 'unreachable': the service did not answer; 'refused': it answered with an error. */
    readonly kind: 'unreachable' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

export class HttpOutboxService implements OutboxService {
  constructor(private readonly base = '') {}

  async put(name: string, bytes: Uint8Array): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.base}/outbox?name=${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/gzip' },
        body: bytes as Uint8Array<ArrayBuffer>,
      });
    } catch (error) {
      throw new OutboxError('unreachable', (error as Error).message);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      throw new OutboxError(res.status === 404 ? 'unreachable' : 'refused', `${res.status} ${body.error ?? res.statusText}`);
    }
  }

  async state(): Promise<OutboxView | undefined> {
    try {
      const res = await fetch(`${this.base}/outbox`, { cache: 'no-store' });
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return undefined;
      const body = (await res.json()) as Partial<OutboxView>;
      if (!Array.isArray(body.pending) || !Array.isArray(body.refused)) return undefined;
      return {
        collector: body.collector ?? null,
        pending: body.pending,
        refused: body.refused,
        lastProblem: body.lastProblem ?? null,
        failures: body.failures ?? 0,
        delivered: body.delivered ?? 0,
        district: typeof body.district === 'string' ? body.district : null,
      };
    } catch {
      return undefined;
    }
  }
}
