/** The customer's feedback in words: the faces and the complaint categories (issue 11). */
import { msg } from '@lit/localize';
import type { Complaint, Face } from '../domain/feedback.ts';

export function faceName(face: Face): string {
  const names: Record<Face, string> = {
    'very-satisfied': msg('很满意'),
    satisfied: msg('满意'),
    dissatisfied: msg('不满意'),
    'very-dissatisfied': msg('很不满意'),
  };
  return names[face];
}

export function complaintName(complaint: Complaint): string {
  const names: Record<Complaint, string> = {
    'out-of-stock': msg('缺货', { id: 'complaint-out-of-stock' }),
    price: msg('价格'),
    service: msg('服务'),
    waiting: msg('等待'),
    quality: msg('商品质量'),
    other: msg('其他'),
  };
  return names[complaint];
}
