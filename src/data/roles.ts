/**
 * Who is signed in at the counter, and the one check every owner-only action
 * goes through (issue 10). The rules (who may do what, PIN format, lockout
 * schedule, idle lock) are pure, in src/domain; this module keeps the session,
 * the PIN hashes, the lockout and the audit log in IndexedDB.
 *
 * Screens ask askForOwner(action) before an owner-only action: it answers at
 * once when an owner session is open, and otherwise shows the one PIN pad
 * (<kiosk-pin-gate>, registered with setOwnerPrompt). The data layer checks
 * again with requireRole(), which also writes the action to the audit log.
 */
import { NotAllowedError, type RoleAction } from '../domain/errors.ts';
import { NO_LOCKOUT, PinLockout, readLockoutState, type LockoutState } from '../domain/lockout.ts';
import {
  PIN_ITERATIONS,
  checkPin,
  hashPin,
  isRecoveryCodeShape,
  isValidPin,
  newRecoveryCode,
  normalizeRecoveryCode,
} from '../domain/pin.ts';
import { DEFAULT_IDLE_LOCK_MINUTES, idleExpired, idleLockMinutes, roleMay, type Role } from '../domain/roles.ts';
import { appendAudit, appendAuditIn, type NewAuditEntry } from './audit.ts';
import { getDb, inTransaction } from './db.ts';
import type { StaffMember } from './schema.ts';

export { NotAllowedError, type RoleAction } from '../domain/errors.ts';
export type { Role } from '../domain/roles.ts';

export const OWNER_ID = 'owner';

/** A signed-in person. */
export interface RoleSession {
  staffId: string;
  role: Role;
  name: string;
}

/** Someone who can sign in, without their hashes. */
export type StaffListing = Pick<StaffMember, 'id' | 'role' | 'name' | 'staffNumber'>;

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: 'wrong'; failures: number; lockedMs: number }
  | { ok: false; reason: 'locked'; lockedMs: number }
  | { ok: false; reason: 'unknown' };

// ---------------------------------------------------------------- session

let session: (RoleSession & { lastActivity: number }) | undefined;
let idleMinutes = DEFAULT_IDLE_LOCK_MINUTES;
let idleTimer: ReturnType<typeof setInterval> | undefined;
/** The idle lock's clock: monotonic, never the wall clock (tests move a fake one). */
let idleClock: () => number = () => performance.now();
const IDLE_CHECK_EVERY_MS = 1_000;

/** Tests only: drive the idle lock from `clock` instead of performance.now() (no argument: back to it). */
export function useIdleClockForTests(clock?: () => number): void {
  idleClock = clock ?? (() => performance.now());
}

/** Fires 'change' when someone signs in or out (the top bar and the screens re-render). */
export const roleEvents = new EventTarget();

function changed(): void {
  roleEvents.dispatchEvent(new Event('change'));
}

/** Who is signed in now; undefined: nobody (the counter as a customer sees it). */
export function currentSession(): RoleSession | undefined {
  if (!session) return undefined;
  const { staffId, role, name } = session;
  return { staffId, role, name };
}

/** May the person signed in now do `action`? */
export function canDo(action: RoleAction): boolean {
  return roleMay(session?.role, action);
}

/**
 * Throw NotAllowedError unless canDo(action). Called by the data layer at the
 * action itself; answers the audit entry (who did what), which the caller
 * writes in the action's own transaction (appendAuditIn), or after the action
 * succeeded where it is no single transaction: never before, so a refused or
 * failed action is not logged as done.
 */
export function requireRole(action: RoleAction): NewAuditEntry {
  if (!canDo(action)) throw new NotAllowedError(action);
  noteActivity();
  const who = session!;
  return { kind: 'owner-action', action, staffId: who.staffId, role: who.role, name: who.name };
}

/** Someone touched the screen: the idle lock starts counting again. */
export function noteActivity(): void {
  if (session) session.lastActivity = idleClock();
}

/** Close the open session (the lock button, the idle lock, someone else signing in). */
export async function signOut(reason: 'lock-button' | 'idle' | 'sign-in' = 'lock-button'): Promise<void> {
  const closing = session;
  if (!closing) return;
  session = undefined;
  if (idleTimer !== undefined) clearInterval(idleTimer);
  idleTimer = undefined;
  changed();
  await appendAudit({ kind: 'session-closed', staffId: closing.staffId, role: closing.role, name: closing.name, detail: reason });
}

async function openSession(member: StaffMember): Promise<void> {
  if (session) await signOut('sign-in');
  idleMinutes = await getIdleLockMinutes();
  session = { staffId: member.id, role: member.role, name: member.name, lastActivity: idleClock() };
  idleTimer = setInterval(() => {
    if (session && idleExpired(session.lastActivity, idleClock(), idleMinutes)) void signOut('idle');
  }, IDLE_CHECK_EVERY_MS);
  changed();
  await appendAudit({ kind: 'session-opened', staffId: member.id, role: member.role, name: member.name });
}

