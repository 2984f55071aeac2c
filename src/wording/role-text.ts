/** The roles in the shop's words (Chinese first; English through the catalog). */
import { msg } from '@lit/localize';
import type { Role } from '../domain/roles.ts';

export function roleName(role: Role): string {
  const names: Record<Role, string> = {
    owner: msg('店主'),
    clerk: msg('店员'),
    rep: msg('客户经理'),
  };
  return names[role];
}
