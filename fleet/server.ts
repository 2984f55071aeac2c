/**
 * The collector's HTTP service (node:http), on loopback unless told otherwise:
 *   POST /bundles           a signed bundle, with an Idempotency-Key header
 *   POST /terminals         enrolment of a terminal's key (Authorization: Bearer <admin token>,
 *                           or a rep's or manager's session with its CSRF token)
 *   POST /terminals/by-fingerprint   a rep or manager enrols a terminal that has sent a bundle, by the
 *                           fingerprint it shows (session + CSRF token; fleet/enrolment.ts)
 *   POST /accounts          a rep's or manager's login (Authorization: Bearer <admin token>)
 *   POST /login, POST /logout, GET /session    sessions (fleet/auth.ts)
 *   GET  /overview?[district=D][&rep=R][&format=F][&asOf=YYYY-MM-DD]   the district overview, JSON
 *   GET  /overview.html?…   the same as a plain page;  GET /overview.csv?…  as CSV
 *   GET  /shop?terminal=T[&district=D][&asOf=…]        one shop's history, JSON
 * The overview and shop pages need a session: a manager sees the district, a
 * rep their own shops.
 *   GET  /, /login, /shop.html?terminal=T, /board.html, /enrol.html, /import.html   the Lit pages (fleet/web/, built into dist-fleet/)
 *   POST /board             a manager posts a board item (session + CSRF token; fleet/board.ts)
 *   GET  /board/posted      the district's latest posts (session), for the posting page
 *   POST /import?name=F     one bundle file from a rep's stick (session + CSRF token): the same ingest
 *   GET  /board?since=N     a terminal's signed board items (Authorization: Bearer <board token from POST /bundles>)
 *   GET  /board/stick?terminal=T   the terminal's signed board as a tar for the rep's stick (session: its rep, or a manager)
 *   GET  /board-key         the collector's public key, which terminals pin
 *   GET  /healthz
 * Errors are JSON: { error, zh, en } — Chinese first, English second.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type pg from 'pg';
import { MAX_FLEET_BUNDLE_BYTES } from '../src/domain/fleet-bundle.ts';
import { FleetError, ingestBundle, oversized } from './ingest.ts';
import { districtOverview, enrolTerminal, overviewChoices, shopPage } from './overview.ts';
import { enrolByFingerprint } from './enrolment.ts';
import { renderOverviewPage } from './overview-page.ts';
import { overviewCsv } from './overview-csv.ts';
import { LoginThrottle } from './login-throttle.ts';
import {
  boardFor,
  boardStick,
  checkBoardToken,
  generateBoardKey,
  issueBoardToken,
  postBoardItem,
  postedBoardItems,
  type BoardKey,
} from './board.ts';
import { MAX_BOARD_ITEM_BYTES } from '../src/domain/board-item.ts';
import {
  clearedSessionCookie,
  requireSession,
  requireSessionWithCsrf,
  saveAccount,
  scopeOf,
  sessionCookie,
  signIn,
  signOut,
  type Session,
} from './auth.ts';

export const LOOPBACK_HOST = '127.0.0.1';

export interface CollectorOptions {
  pool: pg.Pool;
  port: number;
  host?: string;
  /** Guards POST /terminals until reps have logins. */
  adminToken: string;
  log?: (line: string) => void;
  /** Mark the session cookie Secure (the collector is served over https, e.g. behind a proxy). */
  secureCookies?: boolean;
  /** The date the overview measures from when none is asked for; default: today on this machine. */
  today?: () => string;
  /** The built pages (dist-fleet/, fleet/pages.ts); without them only the JSON, CSV and plain pages are served. */
  pagesDir?: string;
  /** Failed-login slow-down; tests pass one with their own clock. */
  loginThrottle?: LoginThrottle;
  /** Signs the board's items; default: a fresh key for this run only. */
  boardKey?: BoardKey;
}

