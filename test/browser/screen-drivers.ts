/**
 * Driving the kiosk's own screens and parts in browser tests: mounting a basket
 * screen and reading its lines, the layout its frames must keep, the register
 * form's keypad and name, and the product history. Not a test file itself.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement, TemplateResult } from 'lit';
import type { KioskRegisterForm } from '../../src/components/kiosk-register-form.ts';
import type { KioskReceiveScreen } from '../../src/screens/kiosk-receive-screen.ts';
import type { Scan } from '../../src/domain/scan-protocol.ts';
import { deep, deepText, maybeDeep, typeInto, waitForText } from './shadow-dom.ts';

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

/** Waits for the product history `screen` opened to show the product's opening stock, then closes it. */
export async function readAndCloseProductHistory(screen: LitElement): Promise<void> {
  await screen.updateComplete;
  const history = deep(screen, 'kiosk-product-history');
  await waitForText(history, '期初');
  deep(history, 'button[name="close"]').click();
  await screen.updateComplete;
}

/** Presses `keys` on the register form's keypad ('⌫' is backspace), letting the form update after each. */
export async function pressKeys(form: KioskRegisterForm, keys: string): Promise<void> {
  for (const key of keys) {
    deep(form, 'kiosk-keypad', `button[data-key="${key === '⌫' ? 'backspace' : key}"]`).click();
    await form.updateComplete;
  }
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
