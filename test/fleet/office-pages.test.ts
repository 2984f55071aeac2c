/**
 * The pages that change something, in a real Chromium against a real
 * collector and PostgreSQL 15: a manager posts to the board (a new product
 * with its picture, supply news with a shop's quota, a picture too large
 * refused), the quota's use shows on the overview, a rep cannot post, a rep
 * enrols a terminal by the fingerprint it shows, and imports a stick's files
 * with each file's fate shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.mjs';
import { buildFleetPagesIfStale, FLEET_PAGES_DIR } from '../../fleet/pages.ts';
import { keyFingerprint } from '../../fleet/keys.ts';
import { UNASSIGNED_DISTRICT } from '../../src/domain/fleet-bundle.ts';
import { startTestCollector, type TestCollector } from './test-collector.ts';
import { enrol, fakeTerminal, makeBundle, postBundle, signBundle, signInAs, type FakeTerminal } from './fleet-helpers.ts';

let running: TestCollector | undefined;
let browser: Browser | undefined;
let base: string;
let corner: FakeTerminal;

/** A page signed in as that account (the login page itself is tested in pages.test.ts). */
async function pageAs(login: string, role: 'rep' | 'manager'): Promise<Page> {
  const { cookie } = await signInAs(base, { login, district: 'D-north', role });
  const context = await browser!.newContext();
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  return context.newPage();
}

/** An element's text with its white space as one reads it. */
const flat = async (locator: Locator) => (await locator.textContent())?.replace(/\s+/g, ' ');

