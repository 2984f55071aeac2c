import { describe, expect, it } from 'vitest';
import { DisplayPlanError, checkDisplayPlan, codesShownOn } from '../../src/domain/display-plan.ts';
import {
  DEFAULT_LEGAL_NOTICES,
  LegalNoticeError,
  checkLegalNotices,
  isTobaccoCategory,
  noticesToShow,
} from '../../src/domain/legal-notices.ts';

describe('display plan', () => {
  const plan = checkDisplayPlan({
    entries: [
      { code: 'b', from: '2026-12-01', until: '2026-12-31' },
      { code: 'a' },
      { code: 'c', until: '2026-11-30' },
      { code: 'd', from: '2027-01-01', until: '' },
    ],
  });

  it('shows the entries of a day in the plan’s order, both ends included, open ends open', () => {
    expect(codesShownOn(plan, '2026-11-30')).toEqual(['a', 'c']);
    expect(codesShownOn(plan, '2026-12-01')).toEqual(['b', 'a']);
    expect(codesShownOn(plan, '2026-12-31')).toEqual(['b', 'a']);
    expect(codesShownOn(plan, '2027-01-01')).toEqual(['a', 'd']);
  });

  it('drops empty ends and refuses bad days, an end before the start, and a product twice', () => {
    expect(plan.entries[3]).toEqual({ code: 'd', from: '2027-01-01' });
    const problem = (entries: Parameters<typeof checkDisplayPlan>[0]['entries']) => {
      try {
        checkDisplayPlan({ entries });
      } catch (error) {
        return (error as DisplayPlanError).problem;
      }
      return 'ok';
    };
    expect(problem([{ code: 'a', from: '2026-02-30' }])).toBe('bad-day');
    expect(problem([{ code: 'a', until: '12/01/2026' }])).toBe('bad-day');
    expect(problem([{ code: 'a', from: '2026-12-02', until: '2026-12-01' }])).toBe('until-before-from');
    expect(problem([{ code: 'a' }, { code: 'a' }])).toBe('twice');
    expect(problem(Array.from({ length: 101 }, (_, i) => ({ code: String(i) })))).toBe('too-many');
  });
});

describe('legal notices', () => {
  it('knows tobacco categories', () => {
    for (const c of ['卷烟', '香烟', '电子烟', '雪茄', 'Tobacco']) expect(isTobaccoCategory(c)).toBe(true);
    for (const c of ['饮料', '零食', undefined, '']) expect(isTobaccoCategory(c)).toBe(false);
  });

  it('uses the owner’s wording, and never hides it where tobacco is shown or may be', () => {
    const settings = { lines: ['吸烟有害健康，请勿在店内吸烟', '未成年人不得购买烟草'], offWithoutTobacco: true };
    expect(noticesToShow(settings, true)).toEqual(settings.lines);
    expect(noticesToShow(settings, undefined)).toEqual(settings.lines);
    expect(noticesToShow(settings, false)).toEqual([]);
    expect(noticesToShow({ ...settings, offWithoutTobacco: false }, false)).toEqual(settings.lines);
    expect(noticesToShow(undefined, false)).toEqual(DEFAULT_LEGAL_NOTICES);
  });

  it('refuses wording that would switch the notices off, and falls back to the law’s words for a bad stored record', () => {
    const problem = (lines: string[]) => {
      try {
        checkLegalNotices({ lines, offWithoutTobacco: false });
      } catch (error) {
        return (error as LegalNoticeError).problem;
      }
      return 'ok';
    };
    expect(problem([])).toBe('no-lines');
    expect(problem(['  ', ''])).toBe('no-lines');
    expect(problem(['a', 'b', 'c', 'd', 'e'])).toBe('too-many-lines');
    expect(problem(['烟'.repeat(41)])).toBe('too-long');
    expect(checkLegalNotices({ lines: [' 吸烟有害健康 ', ''], offWithoutTobacco: false }).lines).toEqual(['吸烟有害健康']);
    expect(noticesToShow({ lines: [], offWithoutTobacco: true }, true)).toEqual(DEFAULT_LEGAL_NOTICES);
  });
});