// ---------------------------------------------------------------- the one owner check

export type OwnerPrompt = (action: RoleAction) => Promise<void>;

let ownerPrompt: OwnerPrompt | undefined;

/** The PIN pad that asks for the owner (<kiosk-pin-gate>); undefined when it goes. */
export function setOwnerPrompt(prompt: OwnerPrompt | undefined): void {
  ownerPrompt = prompt;
}

/**
 * Ask for the owner before an owner-only action: true at once when an owner
 * session is open; otherwise the PIN pad asks (or, on a terminal without an
 * owner PIN yet, has the owner set one). False when nobody gave it.
 */
export async function askForOwner(action: RoleAction): Promise<boolean> {
  if (canDo(action)) return true;
  if (!ownerPrompt) return false;
  await ownerPrompt(action);
  return canDo(action);
}

// ---------------------------------------------------------------- PINs

let iterations = PIN_ITERATIONS;

/** Tests only: hash new PINs with fewer iterations (each hash keeps its own count). */
export function usePinIterations(count: number = PIN_ITERATIONS): void {
  iterations = count;
}

/** Everyone who can sign in: the owner first, then by name. */
export async function listStaff(): Promise<StaffListing[]> {
  const db = await getDb();
  const all = await db.getAll('staff');
  const rank: Record<Role, number> = { owner: 0, clerk: 1, rep: 2 };
  return all
    .sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name, 'zh-CN'))
    .map(({ id, role, name, staffNumber }) => (staffNumber === undefined ? { id, role, name } : { id, role, name, staffNumber }));
}

/** Has the owner set a PIN on this terminal (in this database)? */
export async function hasOwner(): Promise<boolean> {
  const db = await getDb();
  return (await db.count('staff', OWNER_ID)) > 0;
}

/** The terminal's service let the owner PIN be set anew (npm run reset-owner-pin), once. */
let terminalResetGranted = false;

export class OwnerExistsError extends Error {
  override name = 'OwnerExistsError';
  constructor() {
    super('The owner has a PIN already: sign in, use the recovery code or `npm run reset-owner-pin`.');
  }
}

/**
 * Set the owner's PIN on first run (or after `npm run reset-owner-pin`) and
 * open an owner session. Returns the new one-time recovery code, to be shown
 * once and never again: only its hash is kept.
 */
export async function setUpOwner(pin: string, name = '店主'): Promise<string> {
  if (!isValidPin(pin)) throw new RangeError('A PIN is 4 to 8 digits');
  const existing = await getStaff(OWNER_ID);
  if (existing && !terminalResetGranted) throw new OwnerExistsError();
  const reset = existing !== undefined;
  const code = newRecoveryCode();
  const member: StaffMember = {
    id: OWNER_ID,
    role: 'owner',
    name: existing?.name ?? name,
    pin: await hashPin(pin, iterations),
    recovery: await hashPin(code, iterations),
    createdAt: existing?.createdAt ?? Date.now(),
  };
  // The PIN and its audit entry in one transaction: both or neither.
  await inTransaction(['staff', 'audit'], 'readwrite', async (tx) => {
    const staff = tx.objectStore('staff');
    await Promise.all([
      reset ? staff.put(member) : staff.add(member), // two first-run screens at once: the second fails here
      appendAuditIn(tx.objectStore('audit'), {
        kind: 'owner-pin-set',
        staffId: OWNER_ID,
        role: 'owner',
        name: member.name,
        detail: reset ? 'after terminal reset' : 'first run',
      }),
    ]);
  });
  terminalResetGranted = false;
  await openSession(member);
  return code;
}

/** Sign in with a PIN. Wrong PINs count towards the lockout, whoever was tried. */
export function signIn(staffId: string, pin: string): Promise<PinCheck> {
  return underLockout(async (lockout) => {
    const member = await getStaff(staffId);
    if (!member) return { ok: false, reason: 'unknown' };
    if (!(await checkPin(pin, member.pin))) return failed(lockout, member, 'pin-failed');
    await succeeded(lockout);
    await openSession(member);
    return { ok: true };
  });
}

/**
 * The owner forgot the PIN: the one-time recovery code lets a new PIN be set.
 * Answers a new recovery code (the old one is used up).
 */
