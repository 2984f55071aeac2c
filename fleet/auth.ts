/**
 * Logins for reps and managers: passwords, sessions, CSRF.
 *
 * Passwords: scrypt from Node's own crypto — memory-hard (each guess needs
 * 32 MiB here, which is what makes GPU and ASIC guessing dear), in the runtime
 * already (argon2id would need a native addon or WebAssembly package built for
 * each machine the collector runs on), and one of the parameter sets OWASP's
 * password storage guidance lists for scrypt: N = 2^15, r = 8, p = 3. The hash
 * records its parameters, so they can be raised later without locking anyone out.
 *
 * Sessions: a random 32-byte token in an HttpOnly, SameSite=Strict cookie; the
 * database keeps only its SHA-256. Each session has its own CSRF token, which
 * every request that changes something must carry in `X-CSRF-Token` (the
 * synchronizer-token pattern; SameSite alone leaves older browsers and
 * same-site subdomains open).
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import type pg from 'pg';
import { FleetError } from './ingest.ts';

const SCRYPT = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_BYTES = 32;
export const SESSION_COOKIE = 'fleet_session';
export const SESSION_HOURS = 12;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // 128 · N · r bytes (32 MiB) plus room: Node refuses above maxmem.
    scryptCallback(password.normalize('NFC'), salt, KEY_BYTES, { ...options, maxmem: 256 * options.N! * options.r! }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Compared when the login is unknown, so that a wrong login costs the same time as a wrong password. */
const NOBODY_HASH = hashPassword(randomBytes(16).toString('hex'));

const AccountSchema = v.strictObject({
  login: v.pipe(v.string(), v.regex(/^[\w.:-]{1,64}$/, 'letters, digits and . _ : - (at most 64)')),
  district: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  role: v.picklist(['rep', 'manager']),
  displayName: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  password: v.pipe(v.string(), v.minLength(10, 'a password has at least 10 characters'), v.maxLength(200)),
});

/** Creates or replaces an account (the admin's call; the district must exist). */
export async function saveAccount(pool: pg.Pool, json: unknown): Promise<{ login: string; role: string; district: string }> {
  const parsed = v.safeParse(AccountSchema, json);
  if (!parsed.success) {
    const detail = parsed.issues.map((i) => `${i.path?.map((p) => String(p.key)).join('.') ?? ''}: ${i.message}`).join('; ');
    throw new FleetError(400, 'malformed', `账户信息格式不对：${detail}`, `malformed account: ${detail}`);
  }
  const a = parsed.output;
  const district = await pool.query('SELECT 1 FROM districts WHERE district_id = $1', [a.district]);
  if (district.rowCount === 0) throw new FleetError(404, 'unknown-district', `没有片区 ${a.district}`, `no district ${a.district}`);
  await pool.query(
    `INSERT INTO accounts (login, district_id, role, display_name, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (login) DO UPDATE SET district_id = EXCLUDED.district_id, role = EXCLUDED.role,
       display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash`,
    [a.login, a.district, a.role, a.displayName, await hashPassword(a.password)],
  );
  // A new password ends the sessions opened with the old one.
  await pool.query('DELETE FROM sessions WHERE login = $1', [a.login]);
  return { login: a.login, role: a.role, district: a.district };
}

export interface Session {
  login: string;
  role: 'rep' | 'manager';
  district: string;
  displayName: string;
  csrfToken: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

const notSignedIn = () => new FleetError(401, 'not-signed-in', '请先登录', 'please sign in first');

/** Checks a login and password; a new session and its cookie value, or 401. */
export async function signIn(pool: pg.Pool, json: unknown): Promise<{ session: Session; token: string }> {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const login = typeof body['login'] === 'string' ? body['login'] : '';
  const password = typeof body['password'] === 'string' ? body['password'] : '';
  const { rows } = await pool.query<{ district_id: string; role: 'rep' | 'manager'; display_name: string; password_hash: string }>(
    'SELECT district_id, role, display_name, password_hash FROM accounts WHERE login = $1',
    [login],
  );
  const account = rows[0];
  const ok = await passwordMatches(password, account?.password_hash ?? (await NOBODY_HASH));
  if (!account || !ok) throw new FleetError(401, 'bad-login', '登录名或密码不对', 'wrong login or password');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await pool.query(
    `INSERT INTO sessions (token_sha256, login, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [sha256(token), login, csrfToken, SESSION_HOURS],
  );
  return { token, session: { login, role: account.role, district: account.district_id, displayName: account.display_name, csrfToken } };
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}

/** The request's session, or undefined (no cookie, unknown or expired). */
export async function sessionOf(pool: pg.Pool, req: IncomingMessage): Promise<Session | undefined> {
  const token = cookieToken(req);
  if (!token) return undefined;
  const { rows } = await pool.query<{
    login: string;
    role: 'rep' | 'manager';
    district_id: string;
    display_name: string;
    csrf_token: string;
  }>(
    `SELECT a.login, a.role, a.district_id, a.display_name, s.csrf_token FROM sessions s JOIN accounts a USING (login)
      WHERE s.token_sha256 = $1 AND s.expires_at > now()`,
    [sha256(token)],
  );
  const r = rows[0];
  return r ? { login: r.login, role: r.role, district: r.district_id, displayName: r.display_name, csrfToken: r.csrf_token } : undefined;
}

/** The session, or 401. */
export async function requireSession(pool: pg.Pool, req: IncomingMessage): Promise<Session> {
  const session = await sessionOf(pool, req);
  if (!session) throw notSignedIn();
  return session;
}

/** The session of a request that changes something: it must carry the session's CSRF token. */
export async function requireSessionWithCsrf(pool: pg.Pool, req: IncomingMessage): Promise<Session> {
  const session = await requireSession(pool, req);
  const given = req.headers['x-csrf-token'];
  const a = sha256(typeof given === 'string' ? given : '');
  if (!timingSafeEqual(a, sha256(session.csrfToken))) {
    throw new FleetError(403, 'csrf', '请求缺少有效的 CSRF 令牌，请刷新页面', 'the request lacks a valid CSRF token; reload the page');
  }
  return session;
}

export async function signOut(pool: pg.Pool, req: IncomingMessage): Promise<void> {
  const token = cookieToken(req);
  if (token) await pool.query('DELETE FROM sessions WHERE token_sha256 = $1', [sha256(token)]);
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;

/** Which district a session may read, and whose shops: a manager all of them, a rep their own. */
export function scopeOf(session: Session, district: string | null): { district: string; rep: string | null } {
  const wanted = district ?? session.district;
  if (wanted !== session.district) {
    throw new FleetError(403, 'other-district', `无权查看片区 ${wanted}`, `you may not see district ${wanted}`);
  }
  return { district: wanted, rep: session.role === 'rep' ? session.login : null };
}
