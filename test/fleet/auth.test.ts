/**
 * Logins against a real collector and PostgreSQL 15: scrypt hashes, a rep
 * sees their own shops, a manager their district, sessions and CSRF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startTestCollector, type TestCollector } from './test-collector.ts';
import { hashPassword, passwordMatches } from '../../fleet/auth.ts';
import { FREE_FAILURES } from '../../fleet/login-throttle.ts';
import { keyFingerprint } from '../../fleet/keys.ts';
import { ADMIN_TOKEN, fakeTerminal, signInAs, type FakeTerminal } from './fleet-helpers.ts';

let running: TestCollector | undefined;
let pool: pg.Pool;
let base: string;

async function enrolFor(t: FakeTerminal, rep: string): Promise<void> {
  const res = await fetch(`${base}/terminals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      district: t.district,
      shopId: t.shopId,
      shopName: `店 ${t.terminalId}`,
      businessFormat: t.businessFormat,
      rep,
      terminalId: t.terminalId,
      publicKey: t.keys.publicKey,
      fingerprint: keyFingerprint(t.keys.publicKey),
    }),
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  running = await startTestCollector();
  ({ pool, base } = running);
  await enrolFor(fakeTerminal('T-wang', 'D-east', '便利店'), 'rep-wang');
  await enrolFor(fakeTerminal('T-wang2', 'D-east', '食杂店'), 'rep-wang');
  await enrolFor(fakeTerminal('T-li', 'D-east', '便利店'), 'rep-li');
  await enrolFor(fakeTerminal('T-west', 'D-west', '便利店'), 'rep-zhao');
});

afterAll(async () => {
  await running?.stop();
});

const terminalsOf = async (res: Response) =>
  ((await res.json()) as { shops: { terminalId: string }[] }).shops.map((s) => s.terminalId).sort();

describe('passwords', () => {
  it('are scrypt hashes with their parameters and a salt of their own; only the right password matches', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await passwordMatches('correct horse battery', a)).toBe(true);
    expect(await passwordMatches('correct horse batterY', a)).toBe(false);
    expect(await passwordMatches('correct horse battery', 'md5$abc')).toBe(false);
  });

  it('are never stored as given', async () => {
    await signInAs(base, { login: 'rep-plain', district: 'D-east', role: 'rep', password: 'plain-text-secret' });
    const { rows } = await pool.query('SELECT password_hash FROM accounts WHERE login = $1', ['rep-plain']);
    expect(rows[0].password_hash).not.toContain('plain-text-secret');
  });
});

describe('signing in', () => {
  it('locks a login after repeated failures, even against the right password, and not the others', async () => {
    const password = 'pw-mgr-locked-long-enough';
    await signInAs(base, { login: 'mgr-locked', district: 'D-east', role: 'manager', password });
    const attempt = (pw: string, login = 'mgr-locked') =>
      fetch(`${base}/login`, { method: 'POST', body: JSON.stringify({ login, password: pw }) });
    for (let i = 0; i < FREE_FAILURES; i++) expect((await attempt('guess-guess-guess')).status).toBe(401);
    const locked = await attempt(password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await locked.json()).error).toBe('login-locked');
    await signInAs(base, { login: 'mgr-free', district: 'D-east', role: 'manager' });
  });

  it('refuses a wrong password and an unknown login alike, and the pages without a session', async () => {
    await signInAs(base, { login: 'rep-wang', district: 'D-east', role: 'rep' });
    const wrong = await fetch(`${base}/login`, { method: 'POST', body: JSON.stringify({ login: 'rep-wang', password: 'nope-nope-nope' }) });
    const nobody = await fetch(`${base}/login`, { method: 'POST', body: JSON.stringify({ login: 'nobody', password: 'nope-nope-nope' }) });
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    expect((await wrong.json()).error).toBe((await nobody.json()).error);
    expect((await fetch(`${base}/overview?district=D-east`)).status).toBe(401);
    expect((await fetch(`${base}/overview?district=D-east`, { headers: { cookie: 'fleet_session=forged' } })).status).toBe(401);
  });

  it('gives an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'rep-plain', password: 'plain-text-secret' }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/^fleet_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  });
});

describe('what each one sees', () => {
  it('a rep: their own shops only, never another rep’s shop page nor another district', async () => {
    const rep = await signInAs(base, { login: 'rep-wang', district: 'D-east', role: 'rep' });
    const headers = { cookie: rep.cookie };
    expect(await terminalsOf(await fetch(`${base}/overview`, { headers }))).toEqual(['T-wang', 'T-wang2']);
    // Asking for another rep's shops changes nothing.
    expect(await terminalsOf(await fetch(`${base}/overview?rep=rep-li`, { headers }))).toEqual(['T-wang', 'T-wang2']);
    expect((await fetch(`${base}/shop?terminal=T-wang`, { headers })).status).toBe(200);
    expect((await fetch(`${base}/shop?terminal=T-li`, { headers })).status).toBe(404);
    expect((await fetch(`${base}/overview?district=D-west`, { headers })).status).toBe(403);
  });

  it('a manager: the whole district, filtered by rep and by business format', async () => {
    const manager = await signInAs(base, { login: 'mgr-east', district: 'D-east', role: 'manager' });
    const headers = { cookie: manager.cookie };
    expect(await terminalsOf(await fetch(`${base}/overview`, { headers }))).toEqual(['T-li', 'T-wang', 'T-wang2']);
    expect(await terminalsOf(await fetch(`${base}/overview?rep=rep-li`, { headers }))).toEqual(['T-li']);
    expect(await terminalsOf(await fetch(`${base}/overview?format=${encodeURIComponent('食杂店')}`, { headers }))).toEqual(['T-wang2']);
    expect((await fetch(`${base}/shop?terminal=T-li`, { headers })).status).toBe(200);
    expect((await fetch(`${base}/shop?district=D-west&terminal=T-west`, { headers })).status).toBe(403);
  });
});

describe('CSRF', () => {
  it('signing out needs the session’s token; afterwards the session is gone', async () => {
    const rep = await signInAs(base, { login: 'rep-li', district: 'D-east', role: 'rep' });
    const without = await fetch(`${base}/logout`, { method: 'POST', headers: { cookie: rep.cookie } });
    expect(without.status).toBe(403);
    expect((await without.json()).error).toBe('csrf');
    const other = await signInAs(base, { login: 'rep-other', district: 'D-east', role: 'rep' });
    const wrongToken = await fetch(`${base}/logout`, { method: 'POST', headers: { cookie: rep.cookie, 'x-csrf-token': other.csrfToken } });
    expect(wrongToken.status).toBe(403);
    expect((await fetch(`${base}/session`, { headers: { cookie: rep.cookie } })).status).toBe(200);
    const out = await fetch(`${base}/logout`, { method: 'POST', headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrfToken } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${base}/session`, { headers: { cookie: rep.cookie } })).status).toBe(401);
  });

  it('a rep enrols a terminal for their own shop with the token, not without it', async () => {
    const rep = await signInAs(base, { login: 'rep-wang', district: 'D-east', role: 'rep' });
    const t = fakeTerminal('T-new', 'D-east');
    const body = JSON.stringify({
      district: 'D-east',
      shopId: t.shopId,
      shopName: '新店',
      businessFormat: '便利店',
      terminalId: t.terminalId,
      publicKey: t.keys.publicKey,
      fingerprint: keyFingerprint(t.keys.publicKey),
    });
    expect((await fetch(`${base}/terminals`, { method: 'POST', headers: { cookie: rep.cookie }, body })).status).toBe(403);
    const res = await fetch(`${base}/terminals`, { method: 'POST', headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrfToken }, body });
    expect(res.status).toBe(201);
    expect(await terminalsOf(await fetch(`${base}/overview`, { headers: { cookie: rep.cookie } }))).toContain('T-new');
  });

  it('a new password ends the sessions of the old one', async () => {
    const first = await signInAs(base, { login: 'rep-zhao', district: 'D-west', role: 'rep' });
    expect((await fetch(`${base}/session`, { headers: { cookie: first.cookie } })).status).toBe(200);
    await signInAs(base, { login: 'rep-zhao', district: 'D-west', role: 'rep', password: 'a-brand-new-password' });
    expect((await fetch(`${base}/session`, { headers: { cookie: first.cookie } })).status).toBe(401);
  });
});
