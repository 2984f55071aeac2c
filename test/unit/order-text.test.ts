import { describe, expect, it } from 'vitest';
import { weekdayName } from '../../src/wording/order-text.ts';

describe('weekdayName (as Date.getDay() counts)', () => {
  it('names Sunday to Saturday from 0 to 6', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(weekdayName)).toEqual(['周日', '周一', '周二', '周三', '周四', '周五', '周六']);
  });

  it('reads any other number as Saturday', () => {
    expect(weekdayName(7)).toBe('周六');
    expect(weekdayName(-1)).toBe('周六');
    expect(weekdayName(1.5)).toBe('周六');
  });
});
