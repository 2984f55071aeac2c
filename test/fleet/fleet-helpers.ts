/** Plays terminals against a collector: enrolment, bundles, posting. */
import {
  FLEET_BUNDLE_FORMAT,
  FLEET_BUNDLE_SCHEMA_VERSION,
  datesInPeriod,
  type FleetBundleV1,
  type FleetBundleV2,
  type SignedFleetBundle,
} from '../../src/domain/fleet-bundle.ts';
import { generateTerminalKeys, keyFingerprint, signBundle, type TerminalKeys } from '../../fleet/keys.ts';

export const ADMIN_TOKEN = 'test-admin-token';

export interface FakeTerminal {
  terminalId: string;
  district: string;
  shopId: string;
  businessFormat: string;
  keys: TerminalKeys;
}

export function fakeTerminal(terminalId: string, district: string, businessFormat = '便利店'): FakeTerminal {
  return { terminalId, district, shopId: `shop-${terminalId}`, businessFormat, keys: generateTerminalKeys() };
}

export async function enrol(baseUrl: string, t: FakeTerminal, shopName = `店 ${t.terminalId}`, token = ADMIN_TOKEN): Promise<Response> {
  return fetch(`${baseUrl}/terminals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      district: t.district,
      shopId: t.shopId,
      shopName,
      businessFormat: t.businessFormat,
      terminalId: t.terminalId,
      publicKey: t.keys.publicKey,
      fingerprint: keyFingerprint(t.keys.publicKey),
    }),
  });
}

/** A bundle for [from, to]: two products a day, sales scaled by `scale` so figures tell bundles apart. */
export function makeBundle(
  t: FakeTerminal,
  sequence: number,
  from: string,
  to: string,
  scale = 1,
  extra: Partial<FleetBundleV2> = {},
): FleetBundleV2 {
  const daily = datesInPeriod(from, to).flatMap((date) => [
    { date, productCode: '6901028075831', packsSold: 3 * scale, salesCents: 3 * 2300 * scale, costCents: 3 * 2000 * scale, stock: 40 },
    { date, productCode: '6901028001915', packsSold: 1 * scale, salesCents: 1500 * scale, costCents: null, stock: 12 },
  ]);
  return {
    format: FLEET_BUNDLE_FORMAT,
    schemaVersion: FLEET_BUNDLE_SCHEMA_VERSION,
    terminalId: t.terminalId,
    publicKey: t.keys.publicKey,
    district: t.district,
    businessFormat: t.businessFormat,
    sequence,
    period: { from, to },
    daily,
    visit: null,
    boardAcks: [],
    evaluation: null,
    stocktakes: [],
    orders: [],
    feedbackWeeks: [],
    ...extra,
  };
}

/** The same bundle as a terminal of schema version 1 writes it (no evaluation, stocktakes, orders, feedback). */
export function makeBundleV1(t: FakeTerminal, sequence: number, from: string, to: string, scale = 1): FleetBundleV1 {
  const { evaluation: _e, stocktakes: _s, orders: _o, feedbackWeeks: _f, ...rest } = makeBundle(t, sequence, from, to, scale);
  return { ...rest, schemaVersion: 1 };
}

export async function postBundle(baseUrl: string, signed: SignedFleetBundle | string, key: string): Promise<Response> {
  return fetch(`${baseUrl}/bundles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: typeof signed === 'string' ? signed : JSON.stringify(signed),
  });
}

export { signBundle };

export interface SignedIn {
  /** The Cookie header to send. */
  cookie: string;
  csrfToken: string;
}

/** Creates (or replaces) an account through the admin API and signs it in. */
export async function signInAs(
  baseUrl: string,
  account: { login: string; district: string; role: 'rep' | 'manager'; password?: string },
): Promise<SignedIn> {
  const password = account.password ?? `pw-${account.login}-long-enough`;
  const made = await fetch(`${baseUrl}/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ login: account.login, district: account.district, role: account.role, displayName: account.login, password }),
  });
  if (made.status !== 200) throw new Error(`account ${account.login}: ${made.status} ${await made.text()}`);
  const res = await fetch(`${baseUrl}/login`, { method: 'POST', body: JSON.stringify({ login: account.login, password }) });
  if (res.status !== 200) throw new Error(`login ${account.login}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}
