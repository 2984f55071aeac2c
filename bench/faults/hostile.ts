/**
 * Hostile clients on the same machine, while the kiosk page is away (reloading,
 * crashed) and scans wait for it:
 *  - the app opened on the other local origin (http://localhost:PORT, while
 *    the kiosk is on http://127.0.0.1:PORT): a second IndexedDB;
 *  - a page on another port (http://localhost:OTHER) embedding the app in a
 *    2 px iframe: the frame's storage is partitioned under that page;
 *  - a local program with a raw WebSocket and no Origin acknowledging
 *    `<bootId>-1…N` blindly, the boot id read from /healthz;
 *  - the same with a forged Origin header (the kiosk's own), never subscribing.
 * Each gets a few seconds; then the kiosk page comes back and stores what the
 * service still offers. foreign_acks = scans that never reached the kiosk's
 * IndexedDB because something else acknowledged them.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSimEnd, startPtyPair, writeLine } from '../../test/helpers/pty.ts';
import { freePort } from '../../test/helpers/service.ts';
import { makeEan13Codes, readStoredScans, waitForDatabase } from '../../test/helpers/kiosk-page.ts';
import type { Page } from 'playwright-core';
import { launchKillableChromium, type KillableChromium } from './killable-chromium.ts';
import { ScanSocketClient, log, pageOrigin, waitUntil, type ServiceSupervisor, type Supervised } from './lib.ts';

const SCANS_PER_ATTACK = 10;
const ATTACK_MS = 5000;

type Attack = (ctx: { browser: KillableChromium; service: Supervised; port: number; embedderPort: number }) => Promise<string>;

const attacks: Array<[string, Attack]> = [
  [
    'the app on the second origin http://localhost:PORT',
    async ({ browser, port }) => {
      const page = await browser.page.context().newPage();
      try {
        const res = await page.goto(`http://localhost:${port}/`);
        await sleep(ATTACK_MS);
        return `loaded at ${page.url()} (HTTP ${res?.status()})`;
      } finally {
        await page.close();
      }
    },
  ],
  [
    'a page on http://localhost:OTHER embedding the app in a 2 px iframe',
    async ({ browser, embedderPort }) => {
      const page = await browser.page.context().newPage();
      try {
        await page.goto(`http://localhost:${embedderPort}/`);
        await sleep(ATTACK_MS);
        const frame = page.frames().find((f) => f !== page.mainFrame());
        const inFrame = frame ? await frame.evaluate(() => document.querySelector('kiosk-app') !== null).catch(() => false) : false;
        return inFrame ? 'the app ran inside the frame' : 'the app did not run inside the frame';
      } finally {
        await page.close();
      }
    },
  ],
  ['a raw WebSocket without Origin acknowledging <bootId>-1…N blindly', async ({ service }) => blindAck(service)],
  [
    'a raw WebSocket forging the kiosk Origin, acknowledging <bootId>-1…N blindly without subscribing',
    // A local program can send any Origin header it likes.
    async ({ service, port }) => blindAck(service, pageOrigin(port)),
  ],
];

/** A local program acknowledging every id the boot could have given, without being offered any. */
async function blindAck(service: Supervised, origin?: string): Promise<string> {
  const health = await service.health();
  const running = service.current();
  if (!health || !running) return 'no service';
  const client = await ScanSocketClient.open(running.port, origin ? { origin } : undefined).catch((error: Error) => error);
  if (client instanceof Error) return `refused: ${client.message}`;
  try {
    const ids = Array.from({ length: health.scansThisBoot + 100 }, (_, i) => `${health.bootId}-${i + 1}`);
    await client.ack(ids);
    await sleep(1000);
    return `sent ${ids.length} acks (offered ${client.offered.size} scans itself)`;
  } finally {
    client.close();
  }
}

function startEmbedder(port: number, appPort: number): Promise<Server> {
  const html =
    '<!doctype html><title>not the kiosk</title><p>an unrelated local page</p>' +
    `<iframe src="http://127.0.0.1:${appPort}/" style="width:2px;height:2px;border:0"></iframe>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

export async function hostileScenario(supervisor: ServiceSupervisor): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'faults-hostile-'));
  const pty = await startPtyPair(dir);
  let service: Supervised | undefined;
  let browser: KillableChromium | undefined;
  let embedder: Server | undefined;
  try {
    const port = await freePort();
    service = await supervisor.supervise('hostile', { dataDir: join(dir, 'data'), scannerPath: pty.devicePath, port });
    await service.current()!.waitForScanners();
    const embedderPort = await freePort();
    embedder = await startEmbedder(embedderPort, port);
    // The kiosk's own kind of browser: a persistent profile (kiosk/chromium-kiosk.sh), where
    // a framed page may keep (partitioned) storage, unlike a throwaway incognito-like context.
    const appUrl = service.current()!.url;
    browser = await launchKillableChromium(join(dir, 'profile'), appUrl, 'lookup');
    let kiosk: Page | undefined = browser.page;
    // A blank tab keeps the browser open while the kiosk tab is closed.
    await browser.page.context().newPage();
    const codes = makeEan13Codes(SCANS_PER_ATTACK * attacks.length, 600_000);
    let foreign = 0;
    const sim = await openSimEnd(pty.simPath);
    try {
      for (const [index, [name, attack]] of attacks.entries()) {
        // The kiosk page is away (closed): its scans wait in the journal.
        await kiosk?.close();
        kiosk = undefined;
        const before = (await service.health())?.scansThisBoot ?? 0;
        const batch = codes.slice(index * SCANS_PER_ATTACK, (index + 1) * SCANS_PER_ATTACK);
        for (const code of batch) {
          await writeLine(sim, code, { baud: 115_200 });
          await sleep(15);
        }
        await waitUntil(async () => ((await service!.health())?.scansThisBoot ?? 0) >= before + batch.length, 10_000);
        const pendingBefore = (await service.health())?.pendingScans ?? NaN;
        const what = await attack({ browser, service, port, embedderPort });
        const pendingAfter = (await service.health())?.pendingScans ?? NaN;

        // The kiosk comes back and stores whatever is still offered.
        kiosk = await browser.page.context().newPage();
        await kiosk.goto(appUrl);
        await waitForDatabase(kiosk);
        const expected = new Set(batch.map((code) => `0${code}`));
        await waitUntil(async () => ((await service!.health())?.pendingScans ?? 1) === 0, 30_000, 100);
        await sleep(500);
        const stored = (await readStoredScans(kiosk)).filter((row) => expected.has(row.code));
        const missing = expected.size - new Set(stored.map((row) => row.code)).size;
        foreign += missing;
        log(
          `hostile: ${name}: ${what}; pending ${pendingBefore} → ${pendingAfter} during the attack; ` +
            `${missing} of ${batch.length} scans never reached the kiosk`,
        );
      }
    } finally {
      await sim.close();
    }
    return foreign;
  } finally {
    await browser?.kill();
    await new Promise<void>((resolve) => (embedder ? embedder.close(() => resolve()) : resolve()));
    await service?.stop();
    await pty.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
