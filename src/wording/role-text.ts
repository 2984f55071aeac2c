/** The roles in the shop's words (Chinese first; English through the catalog). */
import { msg } from '@lit/localize';
import type { Role } from '../domain/roles.ts';

export function roleName(role: Role): string {
  switch (role) {
    case 'owner':
      return msg('店主');
    case 'clerk':
      return msg('店员');
    case 'rep':
      return msg('客户经理');
  }
}
