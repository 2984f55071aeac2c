/** Shared bits of the kiosk UI browser tests (not a test file itself). */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import type { LitElement, TemplateResult } from 'lit';
import type { KioskApp } from '../../src/kiosk-app.ts';
import type { ScanStreamOptions } from '../../src/data/scan-stream.ts';
import type { ScannerState } from '../../src/domain/scan-protocol.ts';
import { gs1CheckDigit, toGtin14 } from '../../src/domain/barcode.ts';
import type { UsbService } from '../../src/data/usb-files.ts';
import type { KioskRegisterForm } from '../../src/components/kiosk-register-form.ts';
import type { KioskReceiveScreen } from '../../src/screens/kiosk-receive-screen.ts';
import type { ClientMessage, RejectedScan, Scan, ServerMessage } from '../../src/domain/scan-protocol.ts';
import type { DailyTotal, Product } from '../../src/domain/product.ts';
import { DB_NAME, DEMO_DB_NAME, closeDb, deleteKioskDb, getDb, useDatabase } from '../../src/data/db.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { registerProduct } from '../../src/data/products.ts';
import { OWNER_ID, forgetSessionForTests, hasOwner, setUpOwner, signIn, usePinIterations } from '../../src/data/roles.ts';
import { dayProductsOf } from '../../src/domain/report/rollups.ts';
import { setLocale } from '../../src/localization.ts';

/** Mounts a basket screen (sell or receive) and waits for its first load. */
export async function mountBasketScreen<E extends Element & { settled(): Promise<void> }>(template: TemplateResult): Promise<E> {
  const screen = await fixture<E>(template);
  await screen.settled();
  return screen;
}

/** Mounts a receive screen, 600 px high (the test file imports the element), and waits for its first load. */
export function mountReceiveScreen(): Promise<KioskReceiveScreen> {
  return mountBasketScreen<KioskReceiveScreen>(html`<kiosk-receive-screen style="height:600px"></kiosk-receive-screen>`);
}

/** Taps the element at `selectors` under a basket screen and waits until the screen has written and shown what the tap did. */
export async function clickAndSettle(screen: Element & { settled(): Promise<void> }, ...selectors: string[]): Promise<void> {
  deep(screen, ...selectors).click();
  await screen.settled();
}

/** Tap the button at `selectors` (through shadow roots) and wait for the element's render. */
export async function clickAndUpdate(el: Element & { updateComplete: Promise<unknown> }, ...selectors: string[]): Promise<void> {
  deep(el, ...selectors).click();
  await el.updateComplete;
}

/** The line buttons of a basket screen's list (none while the list is not shown). */
export function basketLineRows(screen: Element): HTMLButtonElement[] {
  const list = maybeDeep(screen, 'kiosk-basket-lines');
  return list ? [...list.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.line')] : [];
}

/**
 * `box` is laid out on its own (a scan's change inside it lays out nothing
 * around it): Chromium does that only for a box that is strictly contained
 * and not a flex or grid item, such as the absolutely placed `.frame`.
 */
export function expectLayoutRoot(box: Element): void {
  const style = getComputedStyle(box);
  expect(style.contain, `contain of ${box.className}`).to.equal('strict');
  expect(style.position, `position of ${box.className}`).to.equal('absolute');
}

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

/** All text under an element, through open shadow roots, whitespace collapsed. */
export function deepText(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    if (n instanceof HTMLSlotElement) {
      for (const assigned of n.assignedNodes({ flatten: true })) walk(assigned);
      return;
    }
    for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** querySelector through a chain of shadow roots: deep(el, 'kiosk-register-form', 'button[name=save]'). */
export function deep<E extends Element = HTMLElement>(root: Element, ...selectors: string[]): E {
  let current: Element = root;
  for (const selector of selectors) {
    const scope: ParentNode = current.shadowRoot ?? current;
    const next = scope.querySelector(selector);
    if (!next) throw new Error(`no ${selector} under ${current.tagName.toLowerCase()}`);
    current = next;
  }
  return current as E;
}

export function maybeDeep(root: Element, ...selectors: string[]): Element | null {
  try {
    return deep(root, ...selectors);
  } catch {
    return null;
  }
}

/** Poll until the element's deep text contains `text` (generous: CI machines are slow). */
export async function waitForText(root: Element, text: string, timeout = 5000): Promise<void> {
  await waitFor(() => deepText(root).includes(text), `"${text}" not shown; text is: ${deepText(root).slice(0, 400)}`, {
    timeout,
  });
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

/** Waits for the product history `screen` opened to show the product's opening stock, then closes it. */
export async function readAndCloseProductHistory(screen: LitElement): Promise<void> {
  await screen.updateComplete;
  const history = deep(screen, 'kiosk-product-history');
  await waitForText(history, '期初');
  deep(history, 'button[name="close"]').click();
  await screen.updateComplete;
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

/** The terminal service is not there (wtr's dev server): screens must still work without USB sticks. */
export const noUsb: UsbService = {
  list: async () => undefined,
  read: async () => {
    throw new Error('no service');
  },
  write: async () => {
    throw new Error('no service');
  },
};

/**
 * Plays the terminal service's end of the /scans socket in place of the
 * browser WebSocket: the test opens the connection, sends server messages and
 * reads what the page sent.
 */
export class FakeService extends EventTarget {
  static last?: FakeService;
  static instances: FakeService[] = [];
  readyState = 0;
  binaryType: BinaryType = 'blob';
  readonly sent: ClientMessage[] = [];
  /** Called on each send, e.g. to check what is in IndexedDB at that moment. */
  onSend?: (message: ClientMessage) => void;
  constructor(readonly url: string) {
    super();
    FakeService.last = this;
    FakeService.instances.push(this);
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    const message = JSON.parse(data) as ClientMessage;
    this.sent.push(message);
    this.onSend?.(message);
  }
  close(): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code: 1000 }));
  }
  // The service's side:
  accept(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  deliver(message: ServerMessage | string): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  drop(): void {
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code: 1006 }));
  }
  ackedIds(): string[] {
    return this.sent.flatMap((m) => (m.type === 'ack' ? m.ids : []));
  }
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

