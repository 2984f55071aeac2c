/** The rep's visit driven in real Chromium, shared by the end-to-end tests that do one. */
import type { Page } from 'playwright-core';
import { writeLine, type PtyPair } from './pty.ts';
import { E2E_OWNER_PIN, tapTopBarAction, typePinOnPage } from './kiosk-page.ts';

export async function typeOnPad(page: Page, scope: string, pin: string): Promise<void> {
  for (const digit of pin) await page.locator(`${scope} kiosk-pin-pad kiosk-keypad button[data-key="${digit}"]`).click();
  await page.locator(`${scope} kiosk-pin-pad button[name="ok"]`).click();
}

/** The owner registers a rep in the owner's panel (the rep's PIN twice, then the owner's) and locks the counter. */
export async function registerRep(page: Page, name: string, number: string, pin: string): Promise<void> {
  await tapTopBarAction(page, 'manage-staff');
  await page.locator('kiosk-staff-panel button[name="register-rep"]').click();
  await page.locator('kiosk-staff-panel input[name="staff-name"]').fill(name);
  await page.locator('kiosk-staff-panel input[name="staff-number"]').fill(number);
  await page.locator('kiosk-staff-panel button[name="details-ok"]').click();
  await typeOnPad(page, 'kiosk-staff-panel', pin);
  await page.locator('kiosk-staff-panel [data-step="repeat"]').waitFor();
  await typeOnPad(page, 'kiosk-staff-panel', pin);
  await page.locator('kiosk-staff-panel [data-step="owner"]').waitFor();
  await typeOnPad(page, 'kiosk-staff-panel', E2E_OWNER_PIN);
  await page.locator('kiosk-staff-panel [data-kind="staff"]').getByText(name).waitFor();
  await page.locator('kiosk-staff-panel button[name="close-panel"]').click();
  await page.locator('kiosk-session-chip button[name="lock"]').click();
}

export async function repSignsIn(page: Page, pin: string): Promise<void> {
  await page.locator('kiosk-session-chip button[name="sign-in"]').click();
  await page.locator('kiosk-pin-gate button[data-staff^="rep-"]').click();
  await typePinOnPage(page, pin);
  await page.locator('kiosk-app[data-mode="visit"]').waitFor({ timeout: 15_000 });
}

/** Scan a shelf product with the pty scanner and mark its tag. */
export async function scanAndMark(page: Page, pty: PtyPair, code: string, mark: 'present' | 'missing' | 'wrong-price'): Promise<void> {
  await writeLine(pty.simPath, code);
  await page.locator(`kiosk-visit-audit [data-kind="audit-product"][data-code="0${code}"]`).waitFor({ timeout: 15_000 });
  await page.locator(`kiosk-visit-audit button[name="mark-${mark}"]`).click();
  await page.locator('kiosk-visit-audit [data-kind="audit-product"]').waitFor({ state: 'detached', timeout: 15_000 });
}

/** The rep closes the visit on its summary tab; the owner confirms with the owner PIN. */
export async function closeAndConfirm(page: Page): Promise<void> {
  await page.locator('kiosk-visit-screen button[data-tab="summary"]').click();
  await page.locator('kiosk-visit-screen button[name="close-visit"]').click();
  await page.locator('kiosk-visit-screen button[name="confirm-visit"]').click();
  await page.locator('kiosk-pin-gate [data-view="owner"]').waitFor();
  await typePinOnPage(page, E2E_OWNER_PIN);
  await page.locator('kiosk-visit-screen [data-kind="visit-confirmed"]').waitFor({ timeout: 15_000 });
}
