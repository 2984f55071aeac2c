/**
 * The bundle the rep takes away (issue 12): a version-2 fleet bundle of one
 * period (usually the quarter) built from the terminal's rollups — never raw
 * scans, never anything about customers. Pure: src/data/visit-bundle.ts
 * gathers the inputs, signs and writes.
 *
 * Daily rows, product by product in date order: one per product and day on which the product moved (sold,
 * received or adjusted); a product without a row on a day had no movement
 * and its stock is that of its last row. Stock is the stock at the end of the
 * day, walked back from the stock now. A day whose net sales were negative (a
 * reversal of an earlier day's sale) is sent as 0 packs and 0 cents: the
 * schema counts sales, and the reversal shows in the day it was sold on no
 * more. costCents is null when any of the day's sales had no cost price.
 * A product whose code the schema does not admit (letters, digits . _ : -)
 * is left out and counted in `skippedProducts`.
 */
import type { FeedbackWeek } from './feedback.ts';
import type { DailyTotal } from './product.ts';
import { dayIndex } from './reorder/calendar.ts';
import type { EvaluationSettings, FollowUp, QuarterEvaluation } from './evaluation.ts';
import { FLEET_BUNDLE_FORMAT, type DailyRollup, type FleetBundleV2, type FleetEvaluation, type FleetVisit } from './fleet-bundle.ts';

const CODE = /^[\p{L}\p{N}._:-]{1,64}$/u;

export interface BundleHeader {
  terminalId: string;
  publicKey: string;
  district: string;
  businessFormat: string;
  sequence: number;
}

export interface BundleSource {
  header: BundleHeader;
  period: { from: string; to: string };
  products: readonly { code: string; stock: number }[];
  /** Daily totals from period.from on (later days too: stock is walked back from now). */
  totals: readonly DailyTotal[];
  visit: FleetVisit | null;
  evaluation: { evaluation: QuarterEvaluation; followUp: FollowUp; settings: EvaluationSettings; evaluatedOn: string } | null;
  stocktakes: readonly { day: string; errorBp: number | null; withinStandard?: boolean | undefined }[];
  orders: readonly { placedDay: string; lines: readonly { units: number; suggestedUnits: number }[]; totalCents: number }[];
  feedbackWeeks: readonly FeedbackWeek[];
  /** The supplier's board items the owner has read (issue 15). */
  boardAcks?: readonly { itemId: string; seenOn: string; accepted?: true; quotasApplied?: true }[];
  /** The owner's messages to the rep (issue 15), so they reach the rep before the next visit. */
  ownerMessages?: readonly { id: number; text: string; writtenAt: number }[];
}

export function buildVisitBundle(src: BundleSource): { bundle: FleetBundleV2; skippedProducts: number } {
  const { from, to } = src.period;
  const toIdx = dayIndex(to);
  const byProduct = new Map<string, DailyTotal[]>();
  for (const t of src.totals) {
    let list = byProduct.get(t.code);
    if (!list) byProduct.set(t.code, (list = []));
    list.push(t);
  }
  const daily: DailyRollup[] = [];
  let skipped = 0;
  for (const p of src.products) {
    const totals = byProduct.get(p.code);
    if (!totals) continue;
    if (!CODE.test(p.code)) {
      skipped += 1;
      continue;
    }
    // Newest first: stock at the end of each day, walked back from now.
    const sorted = [...totals].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
    let stock = p.stock;
    for (const t of sorted) {
      const change = t.received + t.adjusted - t.sold;
      if (dayIndex(t.day) <= toIdx && t.day >= from && (t.sold !== 0 || t.received !== 0 || t.adjusted !== 0)) {
        const sold = Math.max(0, t.sold);
        const cents = Math.max(0, t.soldCents ?? 0);
        daily.push({
          date: t.day,
          productCode: p.code,
          packsSold: sold,
          salesCents: sold === 0 ? 0 : cents,
          costCents: sold === 0 ? 0 : (t.uncostedCents ?? 0) !== 0 ? null : Math.max(0, t.soldCostCents ?? 0),
          stock,
        });
      }
      stock -= change;
    }
  }
  // Product by product, each in date order: one product's rows sit together, their figures alike
  // (the same price, the stock walking down), which gzip packs a fifth smaller than day by day.
  daily.sort((a, b) =>
    a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );

  const bundle: FleetBundleV2 = {
    format: FLEET_BUNDLE_FORMAT,
    schemaVersion: 2,
    ...src.header,
    period: { from, to },
    daily,
    visit: src.visit,
    boardAcks: (src.boardAcks ?? []).map((a) => ({
      itemId: a.itemId,
      seenOn: a.seenOn,
      ...(a.accepted ? { accepted: true as const } : {}),
      ...(a.quotasApplied ? { quotasApplied: true as const } : {}),
    })),
    ...(src.ownerMessages && src.ownerMessages.length > 0
      ? { ownerMessages: src.ownerMessages.map((m) => ({ id: m.id, text: m.text, writtenAt: m.writtenAt })) }
      : {}),
    evaluation: src.evaluation ? evaluationForBundle(src.evaluation) : null,
    stocktakes: src.stocktakes
      .filter((s) => s.day >= from && s.day <= to)
      .map((s) => ({
        date: s.day,
        errorBasisPoints: s.errorBp,
        withinStandard: s.errorBp === null ? null : (s.withinStandard ?? s.errorBp <= 1000),
      })),
    orders: src.orders
      .filter((o) => o.placedDay >= from && o.placedDay <= to)
      .map((o) => ({
        date: o.placedDay,
        lines: o.lines.length,
        followedLines: o.lines.filter((l) => Math.abs(l.units - l.suggestedUnits) <= 1).length,
        totalCents: Math.max(0, o.totalCents),
      })),
    feedbackWeeks: src.feedbackWeeks.map((w) => ({
      week: w.week,
      votes: w.votes,
      satisfied: w.faces['very-satisfied'] + w.faces.satisfied,
      npsAnswers: w.answers,
      promoters: w.promoters,
      detractors: w.detractors,
      complaints: { ...w.complaints },
    })),
  };
  return { bundle, skippedProducts: skipped };
}

export function evaluationForBundle(e: NonNullable<BundleSource['evaluation']>): FleetEvaluation {
  return {
    quarter: e.evaluation.quarter,
    evaluatedOn: e.evaluatedOn,
    total: e.evaluation.total,
    grade: e.evaluation.grade,
    weights: { ...e.settings.weights },
    thresholds: { ...e.settings.thresholds },
    functions: e.evaluation.functions.map((f) => ({
      function: f.function,
      score: f.score,
      deductions: f.deductions.map((d) => ({
        criterion: d.criterion,
        points: d.points,
        reason: d.reason,
        value: typeof d.params['value'] === 'number' ? d.params['value'] : null,
      })),
    })),
    rectification: {
      deadline: e.followUp.deadline,
      items: e.followUp.items.map((i) => ({ criterion: i.criterion, points: i.points, doneOn: i.doneOn ?? null })),
    },
  };
}
