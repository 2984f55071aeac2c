/**
 * Who may do what at the counter. Owner-only actions ask here first; for now
 * everyone may (PINs come later), but the screens already hide or disable what
 * canDo() refuses, and the data layer refuses it too.
 */

import { NotAllowedError, type RoleAction } from '../domain/errors.ts';

export { NotAllowedError, type RoleAction } from '../domain/errors.ts';

export type RolePolicy = (action: RoleAction) => boolean;

let policy: RolePolicy | undefined;

export function canDo(action: RoleAction): boolean {
  return policy ? policy(action) : true;
}

/** Replace the policy (the PIN screen later; tests now). undefined restores "everyone may". */
export function setRolePolicy(next: RolePolicy | undefined): void {
  policy = next;
}

/** Throw NotAllowedError unless canDo(action). */
export function requireRole(action: RoleAction): void {
  if (!canDo(action)) throw new NotAllowedError(action);
}
