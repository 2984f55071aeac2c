/**
 * The kiosk page in real Chromium (Debian's, through playwright-core) for the
 * e2e tests and the benchmark, with helpers that read and seed its IndexedDB
 * directly — the way a support engineer would inspect a terminal's data.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import type { Product } from '../../src/domain/product.ts';
import { gs1CheckDigit } from '../../src/domain/barcode.ts';

export const DB_NAME = 'shop-terminal';

export interface KioskPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Opens the kiosk in a fresh browser profile, in the given counter mode (the
 * scan-path tests and bench:scan use 查询 look-up: scans only show products).
 */
export async function openKioskPage(url: string, mode = 'lookup'): Promise<KioskPage> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Only before the first load: a mode the page switches to later survives reloads.
  await context.addInitScript((initial) => {
    if (!localStorage.getItem('kiosk.mode')) localStorage.setItem('kiosk.mode', initial);
  }, mode);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.goto(url);
  await waitForDatabase(page);
  return { browser, context, page, close: () => browser.close() };
}

/** Resolves once the app has created its database (the stores exist). */
export async function waitForDatabase(page: Page): Promise<void> {
  await page.waitForFunction(
    async (name) => {
      const dbs = await indexedDB.databases();
      if (!dbs.some((db) => db.name === name)) return false;
      return await new Promise<boolean>((resolve) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => {
          const ok = req.result.objectStoreNames.contains('scans') && req.result.objectStoreNames.contains('products');
          req.result.close();
          resolve(ok);
        };
        req.onerror = () => resolve(false);
      });
    },
    DB_NAME,
    { polling: 100, timeout: 30_000 },
  );
}

/**
 * Puts products straight into the database as a catalog import leaves them:
 * each product with the link of its own (pack) barcode, as registerProduct and
 * importCatalog write it.
 */
export async function seedProducts(
  page: Page,
  products: Array<Pick<Product, 'code' | 'name' | 'priceCents'> & Partial<Product>>,
): Promise<void> {
  const now = Date.now();
  await putRecords(page, {
    products: products.map((p) => ({ unit: 'pack', stock: 0, createdAt: now, updatedAt: now, ...p })),
    barcodes: products.map((p) => ({ code: p.code, productCode: p.code, multiplier: 1 })),
  });
}

/**
 * Puts each store's records into the page's IndexedDB (the shop's database, or
 * `db`) in one transaction over them all, as a support engineer would seed a
 * terminal: straight into the stores, past the app's code.
 */
export async function putRecords(page: Page, records: Record<string, readonly unknown[]>, db = DB_NAME): Promise<void> {
  await page.evaluate(
    async ({ name, records }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        const tx = db.transaction(Object.keys(records), 'readwrite');
        for (const [store, values] of Object.entries(records)) for (const value of values) tx.objectStore(store).put(value);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { name: db, records },
  );
}

/**
 * One read of `store` in the page's IndexedDB, in a transaction of its own, as
 * a support engineer would read it: every record, how many there are, or the
 * one under `key`; in the shop's database, or `db` (the demo shop's).
 */
export async function readStore<T>(page: Page, store: string, read: 'getAll' | 'count', key?: undefined, db?: string): Promise<T>;
export async function readStore<T>(page: Page, store: string, read: 'get', key: string, db?: string): Promise<T | undefined>;
export async function readStore<T>(
  page: Page,
  store: string,
  read: 'getAll' | 'count' | 'get',
  key?: string,
  db = DB_NAME,
): Promise<T | undefined> {
  return (await page.evaluate(
    async ({ name, store, read, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        const objects = db.transaction(store).objectStore(store);
        const req: IDBRequest = read === 'get' ? objects.get(key!) : read === 'count' ? objects.count() : objects.getAll();
        return await new Promise<unknown>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      } finally {
        db.close();
      }
    },
    { name: db, store, read, key },
  )) as T | undefined;
}

/** A counter session as the app reads it: an open basket's lines (their own records since DB version 12) folded in. */
export interface WholeSession {
  id: string;
  kind: string;
  status: string;
  basket?: { lines: Array<{ lineId: string; productCode: string; barcode: string; multiplier: number; quantity: number }> };
  counts?: unknown[];
}

/**
 * Every counter session, each open basket with its lines from `basketLines` in
 * the order they were added: both stores read in one transaction, as the app does.
 */
export async function readSessions(page: Page, db = DB_NAME): Promise<WholeSession[]> {
  type Line = NonNullable<WholeSession['basket']>['lines'][number] & { sessionId: string; no: number };
  const [records, lines] = (await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const tx = db.transaction(['sessions', 'basketLines']);
      // No named function in here: the bench's loader (tsx) would wrap it in a helper the page lacks.
      return await Promise.all(
        ['sessions', 'basketLines'].map(
          (store) =>
            new Promise<unknown[]>((resolve, reject) => {
              const req = tx.objectStore(store).getAll();
              req.onsuccess = () => resolve(req.result as unknown[]);
              req.onerror = () => reject(req.error);
            }),
        ),
      );
    } finally {
      db.close();
    }
  }, db)) as [Array<WholeSession & { linesApart?: boolean }>, Line[]];
  return records.map(({ linesApart, ...session }) =>
    linesApart ? { ...session, basket: { lines: lines.filter((l) => l.sessionId === session.id).sort((a, b) => a.no - b.no) } } : session,
  );
}

export interface StoredScanRow {
  id: string;
  code: string;
}

