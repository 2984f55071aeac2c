/**
 * The collector against a real PostgreSQL 15 that this file starts (a
 * throw-away cluster in a temporary directory) and removes afterwards:
 * enrolment, bundles and the overview (the migrations: collector-migrations.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { gzipSync } from 'node:zlib';
import { startTestCollector, type TestCollector } from './test-collector.ts';
import { MAX_FLEET_BUNDLE_BYTES, type FleetBundle } from '../../src/domain/fleet-bundle.ts';
import { ADMIN_TOKEN, enrol, fakeTerminal, makeBundle, makeBundleV1, postBundle, signBundle, signInAs } from './fleet-helpers.ts';
import { evaluationForBundle } from '../../src/domain/visit-bundle.ts';
import { gradedQuarter, poorQuarter } from '../helpers/quarter-figures.ts';

let running: TestCollector | undefined;
let pool: pg.Pool;
let base: string;

beforeAll(async () => {
  running = await startTestCollector();
  ({ pool, base } = running);
});

afterAll(async () => {
  await running?.stop();
});

/** Rows in every table a bundle writes to: "nothing written" means these do not move. */
async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['bundles', 'daily_sales', 'shop_days', 'visits', 'board_acks', 'evaluations']) {
    out[table] = Number((await pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  return out;
}

async function dayFigures(terminalId: string, date: string): Promise<{ sales_cents: number; bundle_sequence: number } | undefined> {
  return (
    await pool.query('SELECT sales_cents, bundle_sequence FROM shop_days WHERE terminal_id = $1 AND sale_date = $2', [terminalId, date])
  ).rows[0];
}

describe('enrolment', () => {
  it('needs the admin token and the right fingerprint', async () => {
    const t = fakeTerminal('T-enrol', 'D-enrol');
    expect((await enrol(base, t, '店', 'wrong')).status).toBe(401);
    const wrongPrint = await fetch(`${base}/terminals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        district: 'D-enrol',
        shopId: 's',
        shopName: 'x',
        businessFormat: '便利店',
        terminalId: 'T-enrol',
        publicKey: t.keys.publicKey,
        fingerprint: '0000',
      }),
    });
    expect(wrongPrint.status).toBe(400);
    expect((await wrongPrint.json()).error).toBe('fingerprint-mismatch');
    expect((await enrol(base, t)).status).toBe(201);
    expect((await enrol(base, t)).status).toBe(200);
    const other = fakeTerminal('T-enrol', 'D-enrol');
    expect((await enrol(base, other)).status).toBe(409);
  });
});

describe('POST /bundles', () => {
  it('stores a bundle once: a re-sent bundle (same Idempotency-Key) changes nothing', async () => {
    const t = fakeTerminal('T-ok', 'D-ingest');
    expect((await enrol(base, t)).status).toBe(201);
    const signed = signBundle(
      makeBundle(t, 1, '2026-11-01', '2026-11-07', 1, {
        visit: { date: '2026-11-05', rep: 'rep-wang', grade: '良好', stockErrorBasisPoints: 800, priceTagsMissing: 1, notes: '整理出样' },
        boardAcks: [{ itemId: 'news-1', seenOn: '2026-11-02' }],
      }),
      t.keys,
    );
    const first = await postBundle(base, signed, 'T-ok-1');
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ duplicate: false, daysTaken: 7 });
    const after = await rowCounts();
    expect(await dayFigures('T-ok', '2026-11-03')).toEqual({ sales_cents: 3 * 2300 + 1500, bundle_sequence: 1 });

    const again = await postBundle(base, signed, 'T-ok-1');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await rowCounts()).toEqual(after);
    // The same bundle sent again under a new key (the outbox lost its note of the key) is still one bundle.
    expect((await postBundle(base, JSON.stringify(signed, null, 2), 'T-ok-1-retry')).status).toBe(200);
    expect(await rowCounts()).toEqual(after);
    // The same key for different content is refused.
    const different = signBundle(makeBundle(t, 2, '2026-11-08', '2026-11-08'), t.keys);
    const reused = await postBundle(base, different, 'T-ok-1');
    expect(reused.status).toBe(409);
    expect(await rowCounts()).toEqual(after);
  });

  it("reads a version-1 bundle as before, and stores a version-2 bundle's evaluation, a later regrade replacing it", async () => {
    const t = fakeTerminal('T-v12', 'D-ingest');
    expect((await enrol(base, t)).status).toBe(201);
    const old = await postBundle(base, signBundle(makeBundleV1(t, 1, '2026-10-01', '2026-10-02'), t.keys), 'T-v12-1');
    expect(old.status).toBe(201);
    // From the rep's stick: gzip'd, sent as it is.
    const gz = gzipSync(JSON.stringify(signBundle(makeBundle(t, 5, '2026-10-09', '2026-10-09'), t.keys)));
    const fromStick = await fetch(`${base}/bundles`, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip', 'idempotency-key': 'T-v12-5' },
      body: gz,
    });
    expect(fromStick.status).toBe(201);
    const notGzip = await fetch(`${base}/bundles`, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip', 'idempotency-key': 'T-v12-6' },
      body: 'plain',
    });
    expect(notGzip.status).toBe(400);
    expect(await dayFigures('T-v12', '2026-10-02')).toEqual({ sales_cents: 3 * 2300 + 1500, bundle_sequence: 1 });
    // A failing 2026-Q4, graded on `evaluatedOn` after `visits`.
    const graded = (evaluatedOn: string, visits: { date: string; priceTagsMissing: number | null; displayTidyDone: boolean }[]) =>
      evaluationForBundle(gradedQuarter(poorQuarter(), evaluatedOn, visits));
    const first = graded('2026-10-03', []);
    expect(
      (await postBundle(base, signBundle(makeBundle(t, 2, '2026-10-03', '2026-10-03', 1, { evaluation: first }), t.keys), 'T-v12-2'))
        .status,
    ).toBe(201);
    const regrade = graded('2026-10-04', [{ date: '2026-10-04', priceTagsMissing: 0, displayTidyDone: true }]);
    expect(
      (await postBundle(base, signBundle(makeBundle(t, 4, '2026-10-04', '2026-10-04', 1, { evaluation: regrade }), t.keys), 'T-v12-4'))
        .status,
    ).toBe(201);
    // A late bundle with the older grading does not replace the newer one.
    expect(
      (await postBundle(base, signBundle(makeBundle(t, 3, '2026-10-03', '2026-10-03', 1, { evaluation: first }), t.keys), 'T-v12-3'))
        .status,
    ).toBe(201);
    const rows = (
      await pool.query(
        'SELECT quarter, evaluated_on, total, grade, rectification_deadline, bundle_sequence, detail FROM evaluations WHERE terminal_id = $1',
        ['T-v12'],
      )
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      quarter: '2026-Q4',
      evaluated_on: '2026-10-04',
      total: regrade.total,
      grade: '不合格',
      rectification_deadline: '2026-11-03',
      bundle_sequence: 4,
    });
    expect(rows[0].detail.functions).toHaveLength(5);
  });

  it('the same bundle sent five times at once is stored exactly once', async () => {
    const t = fakeTerminal('T-race', 'D-ingest');
    expect((await enrol(base, t)).status).toBe(201);
    const signed = signBundle(makeBundle(t, 1, '2026-10-01', '2026-10-31'), t.keys);
    const before = await rowCounts();
    const statuses = await Promise.all(
      Array.from({ length: 5 }, (_, i) => postBundle(base, signed, i % 2 ? 'race-a' : 'race-b').then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 201]);
    const after = await rowCounts();
    expect(after['bundles']! - before['bundles']!).toBe(1);
    expect(after['shop_days']! - before['shop_days']!).toBe(31);
    expect(after['daily_sales']! - before['daily_sales']!).toBe(62);
  });

  it('a late bundle never overwrites the figures of a newer one, and fills only the days no newer bundle covered', async () => {
    const t = fakeTerminal('T-late', 'D-ingest');
    expect((await enrol(base, t)).status).toBe(201);
    // Sequence 2 (pushed online) arrives first, covering 11-10 … 11-12.
    const newer = signBundle(makeBundle(t, 2, '2026-11-10', '2026-11-12', 2), t.keys);
    expect((await postBundle(base, newer, 'late-2')).status).toBe(201);
    // Sequence 1 (the USB stick) covers 11-08 … 11-11 with other figures, and a later visit claim for the same day.
    const older = signBundle(makeBundle(t, 1, '2026-11-08', '2026-11-11', 5), t.keys);
    const res = await postBundle(base, older, 'late-1');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ daysTaken: 2, daysKept: 2 });
    expect(await dayFigures('T-late', '2026-11-10')).toEqual({ sales_cents: 2 * (3 * 2300 + 1500), bundle_sequence: 2 });
    expect(await dayFigures('T-late', '2026-11-11')).toEqual({ sales_cents: 2 * (3 * 2300 + 1500), bundle_sequence: 2 });
    expect(await dayFigures('T-late', '2026-11-08')).toEqual({ sales_cents: 5 * (3 * 2300 + 1500), bundle_sequence: 1 });
    const products = await pool.query(
      `SELECT sum(packs_sold) AS p FROM daily_sales WHERE terminal_id = 'T-late' AND sale_date = '2026-11-11'`,
    );
    expect(Number(products.rows[0].p)).toBe(2 * 4);
    // A newer bundle still replaces older figures.
    const newest = signBundle(makeBundle(t, 3, '2026-11-08', '2026-11-08', 7), t.keys);
    expect((await postBundle(base, newest, 'late-3')).status).toBe(201);
    expect(await dayFigures('T-late', '2026-11-08')).toEqual({ sales_cents: 7 * (3 * 2300 + 1500), bundle_sequence: 3 });
  });

  it('refuses a tampered bundle (bad signature) and writes nothing', async () => {
    const t = fakeTerminal('T-tamper', 'D-ingest');
    expect((await enrol(base, t)).status).toBe(201);
    const signed = signBundle(makeBundle(t, 1, '2026-11-01', '2026-11-02'), t.keys);
    signed.bundle.daily[0]!.salesCents += 100;
    const before = await rowCounts();
    const res = await postBundle(base, signed, 'tamper-1');
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error).toBe('bad-signature');
    expect(Object.keys(body)).toEqual(['error', 'zh', 'en']);
    expect(body.zh).toMatch(/签名/);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an unknown terminal, and a known terminal signing with another key', async () => {
    const stranger = fakeTerminal('T-stranger', 'D-ingest');
    const before = await rowCounts();
    const res = await postBundle(base, signBundle(makeBundle(stranger, 1, '2026-11-01', '2026-11-01'), stranger.keys), 'stranger-1');
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe('unknown-terminal');

    const t = fakeTerminal('T-rekeyed', 'D-ingest');
    expect((await enrol(base, t)).status).toBe(201);
    const impostor = { ...t, keys: fakeTerminal('x', 'y').keys };
    const forged = await postBundle(base, signBundle(makeBundle(impostor, 1, '2026-11-01', '2026-11-01'), impostor.keys), 'forged-1');
    expect(forged.status).toBe(403);
    expect((await forged.json()).error).toBe('unknown-key');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an unknown schema version, a malformed and an oversized bundle', async () => {
    const t = fakeTerminal('T-bad', 'D-ingest');
    expect((await enrol(base, t)).status).toBe(201);
    const before = await rowCounts();

    const future = signBundle({ ...makeBundle(t, 1, '2026-11-01', '2026-11-01'), schemaVersion: 99 } as unknown as FleetBundle, t.keys);
    const v = await postBundle(base, future, 'bad-v');
    expect(v.status).toBe(422);
    expect(await v.json()).toMatchObject({ error: 'unknown-version' });

    const broken = signBundle(makeBundle(t, 1, '2026-11-01', '2026-11-01'), t.keys) as unknown as {
      bundle: { daily: { salesCents: unknown }[] };
    };
    broken.bundle.daily[0]!.salesCents = 12.5;
    const m = await postBundle(base, JSON.stringify(broken), 'bad-m');
    expect(m.status).toBe(400);
    expect(await m.json()).toMatchObject({ error: 'malformed' });
    expect((await postBundle(base, '{"bundle": ', 'bad-json')).status).toBe(400);
    const noKey = await fetch(`${base}/bundles`, {
      method: 'POST',
      body: JSON.stringify(signBundle(makeBundle(t, 1, '2026-11-01', '2026-11-01'), t.keys)),
    });
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).error).toBe('idempotency-key');

    const big = await postBundle(base, 'x'.repeat(MAX_FLEET_BUNDLE_BYTES + 1), 'bad-big');
    expect(big.status).toBe(413);
    expect((await big.json()).error).toBe('oversized');
    // Streamed without a Content-Length: refused when the limit is passed, with a reply, not a reset.
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < MAX_FLEET_BUNDLE_BYTES / chunk.length + 2) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${base}/bundles`, {
      method: 'POST',
      headers: { 'idempotency-key': 'bad-stream' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toBe('oversized');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('GET /overview', () => {
  it('lists the district’s shops with last bundle, sales against last year, stock error and the overdue visit (食杂店 exempt)', async () => {
    const shop = fakeTerminal('T-view', 'D-view', '便利店');
    const grocery = fakeTerminal('T-grocery', 'D-view', '食杂店');
    expect((await enrol(base, shop, '王记便利店')).status).toBe(201);
    expect((await enrol(base, grocery, '李家食杂店')).status).toBe(201);
    const odd = fakeTerminal('T-odd', 'D-view', '便利店');
    expect((await enrol(base, odd, '<script>alert(1)</script>')).status).toBe(201);
    // Last year's four weeks, then this year's with twice the sales.
    expect((await postBundle(base, signBundle(makeBundle(shop, 1, '2025-11-03', '2025-11-30', 1), shop.keys), 'view-1')).status).toBe(201);
    const visit = {
      date: '2026-11-20',
      rep: 'rep-li',
      grade: '合格' as const,
      stockErrorBasisPoints: 1250,
      priceTagsMissing: 4,
      notes: '',
    };
    expect(
      (await postBundle(base, signBundle(makeBundle(shop, 2, '2026-11-03', '2026-11-30', 2, { visit }), shop.keys), 'view-2')).status,
    ).toBe(201);
    expect((await postBundle(base, signBundle(makeBundle(grocery, 1, '2026-11-29', '2026-11-30'), grocery.keys), 'grocery-1')).status).toBe(
      201,
    );

    const manager = await signInAs(base, { login: 'mgr-view', district: 'D-view', role: 'manager' });
    const headers = { cookie: manager.cookie };
    const res = await fetch(`${base}/overview?district=D-view`, { headers });
    expect(res.status).toBe(200);
    const overview = await res.json();
    expect(overview.asOf).toBe('2026-11-30');
    const byId = Object.fromEntries(overview.shops.map((s: { terminalId: string }) => [s.terminalId, s]));
    expect(byId['T-view']).toMatchObject({
      name: '王记便利店',
      lastBundle: { sequence: 2, periodEnd: '2026-11-30' },
      salesLast28Cents: 28 * 2 * (3 * 2300 + 1500),
      salesSameWeeksLastYearCents: 28 * (3 * 2300 + 1500),
      salesVsLastYearBp: 10_000,
      lastVisit: { date: '2026-11-20', rep: 'rep-li', grade: '合格' },
      stockErrorBp: 1250,
      stockWithinTolerance: false,
      visitOverdue: true,
    });
    expect(byId['T-grocery']).toMatchObject({ lastVisit: null, visitOverdue: false, salesVsLastYearBp: null });
    // Six days after the visit it is not overdue yet.
    const earlier = await (await fetch(`${base}/overview?district=D-view&asOf=2026-11-26`, { headers })).json();
    expect(earlier.shops.find((s: { terminalId: string }) => s.terminalId === 'T-view').visitOverdue).toBe(false);

    const page = await fetch(`${base}/overview.html?district=D-view`, { headers });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('王记便利店');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('+100.0%');
    expect(html).toMatch(/data-shop="shop-T-view" class="overdue"/);

    const shopRes = await fetch(`${base}/shop?district=D-view&terminal=T-view`, { headers });
    const shopPage = await shopRes.json();
    expect(shopPage.shop.name).toBe('王记便利店');
    // A year back from asOf: this year's 28 days and 2025-11-30, the last day of last year's weeks.
    expect(shopPage.days.length).toBe(28 + 1);
    expect(shopPage.visits[0].date).toBe('2026-11-20');
  });

  it('shows each shop’s latest grade and its trend, the quarter’s grade distribution, the open rectifications, and exports CSV', async () => {
    const formula = fakeTerminal('T-formula', 'D-view', '便利店');
    expect((await enrol(base, formula, '=HYPERLINK("http://x")')).status).toBe(201);
    const evaluation = (quarter: string, evaluatedOn: string, total: number, grade: string, deadline: string | null, done: boolean) => [
      quarter,
      evaluatedOn,
      total,
      grade,
      deadline,
      JSON.stringify({
        quarter,
        rectification: { deadline, items: deadline ? [{ criterion: 'price-tags', points: 5, doneOn: done ? evaluatedOn : null }] : [] },
      }),
    ];
    const insert = (terminal: string, values: unknown[]) =>
      pool.query(
        `INSERT INTO evaluations (district_id, terminal_id, quarter, evaluated_on, total, grade, rectification_deadline, detail, bundle_sequence)
         VALUES ('D-view', $1, $2, $3, $4, $5, $6, $7, 1)`,
        [terminal, ...values],
      );
    await insert('T-view', evaluation('2026-Q3', '2026-07-05', 72, '良好', null, false));
    await insert('T-view', evaluation('2026-Q4', '2026-10-05', 55, '不合格', '2026-11-04', false));
    await insert('T-odd', evaluation('2026-Q4', '2026-10-06', 91, '优秀', null, false));
    await insert('T-grocery', evaluation('2026-Q4', '2026-10-07', 50, '不合格', '2026-12-06', true));
    const manager = await signInAs(base, { login: 'mgr-view', district: 'D-view', role: 'manager' });
    const headers = { cookie: manager.cookie };
    const overview = await (await fetch(`${base}/overview?district=D-view`, { headers })).json();
    const byId = Object.fromEntries(overview.shops.map((s: { terminalId: string }) => [s.terminalId, s]));
    expect(byId['T-view']).toMatchObject({
      grade: { quarter: '2026-Q4', grade: '不合格', total: 55 },
      previousGrade: { quarter: '2026-Q3', grade: '良好', total: 72 },
      gradeTrend: 'down',
      openRectificationDeadline: '2026-11-04',
    });
    // Its rectification is done: not open.
    expect(byId['T-grocery']).toMatchObject({ gradeTrend: null, openRectificationDeadline: null });
    expect(overview.gradeDistribution).toEqual({ quarter: '2026-Q4', counts: { 优秀: 1, 良好: 0, 合格: 0, 不合格: 2, 未评: 1 } });
    expect(overview.openRectifications).toEqual([{ terminalId: 'T-view', name: '王记便利店', deadline: '2026-11-04', overdue: true }]);
    // Graded after the day asked for: not yet known then.
    const before = await (await fetch(`${base}/overview?district=D-view&asOf=2026-10-05`, { headers })).json();
    expect(before.gradeDistribution.counts).toEqual({ 优秀: 0, 良好: 0, 合格: 0, 不合格: 1, 未评: 3 });

    const csv = await fetch(`${base}/overview.csv?district=D-view`, { headers });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="overview-D-view-2026-11-30.csv"/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // The UTF-8 BOM, for Excel (Response.text() would drop it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^店号 shop id,店名 shop,业态 format,/);
    const wang = lines.find((l) => l.includes('王记便利店'))!;
    expect(wang).toContain(',4704.00,2352.00,100.00,');
    expect(wang).toContain(',不合格,55,down,2026-11-04');
    // A name that a spreadsheet would run as a formula stays text.
    expect(lines.find((l) => l.includes('HYPERLINK'))).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect((await fetch(`${base}/overview.csv?district=D-view`)).status).toBe(401);
  });
});
