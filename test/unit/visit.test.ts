/** The rep's visit (issue 12): cadence, overdue, the price-tag audit and duration, against hand-computed answers. */
import { describe, expect, it } from 'vitest';
import { roleMay } from '../../src/domain/roles.ts';
import {
  MAX_MISSING_PRICE_TAGS,
  VISIT_EXEMPT_BUSINESS_FORMAT,
  VISIT_EXEMPT_FORMAT,
  activeStretchMs,
  addDays,
  durationMinutes,
  emptyChecklist,
  markPriceTag,
  overdueFollowUps,
  priceTagProgress,
  summarizePriceTags,
  summarizeVisit,
  visitCadence,
  weeklyVisitRequired,
  type PriceTagLine,
  type PriceTagStatus,
} from '../../src/domain/visit.ts';

function line(productId: string, status: PriceTagStatus, shelfPriceCents?: number): PriceTagLine {
  const l: PriceTagLine = { productId, barcode: productId, name: `P${productId}`, terminalPriceCents: 1500, status };
  if (shelfPriceCents !== undefined) l.shelfPriceCents = shelfPriceCents;
  return l;
}

describe('visit cadence', () => {
  it('exempts the 食杂店 format (the reorder settings’ grocery) and no other', () => {
    expect(VISIT_EXEMPT_FORMAT).toBe('食杂店');
    expect(VISIT_EXEMPT_BUSINESS_FORMAT).toBe('grocery');
    expect(weeklyVisitRequired('grocery')).toBe(false);
    for (const f of ['convenience', 'supermarket', 'mall', 'tobacco-liquor', 'entertainment', 'other'] as const) {
      expect(weeklyVisitRequired(f)).toBe(true);
    }
    // Never overdue, even with no visit for a year.
    expect(visitCadence('grocery', '2025-11-01', '2026-11-30')).toEqual({ kind: 'exempt' });
    expect(visitCadence('grocery', undefined, '2026-11-30')).toEqual({ kind: 'exempt' });
  });

  it('is due seven days after the last visit and overdue from the eighth', () => {
    // Last visit Monday 2026-11-23: due Monday 2026-11-30.
    expect(visitCadence('convenience', '2026-11-23', '2026-11-29')).toEqual({
      kind: 'due',
      lastDay: '2026-11-23',
      dueDay: '2026-11-30',
      overdue: false,
      daysOverdue: 0,
    });
    expect(visitCadence('convenience', '2026-11-23', '2026-11-30')).toMatchObject({ overdue: false, daysOverdue: 0 });
    expect(visitCadence('convenience', '2026-11-23', '2026-12-01')).toMatchObject({ overdue: true, daysOverdue: 1 });
    // Across a month and a year end: 2026-12-28 + 7 = 2027-01-04; on 2027-01-14 that is 10 days late.
    expect(visitCadence('supermarket', '2026-12-28', '2027-01-14')).toMatchObject({ dueDay: '2027-01-04', overdue: true, daysOverdue: 10 });
  });

  it('owes a first visit when none was ever recorded', () => {
    expect(visitCadence('convenience', undefined, '2026-11-30')).toEqual({ kind: 'never', overdue: true });
  });

  it('never counts a clock set back before the last visit as overdue', () => {
    expect(visitCadence('convenience', '2026-11-23', '2026-01-01')).toMatchObject({ overdue: false, daysOverdue: 0 });
  });

  it('adds days across a DST-free calendar', () => {
    expect(addDays('2028-02-26', 7)).toBe('2028-03-04'); // leap year: 27, 28, 29, 1, 2, 3, 4
    expect(addDays('2027-02-26', 7)).toBe('2027-03-05');
  });
});

