/**
 * The local server: the built kiosk app, `GET /healthz`, and the scan stream
 * WebSocket. It listens on loopback only and has one canonical origin,
 * http://127.0.0.1:PORT: every browser origin has its own IndexedDB, so a page
 * opened as localhost:PORT is redirected rather than served as a second app.
 * The WebSocket takes only pages of that origin (no Origin header: not a page,
 * refused); requests naming any other host are refused (DNS rebinding); no
 * page may frame the app (frame-ancestors 'none', X-Frame-Options DENY).
 */
import { claimOwnerPinReset } from './owner-pin-reset.ts';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { SCAN_SOCKET_PATH, type ServerMessage } from '../src/domain/scan-protocol.ts';
import type { ScanHub } from './scan-hub.ts';
import { OutboxFileError, type Outbox } from './outbox.ts';
import type { Board } from './board.ts';
import { MAX_FLEET_BUNDLE_BYTES } from '../src/domain/fleet-bundle.ts';
import { MAX_USB_FILE_BYTES, UsbFileError, UsbFiles, usbFileKind, usbRootsFromEnv } from './usb-files.ts';
import { serveBackups, type BackupStore } from './backups.ts';
import { serveUpdates, type UpdatesOptions } from './updates.ts';
import type { ClockWatch } from './clock.ts';
import type { ScannerUptimeLog } from './scanner-uptime.ts';

export const LOOPBACK_HOST = '127.0.0.1';

export interface KioskServerOptions {
  /** The data directory where `npm run reset-owner-pin` leaves its one-shot file (device/owner-pin-reset.ts). */
  ownerPinResetDir?: string;
  hub: ScanHub;
  port: number;
  /** Directory of the built app; when absent only /healthz and the socket are served. */
  staticDir?: string;
  version: string;
  log?: (line: string) => void;
  /** CSV files on USB sticks (GET /usb/files, GET/PUT /usb/file); default: roots from KIOSK_USB_ROOTS or /media:/mnt. */
  usb?: UsbFiles;
  /** Backups sent by the page (PUT/GET /backups); absent: not served. */
  backups?: BackupStore;
  /** Offline updates from a USB stick (GET/POST /update); absent: not served. */
  updates?: UpdatesOptions;
  /** Whether the wall clock is synchronised (GET /clock); absent: not served. */
  clock?: ClockWatch;
  /** The counter scanner's connected time per day (GET /scanner-uptime?from=&to=); absent: not served. */
  scannerUptime?: ScannerUptimeLog;
  /** Signed bundles for the collector (GET /outbox, PUT /outbox?name=…); absent: not served. */
  outbox?: Outbox;
  /** The supplier's board (GET /board; POST /board/import reads the USB sticks under usbRoots); absent: not served. */
  board?: { board: Board; usbRoots: readonly string[] };
}

export interface KioskServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Timer interval of the event-loop delay monitor; its samples include this interval, which /healthz subtracts. */
const LOOP_DELAY_RESOLUTION_MS = 10;

