/**
 * 入库 under browser crashes, for real: a socat pty scanner → the terminal
 * service (its own process) → Debian's Chromium on a profile that outlives it →
 * IndexedDB. Many different cartons are scanned into one delivery while the
 * browser is SIGKILLed several times and started again on the same profile.
 * Every scan must be stored once AND be in the delivery once: a scan that was
 * stored but whose line died with the tab would come back as a duplicate and
 * never reach the delivery (issue 8, point 6).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTerminal, stopTerminal, type Terminal } from '../helpers/terminal.ts';
import { writeLine } from '../helpers/pty.ts';
import {
  eventually,
  launchKillableKiosk,
  makeEan13Codes,
  readSessions,
  readStore,
  seedProducts,
  type KillableKiosk,
} from '../helpers/kiosk-page.ts';
import { mulberry32 } from '../helpers/mulberry32.ts';

const PRODUCTS = 150;
const KILLS = 6;

interface Seen {
  scans: Array<{ id: string; code: string; into?: string }>;
  deliveries: Array<{ status: string; lines: Array<{ productCode: string; quantity: number }> }>;
}

async function readScansAndDeliveries(kiosk: KillableKiosk): Promise<Seen> {
  const [scans, sessions] = await Promise.all([
    readStore<Array<{ id: string; code: string; into?: string }>>(kiosk.page, 'scans', 'getAll'),
    readSessions(kiosk.page),
  ]);
  return {
    scans: scans.map((s) => ({ id: s.id, code: s.code, ...(s.into ? { into: s.into } : {}) })),
    deliveries: sessions
      .filter((s) => s.kind === 'delivery')
      .map((s) => ({
        status: s.status,
        lines: (s.basket?.lines ?? []).map((l) => ({ productCode: l.productCode, quantity: l.quantity })),
      })),
  };
}

describe('入库 across browser kills', () => {
  let terminal: Terminal;
  let kiosk: KillableKiosk | undefined;

  beforeAll(async () => {
    terminal = await startTerminal('e2e-receive-kills-');
  });

  afterAll(() => stopTerminal(terminal, kiosk));

  it(`puts each of ${PRODUCTS} products scanned into the delivery exactly once across ${KILLS} SIGKILLs of Chromium`, async () => {
    const profile = join(terminal.dir, 'profile');
    kiosk = await launchKillableKiosk(terminal.service.url, profile, 'receive');
    const codes = makeEan13Codes(PRODUCTS, 5000);
    await seedProducts(
      kiosk.page,
      codes.map((code, i) => ({ code: `0${code}`, name: `入库商品 ${i + 1}`, priceCents: 1000 + i, costCents: 800 + i, stock: 0 })),
    );
    // Start on the seeded catalog, as the shop's terminal would.
    await kiosk.page.reload();
    await kiosk.page.waitForSelector('kiosk-app[data-connection="open"]', { timeout: 30_000 });

    // The scanner keeps going whatever the browser does; the service journals meanwhile.
    let sent = 0;
    const sending = (async () => {
      for (const code of codes) {
        await writeLine(terminal.pty.simPath, code);
        sent++;
        await new Promise((r) => setTimeout(r, 40));
      }
    })();

    const random = mulberry32(8);
    for (let kill = 0; kill < KILLS; kill++) {
      // Kill while the page is storing: shortly after it (re)connected and took the backlog.
      await kiosk.page.waitForSelector('kiosk-app[data-connection="open"]', { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, 150 + random() * 700));
      await kiosk.kill();
      await new Promise((r) => setTimeout(r, 200 + random() * 600));
      kiosk = await launchKillableKiosk(terminal.service.url, profile, 'receive');
    }
    await sending;
    expect(sent).toBe(PRODUCTS);

    const expected = new Set(codes.map((c) => `0${c}`));
    await eventually(
      () => terminal.service.health(),
      (h) => h.pendingScans === 0 && h.scansThisBoot >= PRODUCTS,
      60_000,
    );
    const seen = await eventually(
      () => readScansAndDeliveries(kiosk!),
      (s) => s.scans.filter((r) => expected.has(r.code)).length >= PRODUCTS,
      30_000,
    );

    // Stored once each…
    const stored = seen.scans.filter((r) => expected.has(r.code));
    expect(stored).toHaveLength(PRODUCTS);
    expect(new Set(stored.map((r) => r.code)).size).toBe(PRODUCTS);
    expect(stored.filter((r) => r.into !== 'delivery')).toEqual([]);
    // …and applied once each: one open delivery with one line of 1 per product.
    const open = seen.deliveries.filter((d) => d.status === 'open');
    expect(open).toHaveLength(1);
    const lines = open[0]!.lines;
    const missing = [...expected].filter((code) => !lines.some((l) => l.productCode === code));
    expect(missing, `stored but not in the delivery: ${missing.length}`).toEqual([]);
    expect(lines).toHaveLength(PRODUCTS);
    expect(lines.every((l) => l.quantity === 1)).toBe(true);

    // And the screen shows them all.
    await expect
      .poll(() => kiosk!.page.locator('kiosk-receive-screen kiosk-basket-lines button.line').count(), { timeout: 30_000 })
      .toBe(PRODUCTS);
  });
});
