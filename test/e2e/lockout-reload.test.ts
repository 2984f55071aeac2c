/**
 * The PIN lockout survives a real reload of the kiosk page (issue 10): five
 * wrong owner PINs lock the pad for 30 s, and reloading the page (what a
 * customer might try) neither opens it nor shortens the wait: the pad comes
 * back locked, its keys disabled.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnerKiosk, stopTerminal, type Terminal } from '../helpers/terminal.ts';
import { typePinOnPage, type KioskPage } from '../helpers/kiosk-page.ts';

async function openOwnerSignIn(page: Page): Promise<void> {
  await page.locator('kiosk-session-chip button[name="sign-in"]').click();
  await page.locator('kiosk-pin-gate button[data-staff="owner"]').click();
}

/** The seconds the pad says to wait, or undefined when it does not say so. */
async function lockedSeconds(page: Page): Promise<number | undefined> {
  const locked = page.locator('kiosk-pin-gate [data-kind="locked"]');
  if ((await locked.count()) === 0) return undefined;
  const match = /(\d+)/.exec(await locked.innerText());
  return match ? Number(match[1]) : undefined;
}

describe('PIN lockout across a reload', () => {
  let terminal: Terminal;
  let kiosk: KioskPage;

  beforeAll(async () => {
    ({ terminal, kiosk } = await startOwnerKiosk('e2e-lockout-', 'sell'));
  }, 120_000);

  afterAll(() => stopTerminal(terminal, kiosk));

  it('five wrong PINs lock the pad, and a reload neither opens nor shortens the lock', async () => {
    const page = kiosk.page;
    await page.locator('kiosk-session-chip button[name="lock"]').click();
    await openOwnerSignIn(page);
    for (let i = 0; i < 5; i++) await typePinOnPage(page, '1357');
    await page.locator('kiosk-pin-gate [data-kind="locked"]').waitFor({ timeout: 10_000 });
    const before = await lockedSeconds(page);
    expect(before).toBeGreaterThan(20);
    expect(before).toBeLessThanOrEqual(30);

    await page.reload();
    await page.locator('kiosk-session-chip button[name="sign-in"]').waitFor({ timeout: 30_000 });
    await openOwnerSignIn(page);
    // The pad comes back locked: it says how long, and its keys take no PIN, not even the right one.
    await page.locator('kiosk-pin-gate [data-kind="locked"]').waitFor({ timeout: 10_000 });
    const after = await lockedSeconds(page);
    expect(after).toBeGreaterThan(10);
    expect(after).toBeLessThanOrEqual(30);
    expect(await page.locator('kiosk-pin-gate kiosk-pin-pad kiosk-keypad button[data-key="2"]').isDisabled()).toBe(true);
    expect(await page.locator('kiosk-session-chip button[name="lock"]').count()).toBe(0);
  }, 120_000);
});
