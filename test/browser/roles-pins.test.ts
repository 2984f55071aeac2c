/**
 * Roles and PINs (issue 10) in real Chromium and real IndexedDB: the one PIN
 * pad, the first-run owner PIN and its recovery code, the lockout across a
 * reload, clerks, and the audit log.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-pin-gate.ts';
import type { KioskPinGate } from '../../src/screens/kiosk-pin-gate.ts';
import { closeDb, deleteKioskDb, getDb } from '../../src/data/db.ts';
import { readAudit } from '../../src/data/audit.ts';
import { getProduct, putProduct, registerProduct } from '../../src/data/products.ts';
import { getOpenSession, openSession } from '../../src/data/sessions.ts';
import { reverseSale } from '../../src/data/basket-closing.ts';
import { addStocktakeCount, closeStocktakeSession } from '../../src/data/stocktake-sessions.ts';
import { recordAdjustment } from '../../src/data/adjustments.ts';
import { createBackup, restoreBackup, type BackupError } from '../../src/data/backup.ts';
import { placeOrder, saveOrderDraft } from '../../src/data/orders.ts';
import { getReorderSettings, putReorderSettings } from '../../src/data/reorder.ts';
import {
  NotAllowedError,
  OWNER_ID,
  askForOwner,
  canDo,
  claimTerminalReset,
  currentSession,
  lockoutRemainingMs,
  newPageLifeForTests,
  recoverOwner,
  registerStaff,
  requireRole,
  setIdleLockMinutes,
  setUpOwner,
  signIn,
  signOut,
  usePinIterations,
} from '../../src/data/roles.ts';
import { OWNER_ONLY_ACTIONS } from '../../src/domain/roles.ts';
import { deep, deepText, maybeDeep } from './shadow-dom.ts';
import { openOwnerSession, signOutAndCloseDbAfterEach, TEST_OWNER_PIN } from './shop-fixtures.ts';
import { rejection } from '../helpers/rejection.ts';

const CODE = '06901234567892';

async function typePin(gate: KioskPinGate, pin: string) {
  for (const digit of pin) deep(gate, 'kiosk-pin-pad', 'kiosk-keypad', `button[data-key="${digit}"]`).click();
  const pad = deep(gate, 'kiosk-pin-pad') as HTMLElement & { updateComplete: Promise<unknown> };
  await pad.updateComplete;
  deep<HTMLButtonElement>(gate, 'kiosk-pin-pad', 'button[name="ok"]').click();
}

async function view(gate: KioskPinGate, kind: string) {
  await waitFor(() => gate.shadowRoot?.querySelector(`[data-view="${kind}"]`), `the pad never showed ${kind}`, { timeout: 5000 });
}

describe('roles and PINs', () => {
  beforeEach(async () => {
    usePinIterations(10);
    newPageLifeForTests();
    await deleteKioskDb();
    await registerProduct({ code: CODE, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 10 });
  });
  signOutAndCloseDbAfterEach();

  it('refuses every owner-only action without an owner session and does it with one', async () => {
    await openOwnerSession();
    await signOut();
    const product = (await getProduct(CODE))!;
    const draft = await saveOrderDraft([{ code: CODE, units: 1, packs: 10, suggestedUnits: 1, ownerEdited: false, unitCostCents: 40_000 }]);
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['adjust', () => recordAdjustment({ code: CODE, quantity: -1, reason: 'damage' })],
      ['edit-product', () => putProduct({ ...product, priceCents: 4600 })],
      ['place-order', () => placeOrder(draft.id)],
      ['settings', async () => putReorderSettings(await getReorderSettings())],
      ['settings (idle lock)', () => setIdleLockMinutes(3)],
    ];
    for (const [name, attempt] of attempts) expect(await rejection(attempt()), name).to.be.instanceOf(NotAllowedError);
    for (const action of OWNER_ONLY_ACTIONS) expect(() => requireRole(action), action).to.throw(NotAllowedError);
    expect((await getProduct(CODE))!.stock).to.equal(10);

    await openOwnerSession();
    for (const [, attempt] of attempts) await attempt();
    expect((await getProduct(CODE))!).to.include({ stock: 9, priceCents: 4600 });
    const logged = (await readAudit()).filter((e) => e.kind === 'owner-action').map((e) => e.action);
    expect(logged).to.include.members(['adjust', 'edit-product', 'place-order', 'settings']);
    for (const entry of (await readAudit()).filter((e) => e.kind === 'owner-action'))
      expect(entry).to.include({ role: 'owner', staffId: OWNER_ID });
  });

  it('first run: the one pad has the owner set a PIN, shows the recovery code once, and the code works once', async () => {
    const gate = await fixture<KioskPinGate>(html`<kiosk-pin-gate></kiosk-pin-gate>`);
    const asked = askForOwner('adjust');
    await view(gate, 'set-owner');
    await typePin(gate, '1357');
    await waitFor(() => deepText(gate).includes('再输入一次'));
    await typePin(gate, '1357');
    await waitFor(() => maybeDeep(gate, '[data-kind="recovery-code"]'), 'no recovery code shown', { timeout: 5000 });
    const code = deep(gate, '[data-kind="recovery-code"]').textContent!.trim();
    expect(code).to.match(/^\d{4} \d{4} \d{4}$/);
    deep(gate, 'button[name="code-noted"]').click();
    expect(await asked).to.equal(true);
    expect(currentSession()?.role).to.equal('owner');
    // Only hashes are kept.
    const stored = JSON.stringify(await (await getDb()).getAll('staff'));
    expect(stored).to.not.include('1357');
    expect(stored).to.not.include(code.replace(/ /g, ''));
    // A second first-run is refused: the owner exists.
    expect(await rejection(setUpOwner('0000'))).to.have.property('name', 'OwnerExistsError');

    await signOut();
    const recovered = await recoverOwner(code, '8642');
    expect(recovered.ok).to.equal(true);
    expect(recovered.recoveryCode).to.match(/^\d{12}$/);
    await signOut();
    expect((await recoverOwner(code, '1111')).ok).to.equal(false); // used up
    expect((await signIn(OWNER_ID, '1357')).ok).to.equal(false);
    expect((await signIn(OWNER_ID, '8642')).ok).to.equal(true);
    const kinds = (await readAudit()).map((e) => e.kind);
    expect(kinds).to.include.members(['owner-pin-set', 'owner-pin-recovered', 'pin-failed', 'session-opened', 'session-closed']);
  });

  it('asks on the pad: a wrong PIN is refused and logged, the right one opens the session', async () => {
    await openOwnerSession();
    await signOut();
    const gate = await fixture<KioskPinGate>(html`<kiosk-pin-gate></kiosk-pin-gate>`);
    const asked = askForOwner('reverse-sale');
    await view(gate, 'owner');
    await typePin(gate, '0000');
    await waitFor(() => maybeDeep(gate, '[data-kind="pin-message"]'), 'no message for a wrong PIN', { timeout: 5000 });
    expect(canDo('reverse-sale')).to.equal(false);
    await typePin(gate, TEST_OWNER_PIN);
    expect(await asked).to.equal(true);
    expect(canDo('reverse-sale')).to.equal(true);
    const failed = (await readAudit()).find((e) => e.kind === 'pin-failed');
    expect(failed).to.include({ staffId: OWNER_ID });

    // Cancelled: no.
    await signOut();
    const cancelled = askForOwner('restore');
    await view(gate, 'owner');
    deep(gate, 'button[name="cancel"]').click();
    expect(await cancelled).to.equal(false);
  });

  it('locks after 5 wrong PINs for 30 s, doubling, and a reload does not shorten the lock', async () => {
    await openOwnerSession();
    await signOut();
    for (let i = 1; i <= 4; i++) expect(await signIn(OWNER_ID, '9999')).to.deep.include({ ok: false, reason: 'wrong', lockedMs: 0 });
    expect(await signIn(OWNER_ID, '9999')).to.deep.include({ ok: false, reason: 'wrong', lockedMs: 30_000 });
    // Locked: even the right PIN is not checked.
    expect(await signIn(OWNER_ID, TEST_OWNER_PIN)).to.deep.include({ ok: false, reason: 'locked' });
    const before = await lockoutRemainingMs();
    expect(before).to.be.within(25_000, 30_000);

    newPageLifeForTests(); // a reload: the saved remainder is waited out in full
    await closeDb();
    const after = await lockoutRemainingMs();
    expect(after).to.be.at.least(before - 50);
    expect(await signIn(OWNER_ID, TEST_OWNER_PIN)).to.deep.include({ ok: false, reason: 'locked' });
    expect(currentSession()).to.equal(undefined);
    expect((await readAudit()).some((e) => e.kind === 'pin-locked')).to.equal(true);
  });

  it('a clerk signs in for the counter but reaches no owner-only action', async () => {
    await openOwnerSession();
    expect(await registerStaff({ role: 'clerk', name: '小王', pin: '5555' }, '0000')).to.deep.include({ ok: false, reason: 'wrong' });
    const clerk = await registerStaff({ role: 'clerk', name: '小王', pin: '5555' }, TEST_OWNER_PIN);
    expect(clerk.ok).to.equal(true);
    const rep = await registerStaff({ role: 'rep', name: '李经理', staffNumber: 'KM-0042', pin: '7777' }, TEST_OWNER_PIN);
    expect(rep.ok).to.equal(true);
    await signOut();

    expect((await signIn(clerk.id!, '5555')).ok).to.equal(true);
    expect(currentSession()).to.deep.include({ role: 'clerk', name: '小王' });
    for (const action of OWNER_ONLY_ACTIONS) expect(canDo(action), action).to.equal(false);
    expect(await rejection(recordAdjustment({ code: CODE, quantity: 1, reason: 'found' }))).to.be.instanceOf(NotAllowedError);
    // The one pad asks for the OWNER's PIN; the clerk's own does not do.
    const gate = await fixture<KioskPinGate>(html`<kiosk-pin-gate></kiosk-pin-gate>`);
    const asked = askForOwner('adjust');
    await view(gate, 'owner');
    await typePin(gate, '5555');
    await waitFor(() => maybeDeep(gate, '[data-kind="pin-message"]'), 'the clerk PIN was not refused', { timeout: 5000 });
    deep(gate, 'button[name="cancel"]').click();
    expect(await asked).to.equal(false);

    // A rep signs in with their own PIN (their visit screens come later): read only.
    expect((await signIn(rep.id!, '7777')).ok).to.equal(true);
    expect(currentSession()).to.deep.include({ role: 'rep', name: '李经理' });
    for (const action of OWNER_ONLY_ACTIONS) expect(canDo(action), action).to.equal(false);
    expect(canDo('stocktake')).to.equal(false);
  });

  it('a signed-in clerk counts stock but may not close the stocktake; nobody signed in and the owner may', async () => {
    await openOwnerSession();
    const clerk = await registerStaff({ role: 'clerk', name: '小王', pin: '5555' }, TEST_OWNER_PIN);
    await signOut();
    expect((await signIn(clerk.id!, '5555')).ok).to.equal(true);
    const count = await openSession('stocktake');
    await addStocktakeCount(count.id, { productCode: CODE, counted: 7 }); // counting writes no history
    expect(canDo('stocktake')).to.equal(false);
    expect(await rejection(closeStocktakeSession(count.id))).to.be.instanceOf(NotAllowedError);
    expect((await getProduct(CODE))!.stock).to.equal(10);
    expect((await getOpenSession('stocktake'))?.id).to.equal(count.id);

    // The clerk asks; the pad wants the owner, and the owner's PIN lets it close.
    const gate = await fixture<KioskPinGate>(html`<kiosk-pin-gate></kiosk-pin-gate>`);
    const asked = askForOwner('stocktake');
    await view(gate, 'owner');
    await typePin(gate, TEST_OWNER_PIN);
    expect(await asked).to.equal(true);
    await closeStocktakeSession(count.id);
    expect((await getProduct(CODE))!.stock).to.equal(7);

    // Nobody signed in (the counter as before the issue): a stocktake closes.
    await signOut();
    expect(canDo('stocktake')).to.equal(true);
    const next = await openSession('stocktake');
    await addStocktakeCount(next.id, { productCode: CODE, counted: 6 });
    await closeStocktakeSession(next.id);
    expect((await getProduct(CODE))!.stock).to.equal(6);
  });

  it('npm run reset-owner-pin: the claimed reset lets the owner set a new PIN once, and is logged', async () => {
    await openOwnerSession();
    await signOut();
    const no = () => Promise.resolve(new Response(JSON.stringify({ reset: false })));
    const yes = () => Promise.resolve(new Response(JSON.stringify({ reset: true })));
    expect(await claimTerminalReset(no)).to.equal(false);
    expect(await rejection(setUpOwner('4321'))).to.have.property('name', 'OwnerExistsError');
    expect(await claimTerminalReset(yes)).to.equal(true);
    await setUpOwner('4321');
    expect(currentSession()?.role).to.equal('owner');
    expect(await rejection(setUpOwner('1234'))).to.have.property('name', 'OwnerExistsError');
    await signOut();
    expect((await signIn(OWNER_ID, '4321')).ok).to.equal(true);
    const kinds = (await readAudit()).map((e) => e.kind);
    expect(kinds).to.include('owner-pin-reset-on-terminal');
  });

  it('logs an owner-only action with the action itself: refused or failed actions are not logged as done', async () => {
    await openOwnerSession();
    const { bytes } = await createBackup();
    const actions = async () => (await readAudit()).filter((e) => e.kind === 'owner-action').map((e) => e.action);

    // Refused: a restore into a terminal that holds data; failed: actions the data layer rejects.
    expect(((await rejection(restoreBackup(bytes))) as BackupError).reason).to.equal('not-empty');
    expect(await rejection(recordAdjustment({ code: '06900000000000', quantity: -1, reason: 'damage' }))).to.have.property(
      'name',
      'UnknownProductError',
    );
    expect(await rejection(reverseSale('no-such-sale', '顾客退货'))).to.be.instanceOf(Error);
    const empty = await saveOrderDraft([{ code: CODE, units: 0, packs: 0, suggestedUnits: 0, ownerEdited: false, unitCostCents: 40_000 }]);
    expect(await rejection(placeOrder(empty.id))).to.have.property('name', 'EmptyOrderError');
    expect(await actions()).to.deep.equal([]);

    // Done: the entry is there the moment the action has resolved (same transaction).
    await recordAdjustment({ code: CODE, quantity: -1, reason: 'damage' });
    expect(await actions()).to.deep.equal(['adjust']);
    const draft = await saveOrderDraft([{ code: CODE, units: 1, packs: 10, suggestedUnits: 1, ownerEdited: false, unitCostCents: 40_000 }]);
    await placeOrder(draft.id);
    await placeOrder(draft.id); // a double tap places once, and is logged once
    expect(await actions()).to.deep.equal(['place-order', 'adjust']);

    // A restore into an empty terminal is logged once it has succeeded.
    await deleteKioskDb();
    await openOwnerSession();
    await restoreBackup(bytes);
    expect(await actions()).to.deep.equal(['restore']);
  });

  it('keeps the audit log append-only: entries are only added, in order', async () => {
    await openOwnerSession();
    await signOut();
    await signIn(OWNER_ID, '0000');
    const entries = (await readAudit()).reverse();
    expect(entries.map((e) => e.seq)).to.deep.equal([...entries.map((e) => e.seq)].sort((a, b) => a! - b!));
    expect(entries.map((e) => e.kind)).to.deep.equal(['owner-pin-set', 'session-opened', 'session-closed', 'pin-failed']);
  });
});
