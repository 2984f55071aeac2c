import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { buildVisitBundle, type BundleSource } from '../../src/domain/visit-bundle.ts';
import { FleetBundleV2Schema, parseSignedFleetBundle } from '../../src/domain/fleet-bundle.ts';
import { summarizeFeedback } from '../../src/domain/feedback.ts';
import { bundleSignatureValid, generateTerminalKeys, signBundle } from '../../fleet/keys.ts';
import { dailyTotal } from '../helpers/shop-records.ts';
import { gradedQuarter, poorQuarter } from '../helpers/quarter-figures.ts';

// Its stocktake was 25% off: the stock-cost deduction asserted below.
const figures = { ...poorQuarter(), latestStocktakeErrorBp: 2500 };

function source(keysPublic: string): BundleSource {
  const graded = gradedQuarter(figures, '2026-11-02', [{ date: '2026-11-02', priceTagsMissing: 6, displayTidyDone: false }]);
  return {
    header: { terminalId: 'T-abc', publicKey: keysPublic, district: 'unassigned', businessFormat: '便利店', sequence: 7 },
    period: { from: '2026-10-01', to: '2026-12-31' },
    products: [
      { code: '06901028075831', stock: 10 },
      { code: '店内 码', stock: 3 },
      { code: 'NOMOVE', stock: 4 },
    ],
    totals: [
      dailyTotal('06901028075831', '2026-09-30', { sold: 1, soldCents: 2300 }),
      dailyTotal('06901028075831', '2026-10-02', { sold: 2, soldCents: 4600, soldCostCents: 4000 }),
      dailyTotal('06901028075831', '2026-10-03', { received: 10 }),
      dailyTotal('06901028075831', '2026-10-05', { sold: 1, soldCents: 2300, uncostedCents: 2300 }),
      dailyTotal('06901028075831', '2026-10-06', { sold: -1, soldCents: -2300 }),
      // After the period (the clock or a late export): walked back over, not sent.
      dailyTotal('06901028075831', '2027-01-02', { sold: 3, soldCents: 6900 }),
      dailyTotal('店内 码', '2026-10-02', { sold: 1, soldCents: 100 }),
    ],
    visit: {
      date: '2026-11-02',
      rep: 'R-01',
      grade: graded.evaluation.grade,
      stockErrorBasisPoints: 2500,
      priceTagsMissing: 6,
      notes: '出样已整理',
    },
    evaluation: graded,
    stocktakes: [
      { day: '2026-09-01', errorBp: 100 },
      { day: '2026-10-10', errorBp: 2500, withinStandard: false },
    ],
    orders: [
      {
        placedDay: '2026-10-05',
        lines: [
          { units: 3, suggestedUnits: 2 },
          { units: 0, suggestedUnits: 5 },
        ],
        totalCents: 50_000,
      },
    ],
    feedbackWeeks: summarizeFeedback([
      { kind: 'face', value: 'satisfied', day: '2026-10-06', hour: 9 },
      { kind: 'nps', value: 10, day: '2026-10-06', hour: 9 },
      { kind: 'complaint', value: 'price', day: '2026-10-07', hour: 9 },
    ]).weeks,
  };
}

describe('buildVisitBundle', () => {
  it('builds a valid version-2 bundle: rows only for days that moved, stock walked back, evaluation and aggregates', () => {
    const keys = generateTerminalKeys();
    const { bundle, skippedProducts } = buildVisitBundle(source(keys.publicKey));
    expect(v.safeParse(FleetBundleV2Schema, bundle).success).toBe(true);
    expect(skippedProducts).toBe(1);
    // Stock now 10; +3 sold on 2027-01-02 → 13 at the end of 10-06; the reversal took one back: 12 on 10-05…
    expect(bundle.daily).toEqual([
      { date: '2026-10-02', productCode: '06901028075831', packsSold: 2, salesCents: 4600, costCents: 4000, stock: 3 },
      { date: '2026-10-03', productCode: '06901028075831', packsSold: 0, salesCents: 0, costCents: 0, stock: 13 },
      { date: '2026-10-05', productCode: '06901028075831', packsSold: 1, salesCents: 2300, costCents: null, stock: 12 },
      { date: '2026-10-06', productCode: '06901028075831', packsSold: 0, salesCents: 0, costCents: 0, stock: 13 },
    ]);
    expect(bundle.stocktakes).toEqual([{ date: '2026-10-10', errorBasisPoints: 2500, withinStandard: false }]);
    expect(bundle.orders).toEqual([{ date: '2026-10-05', lines: 2, followedLines: 1, totalCents: 50_000 }]);
    expect(bundle.feedbackWeeks).toEqual([
      {
        week: '2026-10-05',
        votes: 1,
        satisfied: 1,
        npsAnswers: 1,
        promoters: 1,
        detractors: 0,
        complaints: { 'out-of-stock': 0, price: 1, service: 0, waiting: 0, quality: 0, other: 0 },
      },
    ]);
    expect(bundle.evaluation?.grade).toBe('不合格');
    expect(bundle.evaluation?.rectification.deadline).toBe('2026-12-02');
    expect(bundle.evaluation?.functions.find((f) => f.function === 'stock-cost')?.deductions[0]).toEqual({
      criterion: 'stocktake-error',
      points: 30,
      reason: 'standard-exceeded',
      value: 2500,
    });
  });

  it("lists the daily rows product by product, each in date order (a product's rows together pack smaller)", () => {
    const keys = generateTerminalKeys();
    const base = source(keys.publicKey);
    const { bundle } = buildVisitBundle({
      ...base,
      products: [...base.products, { code: '06901028000000', stock: 5 }],
      totals: [
        ...base.totals,
        dailyTotal('06901028000000', '2026-10-01', { sold: 1, soldCents: 900 }),
        dailyTotal('06901028000000', '2026-10-04', { sold: 2, soldCents: 1800 }),
      ],
    });
    expect(bundle.daily.map((r) => `${r.productCode} ${r.date}`)).toEqual([
      '06901028000000 2026-10-01',
      '06901028000000 2026-10-04',
      '06901028075831 2026-10-02',
      '06901028075831 2026-10-03',
      '06901028075831 2026-10-05',
      '06901028075831 2026-10-06',
    ]);
  });

  it('signs so that the collector verifies it, and any change to the evaluation breaks the signature', () => {
    const keys = generateTerminalKeys();
    const { bundle } = buildVisitBundle(source(keys.publicKey));
    const signed = signBundle(bundle, keys);
    const parsed = parseSignedFleetBundle(JSON.parse(JSON.stringify(signed, null, 2)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    expect(bundleSignatureValid(parsed.value, keys.publicKey)).toBe(true);
    const tampered = structuredClone(parsed.value);
    if (tampered.bundle.schemaVersion !== 2 || !tampered.bundle.evaluation) throw new Error('no evaluation');
    tampered.bundle.evaluation.total = 95;
    tampered.bundle.evaluation.grade = '优秀';
    expect(v.safeParse(FleetBundleV2Schema, tampered.bundle).success).toBe(true);
    expect(bundleSignatureValid(tampered, keys.publicKey)).toBe(false);
  });

  it('refuses a personal field slipped into the evaluation (strict objects)', () => {
    const keys = generateTerminalKeys();
    const { bundle } = buildVisitBundle(source(keys.publicKey));
    const withName = { ...bundle, evaluation: { ...bundle.evaluation, ownerPhone: '13800000000' } };
    expect(v.safeParse(FleetBundleV2Schema, withName).success).toBe(false);
  });
});
