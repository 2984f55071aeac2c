/** The collector's JSON, as the pages read it: errors carry Chinese and English, a missing session goes to the login. */
import type { DistrictOverview, ShopPage } from '../overview.ts';
import type { Session } from '../auth.ts';

export type { DistrictOverview, ShopPage, Session };
export type OverviewWithChoices = DistrictOverview & { choices: { reps: string[]; formats: string[] } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} ${en}`);
  }
}

let leavingForLogin = false;

/**
 * Sends the browser to the login, to come back here afterwards. Only once: a page that loads
 * two things at once gets two 401s, and a second navigation would abort the first.
 */
export function toLogin(): void {
  if (leavingForLogin) return;
  leavingForLogin = true;
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401) {
    toLogin();
    throw new ApiError(401, '请先登录', 'please sign in first');
  }
  return readAnswer<T>(res);
}

export async function readAnswer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { zh?: string; en?: string };
  if (!res.ok) throw new ApiError(res.status, body.zh ?? `错误 ${res.status}`, body.en ?? `error ${res.status}`);
  return body as T;
}

export const yuan = (cents: number | null): string => {
  if (cents === null) return '—';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('zh-CN')}.${String(abs % 100).padStart(2, '0')}`;
};
export const percent = (bp: number | null, signed = false): string =>
  bp === null ? '—' : `${signed && bp >= 0 ? '+' : ''}${(bp / 100).toFixed(1)}%`;

/** A request that changes something: JSON with the session's CSRF token (the synchronizer-token pattern, fleet/auth.ts). */
export async function sendWithCsrf(path: string, session: Session, body: BodyInit, contentType = 'application/json'): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': contentType, 'x-csrf-token': session.csrfToken },
    body,
  });
}

/** How an error reads on a page: Chinese, then English. */
export const problemText = (err: unknown): string =>
  err instanceof ApiError
    ? `${err.zh} — ${err.en}`
    : '无法连接收集服务，请检查网络后刷新页面 — cannot reach the collector: check the network, then reload the page';
