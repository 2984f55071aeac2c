/**
 * The rep's visit end to end (issue 12): the real terminal service, a real pty
 * scanner (socat) and Debian's Chromium. The owner registers a rep; the rep
 * signs in, lands in visit mode, starts a visit and audits price tags by
 * scanning the shelf with the counter scanner; the page is reloaded in the
 * middle (a crash, a power cut of the screen); the rep signs in again and is
 * back in the same visit; the rep closes it and the owner confirms with
 * their PIN on the one PIN pad, after which the visit is read-only.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnerKiosk, stopTerminal, type Terminal } from '../helpers/terminal.ts';
import { closeAndConfirm, registerRep, repSignsIn, scanAndMark } from '../helpers/visit-page.ts';
import { eventually, makeEan13Codes, visibleText, type KioskPage, readStore } from '../helpers/kiosk-page.ts';

const REP_PIN = '7531';

interface VisitRow {
  id: string;
  status: string;
  tab: string;
  priceTags?: { checked: number; missing: number; wrongPrice: number };
  confirmedAt?: number;
}

/** The visits as stored, read straight from IndexedDB (as a support engineer would). */
function readVisits(page: Page): Promise<VisitRow[]> {
  return readStore<VisitRow[]>(page, 'visits', 'getAll');
}

describe('the rep’s visit with a real scanner', () => {
  let terminal: Terminal;
  let kiosk: KioskPage;
  const codes = makeEan13Codes(3, 700);

  beforeAll(async () => {
    ({ terminal, kiosk } = await startOwnerKiosk('e2e-visit-', 'sell', {
      products: codes.map((code, i) => ({ code: `0${code}`, name: `货架烟${i + 1}`, priceCents: 1500 + i * 500, stock: 10 })),
    }));
  }, 120_000);

  afterAll(() => stopTerminal(terminal, kiosk));

  it('audits price tags by scanning, survives a reload, and is confirmed by the owner', async () => {
    const page = kiosk.page;
    // The owner registers the rep in the owner's panel (the rep's PIN twice, then the owner's).
    await registerRep(page, '王经理', 'KM-7', REP_PIN);

    // The rep signs in and lands in visit mode; the visit starts with its time.
    await repSignsIn(page, REP_PIN);
    await page.locator('kiosk-visit-screen button[name="start-visit"]').click();
    await page.locator('kiosk-visit-screen [data-kind="visit-started"]').waitFor();
    expect(await visibleText(page, 'kiosk-visit-screen [data-kind="visit-started"]')).toContain('王经理');
    await scanAndMark(page, terminal.pty, codes[0]!, 'missing');
    await scanAndMark(page, terminal.pty, codes[1]!, 'present');
    await eventually(
      () => readVisits(page),
      (v) => v[0]?.priceTags?.checked === 2,
    );

    // A reload mid-visit: nobody is signed in after it, and the counter is not in visit mode.
    await page.reload();
    await page.locator('kiosk-app[data-connection="open"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('kiosk-app').getAttribute('data-mode')).toBe('sell');
    expect(await page.locator('kiosk-visit-screen').count()).toBe(0);
    await repSignsIn(page, REP_PIN);
    // The same visit, on the audit, with what was marked.
    await page.locator('kiosk-visit-audit [data-kind="missing-count"][data-missing="1"]').waitFor({ timeout: 15_000 });
    await scanAndMark(page, terminal.pty, codes[2]!, 'missing');
    await page.locator('kiosk-visit-audit [data-kind="missing-count"][data-missing="2"]').waitFor();
    expect(await visibleText(page, 'kiosk-visit-audit [data-kind="fix-list"]')).toContain('货架烟3');
    const during = await readVisits(page);
    expect(during).toHaveLength(1);
    expect(during[0]!.priceTags).toEqual({ checked: 3, missing: 2, wrongPrice: 0 });

    // The rep closes the visit; the owner confirms with the owner PIN.
    await closeAndConfirm(page);
    const done = await readVisits(page);
    expect(done[0]!.status).toBe('confirmed');
    expect(done[0]!.confirmedAt).toBeGreaterThan(0);
    // Read-only: no close or edit buttons are offered on it any more.
    expect(await page.locator('kiosk-visit-screen button[name="close-visit"]').count()).toBe(0);
    expect(await page.locator('kiosk-visit-screen button[name="pause-visit"]').count()).toBe(0);
  }, 180_000);
});
