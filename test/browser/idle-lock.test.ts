/**
 * The idle lock (issue 10): an open owner session locks itself after the set
 * idle minutes without a touch, in the running app. The lock's monotonic clock
 * is replaced by a fake one, so minutes pass without waiting for them; only the
 * once-a-second check is waited for.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/kiosk-app.ts';
import { MODE_STORAGE_KEY, type KioskApp } from '../../src/kiosk-app.ts';
import { deleteKioskDb } from '../../src/data/db.ts';
import { readAudit } from '../../src/data/audit.ts';
import { canDo, currentSession, forgetSessionForTests, setIdleLockMinutes, useIdleClockForTests } from '../../src/data/roles.ts';
import { deep, maybeDeep } from './shadow-dom.ts';
import { openOwnerSession, signOutAndCloseDbAfterEach } from './shop-fixtures.ts';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idle lock', () => {
  let fakeNow = 0;

  beforeEach(async () => {
    localStorage.setItem(MODE_STORAGE_KEY, 'lookup');
    fakeNow = 1_000_000;
    useIdleClockForTests(() => fakeNow);
    forgetSessionForTests();
    await deleteKioskDb();
  });
  afterEach(() => useIdleClockForTests());
  signOutAndCloseDbAfterEach();

  it('closes an owner session after the idle minutes without a touch; a touch starts them again', async () => {
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    await openOwnerSession();
    await waitFor(
      () => maybeDeep(app, 'kiosk-top-bar', 'kiosk-session-chip', 'button[name="lock"]'),
      'the top bar never showed the owner session',
    );
    expect(canDo('adjust')).to.equal(true);

    // 4 of the default 5 minutes, then a tap on the screen: the 5 minutes start again.
    fakeNow += 4 * MINUTE;
    deep(app, 'kiosk-top-bar', 'kiosk-session-chip').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    fakeNow += 4 * MINUTE;
    await sleep(1_300); // at least one idle check has run
    expect(currentSession()?.role).to.equal('owner');

    // Another 1 minute and 1 ms without a touch: 5 minutes idle, the next check locks.
    fakeNow += MINUTE + 1;
    await waitFor(() => currentSession() === undefined, 'the idle owner session stayed open', { timeout: 3_000 });
    expect(canDo('adjust')).to.equal(false);
    await waitFor(
      () => maybeDeep(app, 'kiosk-top-bar', 'kiosk-session-chip', 'button[name="sign-in"]'),
      'the top bar still shows the owner',
    );
    const closed = (await readAudit()).find((e) => e.kind === 'session-closed');
    expect(closed).to.include({ staffId: 'owner', detail: 'idle' });
  });

  it('uses the idle minutes the owner set', async () => {
    await openOwnerSession();
    await setIdleLockMinutes(2);
    fakeNow += 2 * MINUTE - 1;
    await sleep(1_300);
    expect(currentSession()?.role).to.equal('owner');
    fakeNow += 1;
    await waitFor(() => currentSession() === undefined, 'the session outlived the 2 minutes set', { timeout: 3_000 });
  });
});
