import { describe, expect, it } from 'vitest';
import { movementKindText, reasonText, reversalReasonText } from '../../src/wording/movement-text.ts';

describe('movement words (a stored key in words, anything else as stored)', () => {
  it('names the kinds and the preset reasons', () => {
    expect(movementKindText('sale-reversal')).toBe('销售撤销');
    expect(reasonText('own-use')).toBe('自用');
    expect(reasonText('stocktake')).toBe('盘点');
    expect(reversalReasonText('wrong-scan')).toBe('收银错误');
  });

  it('shows what it does not know as stored, and no reason as nothing', () => {
    expect(movementKindText('transfer' as never)).toBe('transfer');
    expect(reasonText(undefined)).toBe('');
    expect(reasonText('')).toBe('');
    expect(reasonText('broken in the van')).toBe('broken in the van');
    expect(reversalReasonText('顾客改主意')).toBe('顾客改主意');
  });

  it('takes the owner’s words “constructor” or “toString” as words, not as an object’s own properties', () => {
    expect(reversalReasonText('constructor')).toBe('constructor');
    expect(reasonText('toString')).toBe('toString');
  });
});
