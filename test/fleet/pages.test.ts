/**
 * The collector's Lit pages in a real Chromium (Debian's, through
 * playwright-core) against a real collector and PostgreSQL 15: a manager signs
 * in, filters the district, sees a shop, opens its page, and the CSV link keeps
 * the filters; every page that loads data when it opens says why, when the
 * collector answers with an error or cannot be reached, instead of loading for
 * ever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.mjs';
import { buildFleetPagesIfStale, FLEET_PAGES_DIR } from '../../fleet/pages.ts';
import { startTestCollector, type TestCollector } from './test-collector.ts';
import { ADMIN_TOKEN, enrol, fakeTerminal, makeBundle, postBundle, signBundle, type FakeTerminal } from './fleet-helpers.ts';

let running: TestCollector | undefined;
let browser: Browser | undefined;
let page: Page;
let base: string;

const PASSWORD = 'manager-password-long';

async function enrolFor(t: FakeTerminal, name: string, rep: string): Promise<void> {
  expect((await enrol(base, t, name)).status).toBe(201);
  await running!.pool.query('UPDATE shops SET rep = $1 WHERE district_id = $2 AND shop_id = $3', [rep, t.district, t.shopId]);
}

beforeAll(async () => {
  await buildFleetPagesIfStale(() => {});
  running = await startTestCollector('2026-11-30', FLEET_PAGES_DIR);
  base = running.base;
  const corner = fakeTerminal('T-corner', 'D-east', '便利店');
  const grocer = fakeTerminal('T-grocer', 'D-east', '食杂店');
  const other = fakeTerminal('T-other', 'D-east', '便利店');
  await enrolFor(corner, '街角便利店', 'rep-wang');
  await enrolFor(grocer, '老张食杂店', 'rep-wang');
  await enrolFor(other, '东门便利店', 'rep-li');
  // Two weeks a year ago and the last two weeks, and a visit with its audit.
  const lastYear = signBundle(makeBundle(corner, 1, '2025-11-18', '2025-12-01', 1), corner.keys);
  const thisYear = signBundle(
    makeBundle(corner, 2, '2026-11-17', '2026-11-30', 2, {
      visit: { date: '2026-11-27', rep: 'rep-wang', grade: '良好', stockErrorBasisPoints: 800, priceTagsMissing: 2, notes: '整理出样' },
    }),
    corner.keys,
  );
  expect((await postBundle(base, lastYear, 'corner-1')).status).toBe(201);
  expect((await postBundle(base, thisYear, 'corner-2')).status).toBe(201);
  // The grading arrives in a bundle in the collector tests; here the page only has to show it.
  await running.pool.query(
    `INSERT INTO evaluations (district_id, terminal_id, quarter, evaluated_on, total, grade, rectification_deadline, detail, bundle_sequence)
     VALUES ('D-east', 'T-corner', '2026-Q4', '2026-11-27', 78, '良好', '2026-12-11', '{"rectification":{"items":[{"doneOn":null}]}}', 2),
            ('D-east', 'T-other', '2026-Q4', '2026-11-20', 55, '不合格', NULL, '{}', 1)`,
  );
  const made = await fetch(`${base}/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ login: 'mgr-east', district: 'D-east', role: 'manager', displayName: '东区经理', password: PASSWORD }),
  });
  expect(made.status).toBe(200);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage({ acceptDownloads: false });
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe('the district overview in Chromium', () => {
  it('sends a visitor without a session to the login, and refuses a wrong password there', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login\?next=%2F$/);
    await page.getByLabel(/登录名/).fill('mgr-east');
    await page.getByLabel(/密码/).fill('not-the-password');
    await page.getByRole('button', { name: /登录/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('登录名或密码不对');
  });

  it('signs a manager in to the whole district, with the grade distribution and the open rectification', async () => {
    await page.getByLabel(/密码/).fill(PASSWORD);
    await page.getByRole('button', { name: /登录/ }).click();
    await page.waitForURL(`${base}/`);
    const rows = page.locator('table.shops tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const corner = page.locator('tr[data-terminal="T-corner"]');
    expect(await corner.textContent()).toContain('街角便利店');
    expect(await corner.textContent()).toContain('2026-Q4 良好 78');
    expect(await page.locator('tr[data-terminal="T-grocer"]').textContent()).toContain('免 exempt');
    expect(await page.locator('table.rectifications').textContent()).toContain('2026-12-11');
    const bars = await page.locator('fleet-grade-chart').evaluate((el) => (el as unknown as { plot?: { data: number[][] } }).plot?.data[1]);
    expect(bars).toEqual([0, 1, 0, 1]);
  });

  it('filters by rep and business format on the server, and the CSV link keeps the filters', async () => {
    await page.locator('select[name=rep]').selectOption('rep-wang');
    await page.locator('select[name=format]').selectOption('便利店');
    await page.getByRole('button', { name: /筛选/ }).click();
    await page.waitForURL(/rep=rep-wang/);
    const url = new URL(page.url());
    expect(url.searchParams.get('format')).toBe('便利店');
    await expect.poll(() => page.locator('table.shops tbody tr').count()).toBe(1);
    expect(await page.locator('table.shops tbody tr').getAttribute('data-terminal')).toBe('T-corner');
    const href = await page.getByRole('link', { name: /导出 CSV/ }).getAttribute('href');
    expect(new URL(href!, base).pathname).toBe('/overview.csv');
    expect(new URL(href!, base).searchParams.get('rep')).toBe('rep-wang');
    expect(new URL(href!, base).searchParams.get('format')).toBe('便利店');
    // Fetched with the page's own session cookie: the filtered district, one shop.
    const csv = await page.evaluate(async (h) => (await fetch(h)).text(), href!);
    expect(csv).toContain('街角便利店');
    expect(csv).not.toContain('东门便利店');
    expect(csv).not.toContain('老张食杂店');
    // 全部 All for the rep is an empty parameter, which is no filter (not "the rep named ''").
    await page.locator('select[name=rep]').selectOption('');
    await page.getByRole('button', { name: /筛选/ }).click();
    await page.waitForURL(/rep=&/);
    await expect.poll(() => page.locator('table.shops tbody tr').count()).toBe(2);
  });

  it("opens a shop's page: weekly sales against last year, grades, visits and audits", async () => {
    await page.getByRole('link', { name: '街角便利店' }).first().click();
    await page.waitForURL(/\/shop\.html\?terminal=T-corner$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('街角便利店');
    const series = await page
      .locator('fleet-sales-chart')
      .evaluate((el) => (el as unknown as { plot?: { data: (number | null)[][] } }).plot?.data.slice(1));
    // The last two weeks at twice last year's figures (makeBundle's scale 2 against 1).
    const [thisYear, lastYear] = series!;
    expect(thisYear!.slice(-2)).toEqual([2 * 7 * 84, 2 * 7 * 84]);
    expect(lastYear!.slice(-2)).toEqual([7 * 84, 7 * 84]);
    expect(await page.locator('table.grades').textContent()).toContain('2026-Q4');
    const visit = await page.locator('table.visits tbody tr').first().textContent();
    expect(visit).toContain('2026-11-27');
    expect(visit).toContain('8.0%');
    expect(visit).toContain('整理出样');
    const stick = await page.getByRole('link', { name: /下载看板文件/ }).getAttribute('href');
    expect(stick).toBe('/board/stick?terminal=T-corner');
  });

  it("sends a message to the shop's owner from its page: posted to the board for that shop only, refusals shown", async () => {
    const form = page.locator('fleet-shop-message');
    await form.getByLabel(/给店主留言/).fill('   ');
    await form.getByRole('button', { name: /发送/ }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('请写下留言');
    // A real refusal from the collector: a stale CSRF token.
    await form.evaluate((el) => ((el as unknown as { session: { csrfToken: string } }).session = { csrfToken: 'stale' } as never));
    await form.getByLabel(/给店主留言/).fill('周五来补货\n请备好空箱');
    await form.getByRole('button', { name: /发送/ }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('CSRF 令牌');
    expect((await running!.pool.query("SELECT 1 FROM board_items WHERE kind = 'message'")).rowCount).toBe(0);
    await form.evaluate((el) => ((el as unknown as { session?: unknown }).session = undefined));
    await form.getByRole('button', { name: /发送/ }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('已发送');
    const { rows } = await running!.pool.query("SELECT title, body, shop_id, district_id FROM board_items WHERE kind = 'message'");
    expect(rows).toEqual([{ title: '周五来补货', body: '周五来补货\n请备好空箱', shop_id: 'shop-T-corner', district_id: 'D-east' }]);
  });
});

describe('a page whose data cannot be loaded', () => {
  const PAGES = [
    ['the overview', '/'],
    ["a shop's page", '/shop.html?terminal=T-corner'],
    ['posting to the board', '/board.html'],
    ['enrolling a terminal', '/enrol.html'],
    ['the USB import', '/import.html'],
  ] as const;
  const FAILURES = [
    [
      'the collector cannot be reached',
      (route: Route) => route.abort('connectionrefused'),
      '无法连接收集服务，请检查网络后刷新页面 — cannot reach the collector: check the network, then reload the page',
    ],
    [
      'the collector answers with an HTTP error',
      (route: Route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' }),
      '错误 502 — error 502',
    ],
  ] as const;

  it.each(PAGES.flatMap(([name, path]) => FAILURES.map(([why, fail, text]) => [name, why, path, fail, text] as const)))(
    '%s says so when %s, instead of loading for ever',
    async (_name, _why, path, fail, text) => {
      const tab = await browser!.newPage();
      try {
        // The page itself comes from the collector; its data requests (fetch) fail.
        await tab.route('**/*', (route) => (route.request().resourceType() === 'fetch' ? fail(route) : route.continue()));
        await tab.goto(`${base}${path}`);
        await expect.poll(() => tab.getByRole('alert').allTextContents(), { timeout: 10_000 }).toEqual([text]);
        expect(await tab.getByText('载入中… Loading…').count()).toBe(0);
      } finally {
        await tab.close();
      }
    },
  );
});

describe('a page without a session', () => {
  it('goes to the login once, though both of its first requests come back 401 at the same moment', async () => {
    const tab = await browser!.newPage();
    try {
      const held: Route[] = [];
      let loginLoads = 0;
      await tab.route('**/*', async (route) => {
        const request = route.request();
        if (request.resourceType() === 'fetch') {
          // The overview asks for the session and the district together: both refused at once.
          held.push(route);
          if (held.length === 2) for (const r of held) await r.fulfill({ status: 401, contentType: 'application/json', body: '{}' });
          return;
        }
        if (request.isNavigationRequest() && new URL(request.url()).pathname === '/login') {
          loginLoads += 1;
          // A slow network: the login is still loading when the second refusal is read.
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        await route.continue().catch(() => {});
      });
      await tab.goto(`${base}/`);
      await tab.waitForURL(/\/login\?next=%2F$/);
      await expect.poll(() => tab.getByLabel(/登录名/).count()).toBe(1);
      expect(loginLoads).toBe(1);
    } finally {
      await tab.close();
    }
  });
});