export function recoverOwner(typedCode: string, newPin: string): Promise<PinCheck & { recoveryCode?: string }> {
  if (!isValidPin(newPin)) return Promise.reject(new RangeError('A PIN is 4 to 8 digits'));
  return underLockout(async (lockout) => {
    const owner = await getStaff(OWNER_ID);
    const code = normalizeRecoveryCode(typedCode);
    if (!owner?.recovery) return { ok: false, reason: 'unknown' };
    if (!isRecoveryCodeShape(code) || !(await checkPin(code, owner.recovery))) return failed(lockout, owner, 'recovery code');
    await succeeded(lockout);
    const recoveryCode = newRecoveryCode();
    const updated: StaffMember = { ...owner, pin: await hashPin(newPin, iterations), recovery: await hashPin(recoveryCode, iterations) };
    await inTransaction(['staff', 'audit'], 'readwrite', async (tx) => {
      await Promise.all([
        tx.objectStore('staff').put(updated),
        appendAuditIn(tx.objectStore('audit'), {
          kind: 'owner-pin-recovered',
          staffId: OWNER_ID,
          role: 'owner',
          name: owner.name,
          detail: 'recovery code',
        }),
      ]);
    });
    await openSession(updated);
    return { ok: true, recoveryCode };
  });
}

/**
 * Register a clerk or a rep with their own PIN, the owner present: the owner's
 * PIN confirms it (checked under the same lockout). Several reps are kept.
 */
export function registerStaff(
  input: { role: 'clerk' | 'rep'; name: string; staffNumber?: string; pin: string },
  ownerPin: string,
): Promise<PinCheck & { id?: string }> {
  const name = input.name.trim();
  const staffNumber = input.staffNumber?.trim();
  if (!name) return Promise.reject(new RangeError('A name is needed'));
  if (input.role === 'rep' && !staffNumber) return Promise.reject(new RangeError('A rep needs a staff number'));
  if (!isValidPin(input.pin)) return Promise.reject(new RangeError('A PIN is 4 to 8 digits'));
  return underLockout(async (lockout) => {
    const owner = await getStaff(OWNER_ID);
    if (!owner) return { ok: false, reason: 'unknown' };
    if (!(await checkPin(ownerPin, owner.pin))) return failed(lockout, owner, 'pin-failed');
    await succeeded(lockout);
    const member: StaffMember = {
      id: `${input.role}-${crypto.randomUUID()}`,
      role: input.role,
      name,
      ...(staffNumber ? { staffNumber } : {}),
      pin: await hashPin(input.pin, iterations),
      createdAt: Date.now(),
    };
    await inTransaction(['staff', 'audit'], 'readwrite', async (tx) => {
      await Promise.all([
        tx.objectStore('staff').add(member),
        appendAuditIn(tx.objectStore('audit'), {
          kind: 'staff-registered',
          staffId: member.id,
          role: member.role,
          name: member.name,
          detail: `confirmed by the owner${staffNumber ? `; staff number ${staffNumber}` : ''}`,
        }),
      ]);
    });
    return { ok: true, id: member.id };
  });
}

/**
 * The owner's PIN typed once more to confirm a drastic action (a restore) in
 * an owner session already open: checked under the same lockout, and the
 * session stays as it is (signing in again would close the screen asking).
 */
export function confirmOwnerPin(pin: string): Promise<PinCheck> {
  return underLockout(async (lockout) => {
    const owner = await getStaff(OWNER_ID);
    if (!owner) return { ok: false, reason: 'unknown' };
    if (!(await checkPin(pin, owner.pin))) return failed(lockout, owner, 'pin-failed');
    await succeeded(lockout);
    noteActivity();
    return { ok: true };
  });
}

async function getStaff(id: string): Promise<StaffMember | undefined> {
  const db = await getDb();
  return db.get('staff', id);
}

// ---------------------------------------------------------------- lockout

/**
 * The lockout is saved with this page life's id and its performance.now() mark.
 * Read back in the same page life, the time since the mark counts; read in a
 * new one (a reload, a restart) the saved remainder is waited out in full:
 * the wall clock is never consulted, so a jump either way cannot shorten it
 * (src/domain/lockout.ts). While locked, the remainder is saved every few
 * seconds, so a reload adds at most that much to the wait.
 */
let PAGE_LIFE = crypto.randomUUID();
const LOCK_SAVE_EVERY_MS = 5_000;

interface SavedLockout extends LockoutState {
  page?: string;
  mark?: number;
}

let checking: Promise<unknown> = Promise.resolve();
let lockSaver: ReturnType<typeof setInterval> | undefined;

/** Ms until a PIN may be tried again (0: now). */
export async function lockoutRemainingMs(): Promise<number> {
  return (await loadLockout()).remainingMs();
}

