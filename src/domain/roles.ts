/**
 * Who may do what at the counter (issue 10). Pure rules: which role may do
 * which owner-only action, and when an open role session locks itself.
 *
 * The counter itself (sell, receive, look up, stocktake) needs no sign-in, as
 * before: the shop keeps working when nobody has signed in. Signing in as a
 * clerk only puts a name on the audit log; it never opens an owner-only action,
 * nor committing a stocktake (STAFF_MAY_NOT).
 */
import type { RoleAction } from './errors.ts';

/** 店主 owner, 店员 clerk, 客户经理 rep (the supplier's account manager). No session = a customer. */
export type Role = 'owner' | 'clerk' | 'rep';

export const ROLES: readonly Role[] = ['owner', 'clerk', 'rep'];

export const OWNER_ONLY_ACTIONS: readonly RoleAction[] = [
  'adjust',
  'reverse-sale',
  'import',
  'edit-product',
  'remove-demo',
  'restore',
  'place-order',
  'settings',
  'view-report',
  'leave-customer-mode',
  'read-audit',
  'register-staff',
  // The rep's visit (issue 12): the owner confirms its summary, and writes the messages to the rep.
  'confirm-visit',
  'message-rep',
  // The supplier's board (issue 15): it holds the shop's quotas and the rep's messages.
  'read-board',
];

/**
 * The rep's own work (issue 12): only a rep session opens and writes a visit.
 * Nobody signed in (a customer at the counter), a clerk or the owner never do.
 */
export const REP_ONLY_ACTIONS: readonly RoleAction[] = ['visit'];

/**
 * Not owner-only (the list does not name them, so the counter with
 * nobody signed in does them as before), but beyond what a signed-in clerk
 * may do: a clerk sells, receives and looks up, "nothing that changes history
 * or settings", and a stocktake's closing writes stock history. A rep is
 * read-only on the shop's data. Their pad asks for the owner.
 */
export const STAFF_MAY_NOT: readonly RoleAction[] = ['stocktake'];

/**
 * What the customer display shows (pictures, which products, from when to
 * when, the notices' wording): the owner's, and the rep's too, since the
 * supplier's plan has the rep set up the new-product display with the shop.
 */
export const OWNER_OR_REP_ACTIONS: readonly RoleAction[] = ['arrange-display'];

/**
 * May a session of `role` (undefined: nobody signed in) do `action`? Only the
 * owner does owner-only actions, only a rep the rep's (REP_ONLY_ACTIONS); STAFF_MAY_NOT are open to all but a clerk or a rep.
 */
export function roleMay(role: Role | undefined, action: RoleAction): boolean {
  if (REP_ONLY_ACTIONS.includes(action)) return role === 'rep';
  if (STAFF_MAY_NOT.includes(action)) return role === undefined || role === 'owner';
  if (OWNER_OR_REP_ACTIONS.includes(action)) return role === 'owner' || role === 'rep';
  return role === 'owner' && OWNER_ONLY_ACTIONS.includes(action);
}

export const DEFAULT_IDLE_LOCK_MINUTES = 5;
export const MIN_IDLE_LOCK_MINUTES = 1;
export const MAX_IDLE_LOCK_MINUTES = 60;

/** The idle lock as set, clamped to what makes sense at a counter; anything unreadable is the default. */
export function idleLockMinutes(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_IDLE_LOCK_MINUTES;
  return Math.min(MAX_IDLE_LOCK_MINUTES, Math.max(MIN_IDLE_LOCK_MINUTES, Math.round(value)));
}

/**
 * Whether a session idle since `lastActivity` must lock at `now`. Both come from
 * one monotonic clock (performance.now()): a wall clock that jumps must neither
 * lock an owner out mid-sale nor keep a session open for hours.
 */
export function idleExpired(lastActivity: number, now: number, minutes: number): boolean {
  return now - lastActivity >= minutes * 60_000;
}