describe('price-tag audit', () => {
  it('counts missing tags against the standard of at most three', () => {
    expect(MAX_MISSING_PRICE_TAGS).toBe(3);
    const three = [line('a', 'missing'), line('b', 'present'), line('c', 'missing'), line('d', 'wrong-price', 1400), line('e', 'missing')];
    const r = summarizePriceTags(three);
    expect(r).toMatchObject({ checked: 5, missing: 3, wrongPrice: 1, meetsStandard: true });
    expect(r.toFix.map((l) => l.productId)).toEqual(['a', 'c', 'd', 'e']);
    const four = summarizePriceTags([...three, line('f', 'missing')]);
    expect(four).toMatchObject({ missing: 4, meetsStandard: false });
    expect(summarizePriceTags([])).toMatchObject({ checked: 0, missing: 0, wrongPrice: 0, meetsStandard: true, toFix: [] });
  });

  it('replaces a product marked again and keeps a shelf price only for a wrong price', () => {
    let lines = markPriceTag([], line('a', 'wrong-price', 1200));
    lines = markPriceTag(lines, line('b', 'missing'));
    lines = markPriceTag(lines, line('a', 'present', 1200));
    expect(lines.map((l) => [l.productId, l.status])).toEqual([
      ['a', 'present'],
      ['b', 'missing'],
    ]);
    expect(lines[0]!.shelfPriceCents).toBeUndefined();
  });

  it('shows progress against the previous audit', () => {
    const before = [line('a', 'missing'), line('b', 'missing'), line('c', 'wrong-price', 900), line('d', 'present'), line('e', 'missing')];
    const now = [line('a', 'present'), line('b', 'missing'), line('c', 'present'), line('d', 'missing')];
    // Missing 3 → 2 (b, d): −1. Fixed a and c; b still missing, e not checked again.
    expect(priceTagProgress(before, now)).toEqual({ missingChange: -1, fixed: ['a', 'c'], stillToFix: ['b', 'e'] });
    expect(priceTagProgress([], now)).toEqual({ missingChange: 2, fixed: [], stillToFix: [] });
  });
});

describe('visit duration and summary', () => {
  it('counts a stretch from the monotonic clock, never negative, capped when left alone', () => {
    expect(activeStretchMs(1_000, 61_000)).toBe(60_000);
    expect(activeStretchMs(61_000, 1_000)).toBe(0);
    expect(activeStretchMs(0, 5 * 3_600_000)).toBe(30 * 60_000);
    expect(durationMinutes(89_999)).toBe(1);
    expect(durationMinutes(90_000)).toBe(2);
  });

  it('summarizes a visit for the quarterly evaluation', () => {
    const checklist = emptyChecklist();
    checklist.display.done = true;
    checklist.order.done = true;
    expect(summarizeVisit({ startDay: '2026-11-30', status: 'confirmed', checklist, priceTags: { checked: 12, missing: 2 } })).toEqual({
      date: '2026-11-30',
      priceTagsMissing: 2,
      checklist: { display: true, 'new-brand': false, 'stock-analysis': false, order: true },
      confirmed: true,
    });
    // No tag audited: unknown, not zero.
    expect(summarizeVisit({ startDay: '2026-11-30', status: 'open', checklist }).priceTagsMissing).toBeNull();
    expect(
      summarizeVisit({ startDay: '2026-11-30', status: 'open', checklist, priceTags: { checked: 0, missing: 0 } }).priceTagsMissing,
    ).toBeNull();
  });

  it('lists follow-ups past their due day and not done', () => {
    const f = [
      { id: '1', text: 'x', dueDay: '2026-11-29', done: false },
      { id: '2', text: 'y', dueDay: '2026-11-30', done: false },
      { id: '3', text: 'z', dueDay: '2026-11-01', done: true },
    ];
    expect(overdueFollowUps(f, '2026-11-30').map((x) => x.id)).toEqual(['1']);
  });
});

describe('who may do a visit', () => {
  it('lets only a rep work a visit and only the owner confirm it', () => {
    expect(roleMay('rep', 'visit')).toBe(true);
    expect(roleMay('owner', 'visit')).toBe(false);
    expect(roleMay('clerk', 'visit')).toBe(false);
    expect(roleMay(undefined, 'visit')).toBe(false);
    expect(roleMay('owner', 'confirm-visit')).toBe(true);
    expect(roleMay('rep', 'confirm-visit')).toBe(false);
  });
});