/** Socket messages a slow page may have queued before we stop adding more. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export async function startKioskServer(options: KioskServerOptions): Promise<KioskServer> {
  const { hub, version } = options;
  const log = options.log ?? (() => {});
  const usb = options.usb ?? new UsbFiles(usbRootsFromEnv());
  const started = performance.now();
  // The worst stall of the event loop since the server started: a stall delays
  // every scan, every acknowledgement and /healthz itself (npm run faults reads it).
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  loopDelay.enable();
  const appBuilt = options.staticDir !== undefined && existsSync(join(options.staticDir, 'index.html'));
  const serveStatic =
    options.staticDir && appBuilt
      ? sirv(options.staticDir, { single: true, etag: true, dev: false, gzip: false, brotli: false })
      : undefined;

  let port = options.port;
  const server: Server = createServer((req, res) => {
    res.setHeader('content-security-policy', "frame-ancestors 'none'");
    res.setHeader('x-frame-options', 'DENY');
    const host = hostKind(req, port);
    if (host === 'foreign') {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('wrong host\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (host === 'alias' && path !== '/healthz') {
      // One origin, one IndexedDB: localhost:PORT would be a second, empty app.
      res.writeHead(308, { location: `${canonicalOrigin(port)}${req.url ?? '/'}` }).end();
      return;
    }
    if (path === '/healthz') {
      const journal = hub.journalState();
      const body = {
        ok: journal.status === 'ok',
        version,
        uptimeSeconds: Math.round((performance.now() - started) / 1000),
        bootId: hub.bootId,
        pendingScans: hub.pendingCount,
        scansThisBoot: hub.scansThisBoot,
        journal,
        ignoredAcks: hub.ignoredAcks,
        scanners: hub.scannerStates(),
        eventLoopLagMaxMs: Math.max(0, Math.round(loopDelay.max / 1e6 - LOOP_DELAY_RESOLUTION_MS)),
      };
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
      return;
    }
    if (path === '/usb/files' || path === '/usb/file') {
      // Only our own pages (or tools on this machine without an Origin) may see or write the stick.
      if (!isAllowedOrigin(req, port)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
        return;
      }
      void serveUsb(usb, req, path, res, log);
      return;
    }
    if (path === '/owner-pin-reset' && options.ownerPinResetDir !== undefined) {
      // Only our own page (an exact Origin): the reset is for the kiosk screen, not for any program.
      if (req.method !== 'POST' || req.headers.origin !== canonicalOrigin(port)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
        return;
      }
      const reset = claimOwnerPinReset(options.ownerPinResetDir);
      if (reset) log('owner PIN reset handed to the kiosk page');
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ reset }));
      return;
    }
    if (path === '/scanner-uptime' && options.scannerUptime) {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const day = /^\d{4}-\d{2}-\d{2}$/;
      const from = query.get('from') ?? '';
      const to = query.get('to') ?? '';
      if (!day.test(from) || !day.test(to)) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'from and to must be YYYY-MM-DD' }));
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ days: options.scannerUptime.days(from, to) }));
      return;
    }
    if (path === '/outbox' && options.outbox) {
      // Our own page only: what goes out is signed in its name.
      if (!isAllowedOrigin(req, port)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
        return;
      }
      void serveOutbox(options.outbox, req, res, log);
      return;
    }
    if ((path === '/board' || path === '/board/import') && options.board) {
      if (!isAllowedOrigin(req, port)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
        return;
      }
      void serveBoard(options.board, path, req, res, log);
      return;
    }
    if (path === '/clock' && options.clock) {
      void options.clock.state().then((state) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(state));
      });
      return;
    }
    if (((path === '/backups' || path === '/backups/file') && options.backups) || (path === '/update' && options.updates)) {
      if (!isAllowedOrigin(req, port)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
        return;
      }
      if (path === '/update') void serveUpdates(options.updates!, req, res).catch(() => res.destroy());
      else void serveBackups(options.backups!, req, res, log);
      return;
    }
    if (serveStatic) {
      serveStatic(req, res, () => {
        res.writeHead(404).end('not found\n');
      });
      return;
    }
    res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      .end(
        `the kiosk app is not built (no ${options.staticDir ? join(options.staticDir, 'index.html') : 'dist/index.html'}): ` +
          'run `npm run build`, or start with `npm start`, which builds it\n',
      );
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== SCAN_SOCKET_PATH || hostKind(req, port) !== 'canonical' || req.headers.origin !== canonicalOrigin(port)) {
      log(`refused a socket from origin ${req.headers.origin ?? '(none)'} host ${req.headers.host ?? '(none)'}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  sockets.on('connection', (ws: WebSocket) => {
    const connection = hub.connect({
      bufferedAmount: () => ws.bufferedAmount,
      send(message: ServerMessage) {
        if (ws.readyState !== ws.OPEN) return;
        // A page that stopped reading gets nothing more; its scans stay in the
        // journal and are offered again when it reconnects.
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.terminate();
          return;
        }
        ws.send(JSON.stringify(message));
      },
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      connection.receive(data.toString());
    });
    ws.on('close', () => connection.disconnect());
    ws.on('error', (err) => log(`page socket error: ${err.message}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK_HOST}:${port}/`;

  return {
    url,
    port,
    close: async () => {
      loopDelay.disable();
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveOutbox(outbox: Outbox, req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Promise<void> {
  const json = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  try {
    if (req.method === 'GET') return json(200, await outbox.state());
    if (req.method === 'PUT') {
      const name = new URL(req.url ?? '/', 'http://localhost').searchParams.get('name') ?? '';
      const body = await readBody(req, MAX_FLEET_BUNDLE_BYTES);
      await outbox.add(name, body);
      return json(202, { queued: name });
    }
    res.writeHead(405, { allow: 'GET, PUT' });
    res.end();
  } catch (error) {
    if (error instanceof OutboxFileError) return json(400, { error: error.message });
    if (error instanceof UsbFileError) return json(413, { error: 'a bundle is at most 8 MB' });
    log(`outbox: ${(error as Error).message}`);
    if (!res.headersSent) json(500, { error: (error as Error).message });
  }
}

async function serveBoard(
  { board, usbRoots }: { board: Board; usbRoots: readonly string[] },
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  const json = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  try {
    if (path === '/board' && req.method === 'GET') return json(200, await board.state());
    if (path === '/board/import' && req.method === 'POST') return json(200, await board.importFromUsb(usbRoots));
    res.writeHead(405, { allow: path === '/board' ? 'GET' : 'POST' });
    res.end();
  } catch (error) {
    log(`board: ${(error as Error).message}`);
    if (!res.headersSent) json(500, { error: (error as Error).message });
  }
}

/** The one origin the app is served from. Browsers leave out a default port (80). */
export function canonicalOrigin(port: number): string {
  return `http://${canonicalHost(port)}`;
}

