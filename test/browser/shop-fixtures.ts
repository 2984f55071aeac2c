/**
 * What a browser test's shop starts from: scans and barcodes, products, the
 * owner's session, a fresh database per test, and the kiosk's language. Not a
 * test file itself.
 */
import { fixtureCleanup } from '@open-wc/testing';
import type { RejectedScan, Scan } from '../../src/domain/scan-protocol.ts';
import { gs1CheckDigit, toGtin14 } from '../../src/domain/barcode.ts';
import type { DailyTotal, Product } from '../../src/domain/product.ts';
import { DB_NAME, DEMO_DB_NAME, closeDb, deleteKioskDb, getDb, useDatabase } from '../../src/data/db.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { registerProduct } from '../../src/data/products.ts';
import { OWNER_ID, forgetSessionForTests, hasOwner, setUpOwner, signIn, usePinIterations } from '../../src/data/roles.ts';
import { dayProductsOf } from '../../src/domain/report/rollups.ts';
import { setLocale } from '../../src/localization.ts';

/** A valid EAN-13 from its first 12 digits. */
export function ean13(body12: string): string {
  return body12 + String(gs1CheckDigit(body12));
}

let seq = 0;

/** A scan as the service would send it for an EAN-13 typed here. */
export function makeScan(ean: string, overrides: Partial<Scan> = {}): Scan {
  seq += 1;
  return {
    id: `test-${seq}`,
    boot: 1,
    seq,
    scannerId: 'counter',
    code: toGtin14(ean),
    text: ean,
    symbology: 'ean13',
    verified: true,
    receivedAt: Date.now(),
    ...overrides,
  };
}

export function makeRejected(reason: RejectedScan['reason'], text = '6901234567890'): RejectedScan {
  return { scannerId: 'counter', reason, text, receivedAt: Date.now() };
}

/**
 * Runs `body` with the kiosk in English, and switches it back to Chinese (the
 * language every other test expects) afterwards, whether `body` passed or not.
 */
export async function inEnglish<T>(body: () => Promise<T>): Promise<T> {
  await setLocale('en');
  try {
    return await body();
  } finally {
    await setLocale('zh-Hans');
  }
}

/**
 * A pack sold by the carton of 10 (codes without their leading 0): by default 玉溪（软） at ¥23.00,
 * 3 in stock, the product the delivery tests receive.
 */
export function registerCartonPack(
  pack: string,
  carton: string,
  product: { name?: string; priceCents?: number; openingStock?: number } = {},
): Promise<Product> {
  return registerProduct({
    code: `0${pack}`,
    name: '玉溪（软）',
    priceCents: 2300,
    unit: 'pack',
    openingStock: 3,
    packsPerCarton: 10,
    cartonCode: `0${carton}`,
    ...product,
  });
}

/** The owner PIN the browser tests set (hashed with few iterations: the rules are the same, the wait is not). */
export const TEST_OWNER_PIN = '2468';

/**
 * Open an owner session in the database now in use, as the owner would on the
 * PIN pad: set the owner PIN first if this database has none (a fresh terminal).
 */
export async function openOwnerSession(pin = TEST_OWNER_PIN): Promise<void> {
  usePinIterations(10);
  forgetSessionForTests();
  if (await hasOwner()) {
    const result = await signIn(OWNER_ID, pin);
    if (!result.ok) throw new Error(`test owner could not sign in: ${result.reason}`);
  } else {
    await setUpOwner(pin);
  }
}

/** Every test of the suite this is called in starts on an empty database and closes it after. */
export function freshKioskDbPerTest(): void {
  beforeEach(async () => {
    await deleteKioskDb();
  });
  afterEach(async () => {
    await closeDb();
  });
}

/**
 * Every test of the suite this is called in starts on an empty database with
 * the owner signed in (then `seed`, when given, fills it), and closes the
 * database after.
 */
export function freshShopWithOwner(seed?: () => Promise<void>): void {
  beforeEach(async () => {
    forgetProducts();
    await deleteKioskDb();
    await openOwnerSession();
    await seed?.();
  });
  signOutAndCloseDbAfterEach();
}

/**
 * Every test of a basket screen's suite (sell or receive) starts on an empty
 * database that `seed` fills. After it the screen leaves the page before its
 * database closes (a screen left on the page could still write to it), and
 * nobody is signed in any more.
 */
export function freshBasketScreenPerTest(seed: () => Promise<void>): void {
  beforeEach(async () => {
    forgetProducts();
    await deleteKioskDb();
    await seed();
  });
  afterEach(async () => {
    fixtureCleanup();
    forgetSessionForTests();
    await closeDb();
  });
}

/** Nobody signed in, and the demo shop's database in use and empty. */
export async function freshDemoDb(): Promise<void> {
  forgetSessionForTests();
  useDatabase(DEMO_DB_NAME);
  await deleteKioskDb();
}

/** Back on the shop's own database, its connection closed. */
export async function backToShopDb(): Promise<void> {
  useDatabase(DB_NAME);
  await closeDb();
}

/** After each test of the suite this is called in: nobody signed in any more, and the database closed. */
export function signOutAndCloseDbAfterEach(): void {
  afterEach(async () => {
    forgetSessionForTests();
    await closeDb();
  });
}

/** A real picture drawn here: a gradient of `width`×`height` encoded as `type`, which the picture import can decode and shrink. */
export async function drawPicture(width: number, height: number, type = 'image/png'): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#c00');
  gradient.addColorStop(1, '#00c');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  return canvas.convertToBlob({ type, quality: 0.9 });
}

export async function storedPictureCount(): Promise<number> {
  return (await getDb()).count('pictures');
}

/** A shop's products and sales history straight into IndexedDB, in one transaction (what the reorder screens read). */
export async function putProductsAndTotals(products: Product[], totals: DailyTotal[]): Promise<void> {
  const db = await getDb();
  // Readers read daily totals from the day records (src/data/history.ts).
  const tx = db.transaction(['products', 'dailyTotals', 'dayProducts'], 'readwrite');
  await Promise.all([
    ...products.map((p) => tx.objectStore('products').put(p)),
    ...totals.map((t) => tx.objectStore('dailyTotals').put(t)),
    ...dayProductsOf(totals).map((d) => tx.objectStore('dayProducts').put(d)),
  ]);
  await tx.done;
}