async function loadLockout(): Promise<PinLockout> {
  const db = await getDb();
  const saved = (await db.get('security', 'lockout')) as SavedLockout | undefined;
  const state = saved ? readLockoutState(saved) : NO_LOCKOUT;
  const now = () => performance.now();
  if (saved?.page === PAGE_LIFE && typeof saved.mark === 'number') {
    const elapsed = Math.max(0, now() - saved.mark);
    return new PinLockout({ failures: state.failures, remainingMs: Math.max(0, state.remainingMs - elapsed) }, now);
  }
  return new PinLockout(state, now);
}

async function saveLockout(lockout: PinLockout): Promise<void> {
  const db = await getDb();
  const record: SavedLockout & { key: 'lockout' } = { key: 'lockout', ...lockout.state(), page: PAGE_LIFE, mark: performance.now() };
  await db.put('security', record);
}

/** One PIN check at a time, and none while locked: parallel taps cannot race the lockout. */
function underLockout<T>(check: (lockout: PinLockout) => Promise<T | PinCheck>): Promise<T | PinCheck> {
  const run = checking.then(async () => {
    const lockout = await loadLockout();
    const lockedMs = lockout.remainingMs();
    if (lockedMs > 0) return { ok: false, reason: 'locked', lockedMs } satisfies PinCheck;
    return check(lockout);
  });
  checking = run.catch(() => undefined);
  return run;
}

async function failed(lockout: PinLockout, tried: StaffMember, detail: string): Promise<PinCheck> {
  const lockedMs = lockout.fail();
  await saveLockout(lockout);
  await appendAudit({ kind: 'pin-failed', staffId: tried.id, role: tried.role, name: tried.name, detail });
  if (lockedMs > 0) {
    await appendAudit({ kind: 'pin-locked', detail: `${Math.round(lockedMs / 1000)} s after ${lockout.failureCount} wrong in a row` });
    keepSavingWhileLocked();
  }
  changed();
  return { ok: false, reason: 'wrong', failures: lockout.failureCount, lockedMs };
}

async function succeeded(lockout: PinLockout): Promise<void> {
  if (lockout.failureCount === 0) return;
  lockout.succeed();
  await saveLockout(lockout);
}

function keepSavingWhileLocked(): void {
  if (lockSaver !== undefined) return;
  lockSaver = setInterval(() => {
    void loadLockout().then(async (lockout) => {
      await saveLockout(lockout);
      if (!lockout.isLocked()) {
        clearInterval(lockSaver);
        lockSaver = undefined;
        changed();
      }
    });
  }, LOCK_SAVE_EVERY_MS);
}

// ---------------------------------------------------------------- idle lock

export async function getIdleLockMinutes(): Promise<number> {
  const db = await getDb();
  const record = await db.get('security', 'idle-lock');
  return idleLockMinutes(record?.key === 'idle-lock' ? record.minutes : undefined);
}

/** Owner only ('settings'). */
export async function setIdleLockMinutes(minutes: number): Promise<number> {
  const audit = requireRole('settings');
  const value = idleLockMinutes(minutes);
  await inTransaction(['security', 'audit'], 'readwrite', async (tx) => {
    await Promise.all([
      tx.objectStore('security').put({ key: 'idle-lock', minutes: value }),
      appendAuditIn(tx.objectStore('audit'), { ...audit, detail: `idle lock ${value} min` }),
    ]);
  });
  idleMinutes = value;
  return value;
}

// ---------------------------------------------------------------- reset on the terminal

/**
 * `npm run reset-owner-pin` on the terminal leaves a one-shot token with the
 * service (device/owner-pin-reset.ts); the page claims it here. Claimed, it
 * lets setUpOwner() replace the owner's PIN once, and is logged.
 */
export async function claimTerminalReset(fetcher: typeof fetch = fetch): Promise<boolean> {
  let granted = false;
  try {
    const response = await fetcher('/owner-pin-reset', { method: 'POST' });
    granted = response.ok && ((await response.json()) as { reset?: unknown }).reset === true;
  } catch {
    return false; // no service (tests, the dev server): nothing to claim
  }
  if (!granted) return false;
  terminalResetGranted = true;
  if (session) await signOut('sign-in');
  await appendAudit({ kind: 'owner-pin-reset-on-terminal', role: 'owner', staffId: OWNER_ID, detail: 'npm run reset-owner-pin' });
  changed();
  return true;
}

/** A reset from the terminal is waiting for the owner to set the new PIN. */
export function terminalResetPending(): boolean {
  return terminalResetGranted;
}

/** Tests only: forget the session (the database may have been deleted under it). */
export function forgetSessionForTests(): void {
  session = undefined;
  terminalResetGranted = false;
  if (idleTimer !== undefined) clearInterval(idleTimer);
  idleTimer = undefined;
  changed();
}

/** Tests only: act as a new page life (a reload) — the saved lockout is waited out in full. */
export function newPageLifeForTests(): void {
  PAGE_LIFE = crypto.randomUUID();
  forgetSessionForTests();
}