/** A 1×1 PNG, and padding to make a picture of any size. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  await buildFleetPagesIfStale(() => {});
  running = await startTestCollector('2026-11-30', FLEET_PAGES_DIR);
  base = running.base;
  corner = fakeTerminal('T-north', 'D-north', '便利店');
  expect((await enrol(base, corner, '北门便利店')).status).toBe(201);
  // The last week: 3 packs a day of 6901028075831 (makeBundle), 21 in the 7 days up to 2026-11-30.
  expect((await postBundle(base, signBundle(makeBundle(corner, 1, '2026-11-24', '2026-11-30'), corner.keys), 'north-1')).status).toBe(201);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe('posting to the board', () => {
  let page: Page;

  it('posts a new product with its picture; the price is kept in cents', async () => {
    page = await pageAs('mgr-north', 'manager');
    await page.goto(`${base}/board.html`);
    await page.getByRole('button', { name: /新品宣传/ }).click();
    await page.getByLabel(/标题/).fill('新品：细支烟');
    await page.getByLabel(/商品编码/).fill('6901028999999');
    await page.getByLabel(/商品名/).fill('细支');
    await page.getByLabel(/建议零售价/).fill('23.5');
    await page.getByLabel(/图片/).setInputFiles({ name: 'xizhi.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: /发布 Post/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已发布 #1');
    await expect.poll(() => page.locator('table.posted tbody tr').count()).toBe(1);
    expect(await page.locator('table.posted tbody tr').textContent()).toContain('有图片');
    const { rows } = await running!.pool.query('SELECT kind, product, picture FROM board_items');
    expect(rows).toEqual([{ kind: 'new-product', product: { code: '6901028999999', name: '细支', priceCents: 2350 }, picture: PNG }]);
  });

  it('refuses a picture over 512 KB on the page, posting nothing', async () => {
    await page.getByLabel(/标题/).fill('太大的图');
    await page.getByLabel(/商品编码/).fill('6901028999998');
    await page.getByLabel(/商品名/).fill('大图');
    await page.getByLabel(/建议零售价/).fill('10');
    await page
      .getByLabel(/图片/)
      .setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.alloc(600 * 1024)]) });
    await page.getByRole('button', { name: /发布 Post/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('超过 512 KB');
    expect((await running!.pool.query('SELECT count(*)::int AS n FROM board_items')).rows[0].n).toBe(1);
  });

  it('posts supply news with a weekly quota for a shop, whose use the overview shows; the terminal gets its signed copy', async () => {
    await page.getByRole('button', { name: /货源信息/ }).click();
    await page.getByLabel(/标题/).fill('本周紧俏货源');
    await page.locator('select[name=quota-shop]').selectOption(corner.shopId);
    await page.locator('input[name=quota-code]').fill('6901028075831');
    await page.locator('input[name=quota-name]').fill('中华(硬)');
    await page.locator('input[name=quota-packs]').fill('20');
    await page.getByRole('button', { name: /发布 Post/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已发布 #2');

    await page.getByRole('link', { name: /片区概览/ }).click();
    await page.waitForURL(`${base}/`);
    const quota = page.locator('tr[data-terminal="T-north"] td.quota');
    await expect.poll(() => quota.textContent()).toContain('中华(硬) 21/20');
    expect(await quota.locator('div').getAttribute('class')).toBe('warn');

    const pushed = await postBundle(base, signBundle(makeBundle(corner, 2, '2026-11-30', '2026-11-30'), corner.keys), 'north-2');
    const { boardToken } = (await pushed.json()) as { boardToken: string };
    const board = (await (await fetch(`${base}/board?since=0`, { headers: { authorization: `Bearer ${boardToken}` } })).json()) as {
      items: { item: { title: string; quotas: unknown[] }; signature: string }[];
    };
    expect(board.items.map((i) => i.item.title)).toEqual(['新品：细支烟', '本周紧俏货源']);
    expect(board.items[1]!.item.quotas).toEqual([{ productCode: '6901028075831', productName: '中华(硬)', packsPerWeek: 20 }]);
    expect(board.items[1]!.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  });

  it('shows a rep no form and no link to it', async () => {
    const rep = await pageAs('rep-north', 'rep');
    await rep.goto(`${base}/board.html`);
    await expect.poll(() => rep.getByRole('alert').textContent()).toContain('只有经理可以发布看板');
    expect(await rep.locator('form').count()).toBe(0);
    expect(await rep.getByRole('link', { name: /发布看板/ }).count()).toBe(0);
    await rep.context().close();
  });
});

describe('a rep at the shop', () => {
  let page: Page;

  it('enrols a terminal by the fingerprint it shows; a mistyped one is refused clearly', async () => {
    const newcomer = fakeTerminal('T-new', UNASSIGNED_DISTRICT, '烟酒店');
    const first = await postBundle(base, signBundle(makeBundle(newcomer, 1, '2026-11-29', '2026-11-29'), newcomer.keys), 'new-1');
    expect(first.status).toBe(403);
    page = await pageAs('rep-north', 'rep');
    await page.goto(`${base}/enrol.html`);
    await page.getByLabel(/密钥指纹/).fill('abcd abcd abcd abcd abcd abcd abcd abcd');
    await page.getByLabel(/店号/).fill('S-new');
    await page.getByLabel(/店名/).fill('新开烟酒店');
    await page.getByRole('button', { name: /登记 Enrol/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('还没收到这个指纹');
    await page.getByLabel(/密钥指纹/).fill(keyFingerprint(newcomer.keys.publicKey));
    await page.getByRole('button', { name: /登记 Enrol/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已登记终端 T-new 到片区 D-north');
    const { rows } = await running!.pool.query(
      "SELECT s.rep, s.business_format FROM shops s JOIN terminals t USING (district_id, shop_id) WHERE t.terminal_id = 'T-new'",
    );
    expect(rows).toEqual([{ rep: 'rep-north', business_format: '烟酒店' }]);
  });

  it("imports a stick's files one by one: accepted, already had, late, refused with the reason", async () => {
    // Pushed online before the stick came in: sequence 6 for 2026-11-29.
    expect((await postBundle(base, signBundle(makeBundle(corner, 6, '2026-11-29', '2026-11-29'), corner.keys), 'north-6')).status).toBe(
      201,
    );
    const file = (sequence: number, from: string, to: string) => ({
      name: `T-north-${from}-${sequence}.fleet.json.gz`,
      mimeType: 'application/gzip',
      buffer: gzipSync(JSON.stringify(signBundle(makeBundle(corner, sequence, from, to, 5), corner.keys))),
    });
    const tampered = signBundle(makeBundle(corner, 9, '2026-11-30', '2026-11-30'), corner.keys);
    tampered.bundle.daily[0]!.packsSold = 999;
    await page.goto(`${base}/import.html`);
    await page.getByLabel(/数据包文件/).setInputFiles([
      file(7, '2026-12-01', '2026-12-01'),
      // An older bundle than the one pushed online: its 11-29 keeps sequence 6's figures.
      file(5, '2026-11-28', '2026-11-29'),
      { name: 'T-north-2026-11-30-9.fleet.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) },
    ]);
    await page.getByRole('button', { name: /导入 Import/ }).click();
    await expect
      .poll(() => flat(page.getByRole('status')))
      .toContain('1 已接收 accepted · 0 已有 already had · 1 迟到 late · 1 拒收 refused');
    const outcome = (name: string) => page.locator(`tr[data-file="${name}"]`).getAttribute('data-outcome');
    expect(await outcome('T-north-2026-12-01-7.fleet.json.gz')).toBe('accepted');
    expect(await outcome('T-north-2026-11-28-5.fleet.json.gz')).toBe('late');
    expect(await page.locator('tr[data-file="T-north-2026-11-28-5.fleet.json.gz"]').textContent()).toContain('1 天已有更新的数据');
    expect(await outcome('T-north-2026-11-30-9.fleet.json')).toBe('refused');
    expect(await page.locator('tr[data-file="T-north-2026-11-30-9.fleet.json"]').textContent()).toContain('签名校验失败');
    // The same stick again: everything it delivered is already had.
    await page.getByLabel(/数据包文件/).setInputFiles([file(7, '2026-12-01', '2026-12-01')]);
    await page.getByRole('button', { name: /导入 Import/ }).click();
    await expect.poll(() => flat(page.getByRole('status'))).toContain('0 已接收 accepted · 1 已有 already had');
    const stored = await running!.pool.query("SELECT sequence FROM bundles WHERE terminal_id = 'T-north' ORDER BY 1");
    expect(stored.rows.map((r) => r.sequence)).toEqual([1, 2, 5, 6, 7]);
  });
});