function canonicalHost(port: number): string {
  return port === 80 ? LOOPBACK_HOST : `${LOOPBACK_HOST}:${port}`;
}

/** The Host header: ours as served, another name for this machine's loopback, or someone else's. */
export function classifyHost(host: string | undefined, port: number): 'canonical' | 'alias' | 'foreign' {
  if (host === undefined) return 'canonical'; // HTTP/1.0 tools on this machine
  const name = host.toLowerCase();
  if (name === canonicalHost(port)) return 'canonical';
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const withPort = names.map((n) => `${n}:${port}`);
  if (withPort.includes(name) || (port === 80 && names.includes(name))) return 'alias';
  return 'foreign';
}

function hostKind(req: IncomingMessage, port: number): 'canonical' | 'alias' | 'foreign' {
  return classifyHost(req.headers.host, port);
}

/** Our own page, or a program on this machine without an Origin (curl); never another page. */
function isAllowedOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === canonicalOrigin(port);
}

async function serveUsb(
  usb: UsbFiles,
  req: IncomingMessage,
  path: string,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  try {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const filePath = params.get('path') ?? '';
    // ?kind=picture: the display's product pictures instead of CSV files (read-only).
    const kind = usbFileKind(params.get('kind'));
    if (path === '/usb/files' && req.method === 'GET') {
      json(200, await usb.list(kind));
      return;
    }
    if (path === '/usb/file' && req.method === 'GET') {
      const bytes = await usb.read(filePath, kind);
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(bytes.byteLength),
        'cache-control': 'no-store',
      });
      res.end(bytes);
      return;
    }
    if (path === '/usb/file' && req.method === 'PUT') {
      const body = await readBody(req, MAX_USB_FILE_BYTES);
      json(200, await usb.write(filePath, body));
      return;
    }
    res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: path === '/usb/file' ? 'GET, PUT' : 'GET' });
    res.end('method not allowed\n');
  } catch (error) {
    if (error instanceof UsbFileError) {
      json(error.status, { error: error.reason });
      return;
    }
    log(`usb: ${(error as Error).message}`);
    json(500, { error: 'io' });
  }
}

/** The request body, refused (UsbFileError 'too-large') past `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new UsbFileError('too-large'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining (so the refusal can still be sent) but keep nothing more.
      if (size > limit) {
        chunks.length = 0;
        reject(new UsbFileError('too-large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
