/**
 * Who may do what at the counter. Owner-only actions ask here first; for now
 * everyone may (PINs come later), but the screens already hide or disable what
 * canDo() refuses, and the data layer refuses it too.
 */

export type RoleAction = 'adjust' | 'reverse-sale' | 'import' | 'edit-product' | 'restore';

export type RolePolicy = (action: RoleAction) => boolean;

let policy: RolePolicy | undefined;

export function canDo(action: RoleAction): boolean {
  return policy ? policy(action) : true;
}

/** Replace the policy (the PIN screen later; tests now). undefined restores "everyone may". */
export function setRolePolicy(next: RolePolicy | undefined): void {
  policy = next;
}

export class NotAllowedError extends Error {
  override name = 'NotAllowedError';
  readonly reason = 'not-allowed';
  constructor(readonly action: RoleAction) {
    super(`Not allowed: ${action}`);
  }
}

/** Throw NotAllowedError unless canDo(action). */
export function requireRole(action: RoleAction): void {
  if (!canDo(action)) throw new NotAllowedError(action);
}
