/**
 * Bundled by bench/visit.ts (esbuild) into a page on loopback in Debian's
 * Chromium: seeds three years of a shop's ledger with bench:report's seeding
 * (bench/report-page.ts: movements, daily totals, hourly totals, day records
 * in bulk, made with the counter's own pure functions), adds what a visit
 * reads besides (a stocktake a month, a weekly order with the advice saved on
 * its lines, customer feedback, new products), then times opening the visit's
 * review and quarterly evaluation, and measures the quarter's signed bundle.
 */
import { getDb } from '../src/data/db.ts';
import { evaluationData, gradeQuarter } from '../src/data/evaluation-data.ts';
import { makeVisitBundle } from '../src/data/visit-bundle.ts';
import { addDays } from '../src/domain/reorder/calendar.ts';
import { localDay } from '../src/domain/product.ts';
import { mulberry32 } from '../src/domain/mulberry32.ts';
import { previousQuarter, quarterOf, quarterRange } from '../src/domain/evaluation.ts';
import type { CounterSession, Order, StoredFeedback } from '../src/data/schema.ts';
import type { KioskVisitReview } from '../src/components/kiosk-visit-review.ts';
import type { KioskQuarterEvaluation } from '../src/components/kiosk-quarter-evaluation.ts';
import '../src/components/kiosk-visit-review.ts';
import '../src/components/kiosk-quarter-evaluation.ts';
import { seed, type ReportSeedSize } from './report-page.ts';

async function seedVisit(size: ReportSeedSize): Promise<{ ms: number }> {
  const started = performance.now();
  await seed(size);
  const db = await getDb();
  const random = mulberry32(12);
  const products = await db.getAll('products');
  const today = localDay(Date.now());
  const tx = db.transaction(['products', 'sessions', 'orders', 'feedback'], 'readwrite');
  for (const p of products.slice(0, 20)) void tx.objectStore('products').put({ ...p, isNew: true });
  let seq = 1;
  for (let d = size.days - 1; d >= 0; d -= 30) {
    const day = addDays(today, -d);
    const at = new Date(`${day}T20:00:00`).getTime();
    const counted = 400;
    const errors = Math.floor(random() * 60);
    const session: CounterSession = {
      id: `st-${d}`,
      kind: 'stocktake',
      status: 'closed',
      openedAt: at - 3_600_000,
      closedAt: at,
      closedSeq: seq++,
      counts: [],
      nextSeq: 1,
      result: {
        lines: [],
        errorRate: errors / counted,
        errorPacks: errors,
        countedPacks: counted,
        withinStandard: errors * 10 <= counted,
        notCounted: [],
        adjustments: [],
      },
    };
    void tx.objectStore('sessions').put(session);
  }
  for (let d = size.days - 1; d >= 0; d -= 7) {
    const day = addDays(today, -d);
    const at = new Date(`${day}T09:00:00`).getTime();
    const lines = products.slice(0, 50).map((p) => {
      const suggestedUnits = Math.floor(random() * 5);
      const units = Math.max(0, suggestedUnits + Math.floor(random() * 5) - 2);
      return { code: p.code, units, packs: units * 10, suggestedUnits, ownerEdited: units !== suggestedUnits, unitCostCents: 5000 };
    });
    const order: Order = {
      id: `o-${d}`,
      status: 'received',
      createdAt: at,
      placedAt: at,
      placedDay: day,
      placedSeq: seq++,
      lines,
      totalCents: lines.reduce((a, l) => a + l.units * 5000, 0),
    };
    void tx.objectStore('orders').put(order);
  }
  for (let d = 120; d >= 0; d--) {
    const day = addDays(today, -d);
    for (let i = 0; i < 4; i++) {
      const r = random();
      const record: StoredFeedback =
        r < 0.6
          ? { kind: 'face', value: r < 0.4 ? 'satisfied' : 'dissatisfied', day, hour: 10 }
          : r < 0.8
            ? { kind: 'nps', value: Math.floor(random() * 11), day, hour: 11 }
            : { kind: 'complaint', value: 'price', day, hour: 12 };
      void tx.objectStore('feedback').add(record);
    }
  }
  await tx.done;
  // The quarter before: graded, as at the first visit of this quarter.
  const last = previousQuarter(quarterOf(today));
  await gradeQuarter(last, [{ date: quarterRange(last).to, priceTagsMissing: 2, displayTidyDone: true }]);
  return { ms: performance.now() - started };
}

/** Open the visit's review (since a week ago) and the quarter's evaluation: from creating them to their figures and charts painted. */
async function openVisit(): Promise<number> {
  await getDb();
  const since = addDays(localDay(Date.now()), -7);
  const started = performance.now();
  const review = document.createElement('kiosk-visit-review') as KioskVisitReview;
  review.data = evaluationData;
  review.since = since;
  review.ownerMessages = [{ day: since, text: '中华(硬)常断货，请多配一点' }];
  const quarter = document.createElement('kiosk-quarter-evaluation') as KioskQuarterEvaluation;
  quarter.data = evaluationData;
  quarter.quarter = `${previousQuarter(quarterOf(localDay(Date.now()))).year}-Q${previousQuarter(quarterOf(localDay(Date.now()))).q}`;
  const host = document.createElement('div');
  host.style.cssText = 'width:800px;height:480px;overflow:auto';
  host.append(review, quarter);
  document.body.append(host);
  await Promise.all([review.loaded(), quarter.loaded()]);
  if (review.shadowRoot?.querySelector('[data-figure="sales"]') === null) throw new Error('the review showed no figures');
  await Promise.all(
    [
      ...review.renderRoot.querySelectorAll('kiosk-visit-chart'),
      ...quarter.renderRoot.querySelectorAll('kiosk-visit-chart, kiosk-visit-qr'),
    ].map((c) => (c as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete),
  );
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const ms = performance.now() - started;
  host.remove();
  return ms;
}

/** The signed bundle of the last full quarter (92 days): the file written to the stick (gzip'd) and its JSON text. */
async function bundleSize(): Promise<{ textBytes: number; fileBytes: number; rows: number }> {
  const q = previousQuarter(quarterOf(localDay(Date.now())));
  const file = await makeVisitBundle({ period: quarterRange(q), quarter: q, visit: null });
  return {
    textBytes: new TextEncoder().encode(file.text).byteLength,
    fileBytes: file.gzip.byteLength,
    rows: file.signed.bundle.daily.length,
  };
}

async function movementCount(): Promise<number> {
  return (await getDb()).count('movements');
}

(globalThis as unknown as { visitBench: unknown }).visitBench = { seed: seedVisit, openVisit, bundleSize, movementCount };
