/**
 * CSV files on the terminal's USB sticks, through the terminal service that
 * served the page (GET/PUT /usb/file, GET /usb/files; device/usb-files.ts).
 * Plain HTTP, no IndexedDB: it lives in src/data as the other way the
 * screens reach the shop's files.
 */

export interface UsbFileInfo {
  /** "<root name>/<path below the root>", as the service lists it. */
  path: string;
  name: string;
  size: number;
  mtime: number;
}

export interface UsbListing {
  files: UsbFileInfo[];
  truncated: boolean;
  /** Mounted sticks an export can be saved to (API paths of directories). */
  targets: string[];
}

/** What the screen needs from the service; tests may hand in their own. */
export interface UsbService {
  /** undefined when the service cannot be reached (a dev server, no service). */
  list(): Promise<UsbListing | undefined>;
  read(path: string): Promise<Uint8Array>;
  write(path: string, text: string): Promise<void>;
  /** Picture files (JPEG/PNG/WebP) on the sticks, for the display; undefined as list(). */
  listPictures?(): Promise<UsbListing | undefined>;
  readPicture?(path: string): Promise<Uint8Array>;
}

export class UsbServiceError extends Error {
  override name = 'UsbServiceError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`usb service: ${status} ${reason}`);
  }
}

/** The terminal service that served this page (same origin). */
export class HttpUsbService implements UsbService {
  constructor(private readonly base = '') {}

  list(): Promise<UsbListing | undefined> {
    return this.listOf('');
  }

  listPictures(): Promise<UsbListing | undefined> {
    return this.listOf('?kind=picture');
  }

  private async listOf(query: string): Promise<UsbListing | undefined> {
    try {
      const res = await fetch(`${this.base}/usb/files${query}`, { cache: 'no-store' });
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return undefined;
      const body = (await res.json()) as Partial<UsbListing>;
      if (!Array.isArray(body.files)) return undefined;
      return { files: body.files, truncated: body.truncated === true, targets: Array.isArray(body.targets) ? body.targets : [] };
    } catch {
      return undefined;
    }
  }

  read(path: string): Promise<Uint8Array> {
    return this.readOf(path, '');
  }

  readPicture(path: string): Promise<Uint8Array> {
    return this.readOf(path, '&kind=picture');
  }

  private async readOf(path: string, query: string): Promise<Uint8Array> {
    const res = await fetch(`${this.base}/usb/file?path=${encodeURIComponent(path)}${query}`, { cache: 'no-store' });
    if (!res.ok) throw new UsbServiceError(res.status, await errorReason(res));
    return new Uint8Array(await res.arrayBuffer());
  }

  async write(path: string, text: string): Promise<void> {
    return this.writeBytes(path, new TextEncoder().encode(text), 'text/csv; charset=utf-8');
  }

  /** Any bytes (the rep's gzip'd bundles, issue 12). */
  async writeBytes(path: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const res = await fetch(`${this.base}/usb/file?path=${encodeURIComponent(path)}`, {
      method: 'PUT',
      headers: { 'content-type': contentType },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    if (!res.ok) throw new UsbServiceError(res.status, await errorReason(res));
  }
}

async function errorReason(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : 'unknown';
  } catch {
    return 'unknown';
  }
}
