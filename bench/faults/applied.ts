/**
 * A scan must do what it does exactly once, not only be stored once. In
 * receive mode, 150 different products are scanned into one delivery while the
 * kiosk browser is killed with SIGKILL 30 times (a few ms after a scan, when it
 * is being stored and applied) and the service 3 times; the browser comes back
 * on the same profile each time, as the kiosk launcher restarts it.
 *
 * applied_lost = scans stored in IndexedDB whose product is not (or not as
 * often) in the open delivery.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSimEnd, startPtyPair, writeLine } from '../../test/helpers/pty.ts';
import { freePort } from '../../test/helpers/service.ts';
import { makeEan13Codes, readSessions, readStoredScans, seedProducts, waitForDatabase } from '../../test/helpers/kiosk-page.ts';
import { mulberry32 } from '../../test/helpers/mulberry32.ts';
import { launchKillableChromium, type KillableChromium } from './killable-chromium.ts';
import { log, waitUntil, type ServiceSupervisor, type Supervised } from './lib.ts';

const PRODUCTS = 150;
const BROWSER_KILLS = 30;
const SERVICE_KILLS = 3;

/** Packs per product in every open delivery. */
async function deliveredPacks(kiosk: KillableChromium): Promise<Map<string, number>> {
  const lines = (await readSessions(kiosk.page))
    .filter((s) => s.kind === 'delivery' && s.status === 'open')
    .flatMap((s) => s.basket?.lines ?? [])
    .map((l) => ({ code: l.productCode, packs: l.quantity * l.multiplier }));
  const packs = new Map<string, number>();
  for (const { code, packs: n } of lines) packs.set(code, (packs.get(code) ?? 0) + n);
  return packs;
}

export async function applied(supervisor: ServiceSupervisor): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'faults-applied-'));
  const profile = join(dir, 'profile');
  mkdirSync(profile);
  const pty = await startPtyPair(dir);
  let service: Supervised | undefined;
  let kiosk: KillableChromium | undefined;
  const random = mulberry32(8);
  try {
    const port = await freePort();
    service = await supervisor.supervise('applied', { dataDir: join(dir, 'data'), scannerPath: pty.devicePath, port });
    await service.current()!.waitForScanners();
    const url = service.current()!.url;
    const codes = makeEan13Codes(PRODUCTS, 700_000);

    kiosk = await launchKillableChromium(profile, url, 'receive');
    await seedProducts(
      kiosk.page,
      codes.map((code, i) => ({ code: `0${code}`, name: `到货测试 ${i + 1}`, priceCents: 1000 + i, costCents: 800 + i, stock: 0 })),
    );
    await kiosk.page.reload();
    await waitForDatabase(kiosk.page);
    await kiosk.page.locator('kiosk-receive-screen').waitFor({ timeout: 30_000 });
    log(`applied: receive mode; scanning ${PRODUCTS} products with ${BROWSER_KILLS} browser kills and ${SERVICE_KILLS} service kills`);

    const sim = await openSimEnd(pty.simPath);
    const killEvery = Math.floor(PRODUCTS / BROWSER_KILLS);
    let browserKills = 0;
    let serviceKills = 0;
    try {
      for (let i = 0; i < PRODUCTS; i++) {
        await writeLine(sim, codes[i]!, { baud: 9600 });
        if ((i + 1) % killEvery !== 0 || browserKills >= BROWSER_KILLS) {
          await sleep(350);
          continue;
        }
        // Kill while the scan is being stored and applied: a few ms to ~80 ms after its line.
        await sleep(Math.floor(random() * 80));
        await kiosk.kill();
        kiosk = undefined;
        browserKills++;
        if (browserKills % Math.floor(BROWSER_KILLS / SERVICE_KILLS) === 0 && serviceKills < SERVICE_KILLS) {
          await service.stop('SIGKILL');
          serviceKills++;
          await service.ensureUp();
          await service
            .current()
            ?.waitForScanners()
            .catch(() => undefined);
        }
        kiosk = await launchKillableChromium(profile, url, 'receive');
        await kiosk.page.locator('kiosk-receive-screen').waitFor({ timeout: 30_000 });
        if (browserKills % 10 === 0) log(`applied: ${i + 1} scanned, ${browserKills} browser kills, ${serviceKills} service kills`);
      }
    } finally {
      await sim.close();
    }

    await waitUntil(async () => ((await service!.health())?.pendingScans ?? 1) === 0, 60_000, 200);
    // Give the last applies time to commit.
    await sleep(2000);
    const expected = new Set(codes.map((code) => `0${code}`));
    const stored = (await readStoredScans(kiosk!.page)).filter((row) => expected.has(row.code));
    const storedPerCode = new Map<string, number>();
    for (const row of stored) storedPerCode.set(row.code, (storedPerCode.get(row.code) ?? 0) + 1);
    const delivered = await deliveredPacks(kiosk!);
    let lost = 0;
    let extra = 0;
    for (const [code, n] of storedPerCode) {
      const got = delivered.get(code) ?? 0;
      lost += Math.max(0, n - got);
      extra += Math.max(0, got - n);
    }
    log(
      `applied: ${stored.length} of ${PRODUCTS} scans stored, ${[...delivered.values()].reduce((a, b) => a + b, 0)} packs in the delivery; ` +
        `${lost} stored but not applied, ${extra} applied more often than stored`,
    );
    return lost;
  } finally {
    await kiosk?.kill();
    await service?.stop();
    await pty.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