/** Every scan in IndexedDB (id and product code). */
export async function readStoredScans(page: Page): Promise<StoredScanRow[]> {
  const scans = await readStore<StoredScanRow[]>(page, 'scans', 'getAll');
  return scans.map((s) => ({ id: s.id, code: s.code }));
}

export function countStoredScans(page: Page): Promise<number> {
  return readStore<number>(page, 'scans', 'count');
}

/** Polls until `check` passes or the time is up. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Valid EAN-13 codes with a Chinese (69) prefix, distinct, for tests. */
export function makeEan13Codes(count: number, start = 0): string[] {
  const codes: string[] = [];
  for (let i = start; i < start + count; i++) {
    const body = `69${String(100000000 + i).padStart(10, '0')}`;
    codes.push(body + gs1CheckDigit(body));
  }
  return codes;
}

/** The text a person sees in an element, through every shadow root below it. */
export async function visibleText(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((root) => {
      const parts: string[] = [];
      const walk = (node: Node): void => {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
        if (node instanceof HTMLElement && getComputedStyle(node).display === 'none') return;
        for (const child of node.childNodes) walk(child);
      };
      walk(root);
      return parts.join(' ').replace(/\s+/g, ' ');
    });
}

export interface KillableKiosk {
  browser: Browser;
  page: Page;
  /** SIGKILL the whole browser (every process of it), as a crash or a power cut of the page would. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The kiosk in a Chromium process this test starts itself, on a profile
 * directory that outlives it (IndexedDB, localStorage), reached over CDP. Unlike
 * openKioskPage the browser can be SIGKILLed and started again on the same
 * profile, which is what a crashed kiosk browser restarted by systemd is.
 */
export async function launchKillableKiosk(url: string, profileDir: string, mode: string): Promise<KillableKiosk> {
  const { spawn } = await import('node:child_process');
  const { readFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const portFile = join(profileDir, 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const child = spawn(
    findChromium(),
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      `--user-data-dir=${profileDir}`,
      '--remote-debugging-port=0',
      '--window-size=1280,800',
      'about:blank',
    ],
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let port: number | undefined;
  const until = Date.now() + 30_000;
  while (port === undefined) {
    let read: number | undefined;
    try {
      read = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
    } catch {
      // not written yet
    }
    // Chromium may be caught between creating the file and writing the port: an
    // empty file reads as 0, which is no port (connecting to it tried port 80).
    if (read !== undefined && Number.isInteger(read) && read > 0) {
      port = read;
    } else {
      if (Date.now() > until) throw new Error('Chromium did not open its debugging port');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  if (mode !== undefined) {
    // Before every load, not once: Chromium writes localStorage to disk only
    // seconds later, so a kill soon after the first load can lose the mode.
    await context.addInitScript((initial) => {
      if (!localStorage.getItem('kiosk.mode')) localStorage.setItem('kiosk.mode', initial);
    }, mode);
  }
  await page.goto(url);
  await waitForDatabase(page);
  const killGroup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
    }
  };
  return {
    browser,
    page,
    kill: killGroup,
    async close() {
      await browser.close().catch(() => undefined);
      await killGroup();
    },
  };
}

/** The owner PIN the e2e tests set on a fresh terminal. */
export const E2E_OWNER_PIN = '2468';

export async function typePinOnPage(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.locator(`kiosk-pin-gate kiosk-pin-pad kiosk-keypad button[data-key="${digit}"]`).click();
  await page.locator('kiosk-pin-gate kiosk-pin-pad button[name="ok"]').click();
}

/**
 * Answer the PIN pad's first-run screen as the owner would: the PIN twice, then
 * "I wrote the recovery code down". Call once the pad shows it (an owner-only
 * action on a terminal without an owner PIN, or the 设置店主密码 banner).
 */
export async function answerOwnerFirstRun(page: Page, pin = E2E_OWNER_PIN): Promise<void> {
  await page.locator('kiosk-pin-gate [data-view="set-owner"]').waitFor({ timeout: 30_000 });
  await typePinOnPage(page, pin);
  // The pad asks again, emptied (in either language).
  await page.locator('kiosk-pin-gate [data-view="set-owner"][data-step="repeat"]').waitFor();
  await page.locator('kiosk-pin-gate kiosk-pin-pad [data-kind="pin-dots"] > span').waitFor();
  await typePinOnPage(page, pin);
  await page.locator('kiosk-pin-gate button[name="code-noted"]').click();
}

/** A fresh terminal: the owner sets the PIN from the first-run banner, and stays signed in. */
export async function setOwnerPinOnPage(page: Page, pin = E2E_OWNER_PIN): Promise<void> {
  await page.locator('kiosk-app button[name="set-owner-pin"]').click();
  await answerOwnerFirstRun(page, pin);
}

/**
 * Tap one of the top bar's occasional actions (remove-demo, customer-mode,
 * manage-staff): under ⋯ up to 1280×800, in the bar's row on a wide screen
 * (管理 there is the session chip's own).
 */
export async function tapTopBarAction(page: Page, name: string): Promise<void> {
  const more = page.locator('kiosk-top-bar button[name="more"]');
  if (await more.isVisible()) {
    await more.click();
    await page.locator(`kiosk-top-bar .actions button[name="${name}"]`).click();
  } else if (name === 'manage-staff') {
    await page.locator('kiosk-session-chip button[name="manage"]').click();
  } else {
    await page.locator(`kiosk-top-bar .actions button[name="${name}"]`).click();
  }
}