/** Presses `keys` on the register form's keypad ('⌫' is backspace), letting the form update after each. */
export async function pressKeys(form: KioskRegisterForm, keys: string): Promise<void> {
  for (const key of keys) {
    deep(form, 'kiosk-keypad', `button[data-key="${key === '⌫' ? 'backspace' : key}"]`).click();
    await form.updateComplete;
  }
}

/** Types `text` into the field at `selectors` (under `root`) as the on-screen keyboard does (an input event). */
export function typeInto(root: Element, text: string, ...selectors: string[]): void {
  const input = deep<HTMLInputElement | HTMLTextAreaElement>(root, ...selectors);
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

/** Types `name` into the register form's name field as the on-screen keyboard does (an input event). */
export function typeName(form: KioskRegisterForm, name: string): void {
  typeInto(form, name, 'input[name="name"]');
}

/** The register form a scan of an unknown code opened on `screen`, with `name` typed and `priceKeys` pressed on its keypad. */
export async function fillNewProduct(screen: Element, name: string, priceKeys = ''): Promise<KioskRegisterForm> {
  const form = deep<KioskRegisterForm>(screen, 'kiosk-register-form');
  typeName(form, name);
  await pressKeys(form, priceKeys);
  await form.updateComplete;
  return form;
}

/**
 * Scans `scan` on `screen` while the register form `form` (with `name` typed) is open: the scan waits behind
 * the form, which stays the same element with its typing kept, and the screen says one scan is waiting.
 */
export async function scanBehindForm(
  screen: Element & { showScan(scan: Scan): unknown },
  form: KioskRegisterForm,
  scan: Scan,
  name: string,
): Promise<void> {
  await screen.showScan(scan);
  expect(deep(screen, 'kiosk-register-form')).to.equal(form);
  expect(deep<HTMLInputElement>(form, 'input[name="name"]').value).to.equal(name);
  expect(deepText(screen)).to.include('刚扫到 1 件商品');
}

/** A kiosk-app on a fake terminal service that has said hello (with these scanners). */
export async function connectedApp(scanners: ScannerState[] = [], options: Partial<ScanStreamOptions> = {}) {
  FakeService.last = undefined;
  const app = await fixture<KioskApp>(
    html`<kiosk-app .streamOptions=${{ url: 'ws://kiosk.test/scans', WebSocket: FakeService, ...options }}></kiosk-app>`,
  );
  await waitFor(() => FakeService.last !== undefined, 'no socket opened');
  const service = FakeService.last!;
  service.accept();
  service.deliver({ type: 'hello', bootId: 'b1', version: 'test', scanners });
  await waitFor(() => app.dataset.connection === 'open', 'not open');
  return { app, service };
}