export interface Collector {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_ENROLMENT_BYTES = 16 * 1024;
/** The names a terminal gives its bundle files (device/collector-upload.ts's BUNDLE_FILE_NAME). */
const BUNDLE_FILE_NAME = /^[A-Za-z0-9._-]{1,160}\.fleet\.json(\.gz)?$/;

function localToday(): string {
  // sv-SE formats as YYYY-MM-DD, in the machine's own time zone (the district's).
  return new Date().toLocaleDateString('sv-SE');
}

function gunzipBundle(raw: Buffer): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_FLEET_BUNDLE_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw oversized();
    throw new FleetError(400, 'malformed', '数据包不是有效的 gzip', 'the bundle is not valid gzip');
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      // Read and drop the rest, so that the sender gets the 413 rather than a
      // connection reset in the middle of its upload; a sender that goes on
      // for long after that is cut off. (A for-await loop would destroy the
      // request, and with it the socket, on leaving early.)
      req.removeAllListeners('data');
      req.resume();
      setTimeout(() => req.destroy(), 30_000).unref();
      reject(oversized());
    };
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const { pool } = options;
  const log = options.log ?? (() => {});
  const today = options.today ?? localToday;
  const throttle = options.loginThrottle ?? new LoginThrottle();
  const pagesDir = options.pagesDir && existsSync(join(options.pagesDir, 'index.html')) ? options.pagesDir : undefined;
  const pageHtml = pagesDir ? readFileSync(join(pagesDir, 'index.html')) : undefined;
  const assets = pagesDir ? sirv(pagesDir, { etag: true, dev: false, immutable: true }) : undefined;
  /** One page for /, /login and /shop.html: the script picks what to show from the path. */
  const sendPage = (res: ServerResponse): void => {
    if (!pageHtml)
      throw new FleetError(
        503,
        'pages-not-built',
        '页面尚未构建：用 npm run fleet:start 启动',
        'the pages are not built: start with npm run fleet:start',
      );
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
      'x-frame-options': 'DENY',
    });
    res.end(pageHtml);
  };
  const boardKey = options.boardKey ?? generateBoardKey();

  const asOfParam = (url: URL): string => {
    const asOf = url.searchParams.get('asOf') ?? today();
    if (!ISO_DATE.test(asOf) || Number.isNaN(Date.parse(asOf)))
      throw new FleetError(400, 'bad-date', 'asOf 须为 YYYY-MM-DD 日期', 'asOf must be a date YYYY-MM-DD');
    return asOf;
  };
  const isAdmin = (req: IncomingMessage): boolean => {
    const auth = req.headers.authorization ?? '';
    return auth.startsWith('Bearer ') && tokenMatches(auth.slice(7), options.adminToken);
  };
  const requireAdmin = (req: IncomingMessage): void => {
    if (!isAdmin(req))
      throw new FleetError(
        401,
        'not-authorised',
        '需要管理员令牌（Authorization: Bearer …）',
        'an admin token is needed (Authorization: Bearer …)',
      );
  };
  const readJson = async (req: IncomingMessage, what: [string, string]): Promise<unknown> => {
    const body = await readBody(req, MAX_ENROLMENT_BYTES);
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      throw new FleetError(400, 'malformed', `${what[0]}不是有效的 JSON`, `the ${what[1]} is not valid JSON`);
    }
  };
  /** What the session may read: its district; a rep only their own shops, a manager any rep's or all. */
  const overviewScope = (session: Session, url: URL) => {
    // An empty parameter (a filter form's "all") is no filter.
    const scope = scopeOf(session, url.searchParams.get('district') || null);
    return {
      district: scope.district,
      filter: { rep: scope.rep ?? (url.searchParams.get('rep') || null), format: url.searchParams.get('format') || null },
    };
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://collector');
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /healthz':
        return sendJson(res, 200, { ok: true });
      case 'GET /':
      case 'GET /login':
      case 'GET /shop.html':
      case 'GET /board.html':
      case 'GET /enrol.html':
      case 'GET /import.html':
        return sendPage(res);
      case 'POST /bundles': {
        const raw = await readBody(req, MAX_FLEET_BUNDLE_BYTES);
        // The rep's stick holds bundles gzip'd (.fleet.json.gz, issue 12): sent as they are with
        // Content-Encoding: gzip. The signature is over the canonical JSON, so compression changes nothing.
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipBundle(raw) : raw;
        const key = req.headers['idempotency-key'];
        const result = await ingestBundle(pool, body, Array.isArray(key) ? key[0] : key);
        log(
          `bundle ${result.terminalId} #${result.sequence}: ${result.duplicate ? 'already received' : `${result.daysTaken} days taken, ${result.daysKept} newer kept`}`,
        );
        // Earned by a bundle verified against the terminal's pinned key: lets the terminal read its board.
        return sendJson(res, result.status, { ...result, boardToken: issueBoardToken(boardKey, result.district, result.terminalId) });
      }
      case 'POST /board': {
        const session = await requireSessionWithCsrf(pool, req);
        const body = await readBody(req, MAX_BOARD_ITEM_BYTES);
        let json: unknown;
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          throw new FleetError(400, 'malformed', '看板内容不是有效的 JSON', 'the board item is not valid JSON');
        }
        const posted = await postBoardItem(pool, session, json);
        log(`board: ${session.login} posted #${posted.serial} to ${session.district}`);
        return sendJson(res, 201, posted);
      }
      case 'GET /board/posted': {
        const session = await requireSession(pool, req);
        return sendJson(res, 200, { items: await postedBoardItems(pool, session.district) });
      }
      case 'POST /import': {
        // A rep's stick, file by file from the import page: the same ingest as POST /bundles, and
        // the same Idempotency-Key the terminal's outbox sends for that file (device/collector-upload.ts).
        await requireSessionWithCsrf(pool, req);
        const name = url.searchParams.get('name') ?? '';
        if (!BUNDLE_FILE_NAME.test(name))
          throw new FleetError(
            400,
            'not-a-bundle-file',
            `${name} 不是数据包文件（*.fleet.json 或 *.fleet.json.gz）`,
            `${name} is not a bundle file (*.fleet.json or *.fleet.json.gz)`,
          );
        const raw = await readBody(req, MAX_FLEET_BUNDLE_BYTES);
        const key = `${name.slice(0, 120)}:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
        const result = await ingestBundle(pool, name.endsWith('.gz') ? gunzipBundle(raw) : raw, key);
        log(`import ${name}: ${result.duplicate ? 'already received' : `${result.daysTaken} days taken, ${result.daysKept} newer kept`}`);
        return sendJson(res, result.status, result);
      }
      case 'GET /board': {
        const { district, terminalId } = checkBoardToken(boardKey, req.headers.authorization);
        const since = Number(url.searchParams.get('since') ?? '0');
        if (!Number.isSafeInteger(since) || since < 0)
          throw new FleetError(400, 'bad-since', 'since 须为非负整数', 'since must be a whole number ≥ 0');
        return sendJson(res, 200, await boardFor(pool, boardKey, district, terminalId, since));
      }
      case 'GET /board/stick': {
        const session = await requireSession(pool, req);
        const { district } = scopeOf(session, url.searchParams.get('district'));
        const terminal = url.searchParams.get('terminal') ?? '';
        const shop = await pool.query<{ rep: string | null }>(
          'SELECT s.rep FROM terminals t JOIN shops s USING (district_id, shop_id) WHERE t.district_id = $1 AND t.terminal_id = $2',
          [district, terminal],
        );
        // Another rep's terminal is as absent as one that does not exist (as on GET /shop).
        if (!shop.rows[0] || (session.role === 'rep' && shop.rows[0].rep !== session.login))
          throw new FleetError(404, 'unknown-terminal', `没有终端 ${terminal}`, `no terminal ${terminal}`);
        const tar = await boardStick(pool, boardKey, district, terminal);
        log(`board: ${session.login} wrote the stick for ${terminal}`);
        res.writeHead(200, {
          'content-type': 'application/x-tar',
          'content-disposition': `attachment; filename="board-${terminal.replace(/[^\w-]/g, '_')}.tar"`,
          'content-length': tar.length,
          'cache-control': 'no-store',
        });
        res.end(tar);
        return;
      }
      case 'GET /board-key':
        return sendJson(res, 200, { publicKey: boardKey.publicKey, fingerprint: boardKey.fingerprint });
      case 'POST /terminals': {
        // The admin, or a rep or manager at the shop (with the session's CSRF token) enrolling for their district.
        let session: Session | undefined;
        if (!isAdmin(req)) {
          if (!req.headers.cookie) requireAdmin(req);
          session = await requireSessionWithCsrf(pool, req);
        }
        const json = await readJson(req, ['登记信息', 'enrolment']);
        if (session) {
          const e = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
          scopeOf(session, typeof e['district'] === 'string' ? e['district'] : null);
          if (session.role === 'rep' && e['rep'] !== undefined && e['rep'] !== session.login)
            throw new FleetError(403, 'other-rep', '业务员只能为自己的店登记终端', 'a rep enrols terminals for their own shops only');
          if (session.role === 'rep') e['rep'] = session.login;
        }
        const result = await enrolTerminal(pool, json);
        return sendJson(res, result.status, { fingerprint: result.fingerprint });
      }
      case 'POST /terminals/by-fingerprint': {
        const session = await requireSessionWithCsrf(pool, req);
        const enrolled = await enrolByFingerprint(pool, session, await readJson(req, ['登记信息', 'enrolment']));
        log(`enrolment: ${session.login} enrolled ${enrolled.terminalId} in ${enrolled.district} (${enrolled.shopId})`);
        return sendJson(res, enrolled.status, enrolled);
      }
      case 'POST /accounts': {
        requireAdmin(req);
        return sendJson(res, 200, await saveAccount(pool, await readJson(req, ['账户信息', 'account'])));
      }
      case 'POST /login': {
        const json = await readJson(req, ['登录信息', 'login']);
        const login = String((json as { login?: unknown } | null)?.login ?? '');
        const waitMs = throttle.waitMs(login);
        if (waitMs > 0) {
          const minutes = Math.ceil(waitMs / 60_000);
          res.setHeader('retry-after', String(Math.ceil(waitMs / 1000)));
          throw new FleetError(
            429,
            'login-locked',
            `登录失败次数过多，请 ${minutes} 分钟后再试`,
            `too many failed logins; try again in ${minutes} min`,
          );
        }
        let signedIn: Awaited<ReturnType<typeof signIn>>;
        try {
          signedIn = await signIn(pool, json);
        } catch (err) {
          if (err instanceof FleetError && err.status === 401) throttle.failed(login);
          throw err;
        }
        throttle.succeeded(login);
        const { session, token } = signedIn;
        res.setHeader('set-cookie', sessionCookie(token, options.secureCookies ?? false));
        return sendJson(res, 200, session);
      }
      case 'GET /session':
        return sendJson(res, 200, await requireSession(pool, req));
      case 'POST /logout': {
        await requireSessionWithCsrf(pool, req);
        await signOut(pool, req);
        res.setHeader('set-cookie', clearedSessionCookie);
        return sendJson(res, 200, { signedOut: true });
      }
      case 'GET /overview': {
        const session = await requireSession(pool, req);
        const { district, filter } = overviewScope(session, url);
        const [overview, choices] = await Promise.all([
          districtOverview(pool, district, asOfParam(url), filter),
          overviewChoices(pool, district),
        ]);
        // A rep's choices are their own: the other reps' names are not theirs to list.
        if (session.role === 'rep') choices.reps = [session.login];
        return sendJson(res, 200, { ...overview, choices });
      }
      case 'GET /overview.csv': {
        const { district, filter } = overviewScope(await requireSession(pool, req), url);
        const asOf = asOfParam(url);
        const csv = overviewCsv(await districtOverview(pool, district, asOf, filter));
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'cache-control': 'no-store',
          'content-disposition': `attachment; filename="overview-${encodeURIComponent(district)}-${asOf}.csv"`,
        });
        res.end(csv);
        return;
      }
      case 'GET /overview.html': {
        const { district, filter } = overviewScope(await requireSession(pool, req), url);
        const overview = await districtOverview(pool, district, asOfParam(url), filter);
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        });
        res.end(renderOverviewPage(overview));
        return;
      }
      case 'GET /shop': {
        const session = await requireSession(pool, req);
        const { district } = scopeOf(session, url.searchParams.get('district'));
        const terminal = url.searchParams.get('terminal');
        if (!terminal) throw new FleetError(400, 'terminal-missing', '请给出终端：?terminal=…', 'name a terminal: ?terminal=…');
        const page = await shopPage(pool, district, terminal, asOfParam(url));
        // A rep's page of another rep's shop is as absent as a shop that does not exist.
        if (!page || (session.role === 'rep' && page.shop.rep !== session.login))
          throw new FleetError(404, 'unknown-terminal', `没有终端 ${terminal}`, `no terminal ${terminal}`);
        return sendJson(res, 200, page);
      }
      default:
        if (req.method === 'GET' && url.pathname.startsWith('/assets/') && assets) {
          return assets(req, res, () => sendJson(res, 404, new FleetError(404, 'not-found', '没有这个文件', 'no such file')));
        }
        throw new FleetError(404, 'not-found', `没有这个地址：${route}`, `no such route: ${route}`);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof FleetError) {
        sendJson(res, err.status, err);
        return;
      }
      log(`error on ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent)
        sendJson(res, 500, {
          error: 'internal',
          zh: '收集服务内部错误，未写入任何数据',
          en: 'internal error in the collector; nothing was written',
        });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? LOOPBACK_HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? LOOPBACK_HOST;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
