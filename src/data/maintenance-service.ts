/**
 * What the owner's 数据安全 panel asks of the terminal service that served the
 * page: its backups (GET/PUT /backups, GET /backups/file; device/backups.ts),
 * the clock (GET /clock; device/clock.ts), the version and the last offline
 * update's result (GET /update; device/updates.ts). Plain HTTP, no IndexedDB:
 * it lives in src/data beside usb-files.ts, the other way the screens reach the
 * service. Tests hand the panel their own.
 */
import type { BackupHeader } from '../domain/backup-format.ts';

export interface ListedBackup {
  name: string;
  /** On the terminal's card, or on a plugged-in USB stick. */
  where: 'terminal' | 'usb';
  size: number;
  header: BackupHeader;
}

/** device/clock.ts's ClockState, as the page reads it. */
export interface ClockReport {
  synchronized: boolean | 'unknown';
  source: string;
  /** The date is before 2025: certainly wrong. */
  implausible: boolean;
  /** Jumps of the wall clock against the monotonic clock since the service started. */
  jumps: { at: number; byMs: number }[];
  /** The service thinks the owner should be told the date may be wrong. */
  warn: boolean;
  now: number;
}

/** device/update.ts's UpdateResult, as written for the page. */
export interface UpdateReport {
  outcome: 'installed' | 'rolled-back' | 'refused' | 'already-installed';
  running: string;
  offered?: string;
  message: string;
  at: string;
  /** After a rollback: did the old release answer its health check again? */
  rollback?: 'healthy' | 'unhealthy';
}

/** device/update-progress.ts's UpdateProgress: the step an update under way has reached. */
export interface UpdateProgressReport {
  step: 'copying' | 'waiting' | 'checking' | 'unpacking' | 'starting' | 'rolling-back';
  offered: string;
}

export interface VersionReport {
  version: string;
  result: UpdateReport | null;
  /** An update under way, or null. */
  progress: UpdateProgressReport | null;
  /** Release bundles on the plugged-in USB sticks. */
  bundles: string[];
}

export interface MaintenanceService {
  /** undefined when the service cannot be reached (a dev server, no service). */
  listBackups(): Promise<ListedBackup[] | undefined>;
  /** Keep a bundle (the service checks it, keeps it, copies it to a stick). */
  saveBackup(bytes: Uint8Array): Promise<{ name: string; usb: string[] }>;
  readBackup(name: string, where: ListedBackup['where']): Promise<Uint8Array>;
  clock(): Promise<ClockReport | undefined>;
  version(): Promise<VersionReport | undefined>;
  /** Start installing a release bundle from the stick; the steps and result show in version(). */
  installUpdate(name: string): Promise<void>;
}

export class MaintenanceServiceError extends Error {
  override name = 'MaintenanceServiceError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`service: ${status} ${reason}`);
  }
}

/** The terminal service that served this page (same origin). */
export class HttpMaintenanceService implements MaintenanceService {
  constructor(private readonly base = '') {}

  async listBackups(): Promise<ListedBackup[] | undefined> {
    const body = await this._json<{ backups?: ListedBackup[] }>('/backups');
    return Array.isArray(body?.backups) ? body.backups : undefined;
  }

  async saveBackup(bytes: Uint8Array): Promise<{ name: string; usb: string[] }> {
    const res = await fetch(`${this.base}/backups`, { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer> });
    if (!res.ok) throw new MaintenanceServiceError(res.status, await reasonOf(res));
    const body = (await res.json()) as { name: string; usb?: string[] };
    return { name: body.name, usb: body.usb ?? [] };
  }

  async readBackup(name: string, where: ListedBackup['where']): Promise<Uint8Array> {
    const res = await fetch(`${this.base}/backups/file?name=${encodeURIComponent(name)}&where=${where}`, { cache: 'no-store' });
    if (!res.ok) throw new MaintenanceServiceError(res.status, await reasonOf(res));
    return new Uint8Array(await res.arrayBuffer());
  }

  clock(): Promise<ClockReport | undefined> {
    return this._json<ClockReport>('/clock');
  }

  async version(): Promise<VersionReport | undefined> {
    const body = await this._json<Partial<VersionReport>>('/update');
    return typeof body?.version === 'string'
      ? { version: body.version, result: body.result ?? null, progress: body.progress ?? null, bundles: body.bundles ?? [] }
      : undefined;
  }

  async installUpdate(name: string): Promise<void> {
    const res = await fetch(`${this.base}/update?name=${encodeURIComponent(name)}`, { method: 'POST' });
    if (!res.ok) throw new MaintenanceServiceError(res.status, await reasonOf(res));
  }

  private async _json<T>(path: string): Promise<T | undefined> {
    try {
      const res = await fetch(`${this.base}${path}`, { cache: 'no-store' });
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return undefined;
      return (await res.json()) as T;
    } catch {
      return undefined;
    }
  }
}

async function reasonOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: string; message?: string };
    return body.message ?? body.error ?? res.statusText;
  } catch {
    return res.statusText;
  }
}

/** A jump this recent is still news to the owner: the dates just before it may be wrong. */
export const RECENT_JUMP_MS = 24 * 3_600_000;

/**
 * Does the clock report mean the dates on screen may be wrong? Not synchronised
 * (or before 2025), or it jumped in the last day. Nothing known (no service, a
 * PC without timesyncd) is no warning.
 */
export function clockLooksWrong(clock: ClockReport | undefined): boolean {
  if (!clock) return false;
  return clock.warn || clock.implausible || clock.jumps.some((jump) => clock.now - jump.at < RECENT_JUMP_MS);
}
