import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { getDb } from '../../src/data/db.ts';
import { feedbackData, getFeedbackSummary, putFeedbackVote } from '../../src/data/feedback.ts';
import { forgetSessionForTests } from '../../src/data/roles.ts';
import { NotAllowedError } from '../../src/domain/errors.ts';
import type { FeedbackVote } from '../../src/domain/feedback.ts';
import type { KioskFeedbackFaces, KioskFeedbackVoteEvent } from '../../src/components/kiosk-feedback-faces.ts';
import type { KioskFeedbackSummary } from '../../src/components/kiosk-feedback-summary.ts';
import type { KioskReportFigure } from '../../src/components/kiosk-report-figure.ts';
import type { KioskReportTable } from '../../src/components/kiosk-report-table.ts';
import type { KioskReportScreen } from '../../src/screens/kiosk-report-screen.ts';
import '../../src/components/kiosk-feedback-faces.ts';
import '../../src/screens/kiosk-report-screen.ts';
import { deep, deepText, maybeDeep } from './shadow-dom.ts';
import { freshShopWithOwner, inEnglish, openOwnerSession } from './shop-fixtures.ts';

/** Wednesday 4 March 2026, 10:00 local: the week of Monday 2 March. */
const WED = new Date(2026, 2, 4, 10).getTime();
/** Tuesday 10 March 2026, 15:00 local: the week of Monday 9 March. */
const NEXT_TUE = new Date(2026, 2, 10, 15).getTime();
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

/** A monotonic clock the test moves by hand. */
function fakeClock() {
  let t = 5_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** The thank-you lasts real time (400 ms): long enough that a test on a loaded machine still sees it after a store. */
async function faces(options: { npsEvery?: number; clock: () => number; at?: number }): Promise<KioskFeedbackFaces> {
  const el = await fixture<KioskFeedbackFaces>(
    html`<kiosk-feedback-faces
      .data=${feedbackData}
      .rules=${{ windowMs: 10_000, npsEvery: options.npsEvery ?? 100 }}
      .clock=${options.clock}
      .wallClock=${() => options.at ?? WED}
      thanks-ms="400"
    ></kiosk-feedback-faces>`,
  );
  return el;
}

function tap(el: KioskFeedbackFaces, selector: string): void {
  deep<HTMLButtonElement>(el, selector).click();
}

async function storedKinds(): Promise<string[]> {
  const db = await getDb();
  return (await db.getAll('feedback')).map((r) => ('value' in r ? `${r.kind}:${r.value}` : r.kind));
}

describe('customer feedback', () => {
  freshShopWithOwner();

  it('stores a face with its local day and hour, nothing else', async () => {
    const clock = fakeClock();
    const el = await faces({ clock: clock.now });
    const events: FeedbackVote[] = [];
    el.addEventListener('kiosk-feedback-vote', (e: KioskFeedbackVoteEvent) => events.push(e.detail));
    tap(el, 'button[data-face=very-satisfied]');
    await el.settled();
    expect(el.step).to.equal('thanks');
    const db = await getDb();
    const records = await db.getAll('feedback');
    expect(records).to.deep.equal([{ id: 1, kind: 'face', value: 'very-satisfied', day: '2026-03-04', hour: 10 }]);
    expect(events).to.deep.equal([{ kind: 'face', value: 'very-satisfied' }]);
    // The thank-you gives way to the faces again.
    await waitFor(() => el.step === 'faces', 'faces did not come back');
  });

  it('counts taps within 10 s of a vote as repeats, not votes', async () => {
    const clock = fakeClock();
    const el = await faces({ clock: clock.now });
    tap(el, 'button[data-face=satisfied]');
    await waitFor(() => el.step === 'faces', 'faces did not come back');
    // Mashing the faces for 9 s: one customer, one vote.
    for (let i = 0; i < 3; i++) {
      clock.advance(3_000);
      tap(el, 'button[data-face=very-dissatisfied]');
      await el.settled();
      expect(el.step).to.equal('thanks');
      await waitFor(() => el.step === 'faces', 'faces did not come back');
    }
    // A tap on the thank-you inside the window is a repeat too (the thank-you
    // stays up meanwhile, whatever the machine's load).
    el.thanksMs = 60_000;
    clock.advance(500);
    tap(el, 'button[data-face=satisfied]');
    await el.updateComplete;
    deep<HTMLElement>(el, '[data-state=thanks]').click();
    await el.settled();
    expect(await storedKinds()).to.deep.equal(['face:satisfied', 'repeat', 'repeat', 'repeat', 'repeat', 'repeat']);
    // 10 s after the vote a tap on the thank-you brings the faces back: the next customer.
    clock.advance(500);
    deep<HTMLElement>(el, '[data-state=thanks]').click();
    await el.updateComplete;
    expect(el.step).to.equal('faces');
    tap(el, 'button[data-face=very-satisfied]');
    await el.settled();
    const summary = await getFeedbackSummary(MARCH);
    expect(summary.total.votes).to.equal(2);
    expect(summary.total.repeats).to.equal(5);
    expect(summary.total.faces['very-dissatisfied']).to.equal(0);
    expect(summary.total.satisfaction).to.equal(1);
  });

  it('offers the complaint categories and 请店主联系我 after a sad face', async () => {
    const clock = fakeClock();
    const el = await faces({ clock: clock.now });
    tap(el, 'button[data-face=very-dissatisfied]');
    await el.updateComplete;
    expect(el.step).to.equal('complaint');
    tap(el, 'button[data-complaint=out-of-stock]');
    await el.updateComplete;
    tap(el, 'button[data-complaint=waiting]');
    await el.updateComplete;
    // A second tap on a chosen category is not a second complaint.
    tap(el, 'button[data-complaint=waiting]');
    tap(el, 'button[data-contact]');
    await el.updateComplete;
    expect(deep(el, 'button[data-complaint=waiting]').getAttribute('aria-pressed')).to.equal('true');
    // No field asks for a name or a telephone number.
    expect(maybeDeep(el, 'input')).to.equal(null);
    tap(el, 'button[data-action=done]');
    await el.settled();
    expect(el.step).to.equal('thanks');
    expect(await storedKinds()).to.deep.equal(['face:very-dissatisfied', 'complaint:out-of-stock', 'complaint:waiting', 'contact']);
    const summary = await getFeedbackSummary(MARCH);
    expect(summary.total.complaints).to.deep.equal({ 'out-of-stock': 1, price: 0, service: 0, waiting: 1, quality: 0, other: 0 });
    expect(summary.total.contactRequests).to.equal(1);
  });

  it('asks the NPS question once every N votes and counts promoters − detractors', async () => {
    const clock = fakeClock();
    const el = await faces({ clock: clock.now, npsEvery: 2 });
    const steps: string[] = [];
    const scores = [10, 9, 3, 7];
    for (let customer = 0; customer < 8; customer++) {
      clock.advance(10_000);
      await waitFor(() => el.step === 'faces', 'faces did not come back');
      tap(el, 'button[data-face=satisfied]');
      await el.updateComplete;
      steps.push(el.step);
      if (el.step === 'nps') {
        tap(el, `button[data-score="${scores.shift()}"]`);
        await el.settled();
      }
    }
    expect(steps).to.deep.equal(['thanks', 'nps', 'thanks', 'nps', 'thanks', 'nps', 'thanks', 'nps']);
    // 2 promoters, 1 passive, 1 detractor of 4: 50% − 25% = +25
    const summary = await getFeedbackSummary(MARCH);
    expect(summary.total).to.include({ votes: 8, answers: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
  });

  it('asks the NPS question after the complaint chooser when it is due', async () => {
    const clock = fakeClock();
    const el = await faces({ clock: clock.now, npsEvery: 1 });
    tap(el, 'button[data-face=dissatisfied]');
    await el.updateComplete;
    expect(el.step).to.equal('complaint');
    tap(el, 'button[data-action=done]');
    await el.updateComplete;
    expect(el.step).to.equal('nps');
  });

  it('has face and score buttons of at least 96 px', async () => {
    const clock = fakeClock();
    const el = await faces({ clock: clock.now, npsEvery: 1 });
    for (const b of el.shadowRoot!.querySelectorAll('button')) {
      const r = b.getBoundingClientRect();
      expect(Math.min(r.width, r.height)).to.be.at.least(96);
    }
    tap(el, 'button[data-face=satisfied]');
    await el.updateComplete;
    const scores = el.shadowRoot!.querySelectorAll('button[data-score]');
    expect(scores.length).to.equal(11);
    for (const b of scores) {
      const r = b.getBoundingClientRect();
      expect(Math.min(r.width, r.height)).to.be.at.least(96);
    }
  });

  it('sums the feedback by week', async () => {
    await putFeedbackVote({ kind: 'face', value: 'very-satisfied' }, WED);
    await putFeedbackVote({ kind: 'face', value: 'dissatisfied' }, WED);
    await putFeedbackVote({ kind: 'complaint', value: 'price' }, WED);
    await putFeedbackVote({ kind: 'nps', value: 10 }, WED);
    await putFeedbackVote({ kind: 'face', value: 'satisfied' }, NEXT_TUE);
    await putFeedbackVote({ kind: 'nps', value: 0 }, NEXT_TUE);
    await putFeedbackVote({ kind: 'complaint', value: 'service' }, NEXT_TUE);
    // Outside the range: not counted.
    await putFeedbackVote({ kind: 'face', value: 'very-dissatisfied' }, new Date(2026, 1, 27, 9).getTime());
    const s = await getFeedbackSummary(MARCH);
    expect(s.weeks.map((w) => [w.week, w.votes, w.satisfaction, w.nps])).to.deep.equal([
      ['2026-03-09', 1, 1, -100],
      ['2026-03-02', 2, 0.5, 100],
    ]);
    expect(s.weeks[0]!.complaints.service).to.equal(1);
    expect(s.weeks[1]!.complaints.price).to.equal(1);
    expect(s.total.nps).to.equal(0);
  });

  it('refuses bad votes and keeps nothing of them', async () => {
    let error: unknown;
    try {
      await putFeedbackVote({ kind: 'nps', value: 11 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RangeError);
    const db = await getDb();
    expect(await db.count('feedback')).to.equal(0);
  });

  it('shows the summary to the owner only', async () => {
    await putFeedbackVote({ kind: 'face', value: 'very-satisfied' }, WED);
    await putFeedbackVote({ kind: 'face', value: 'satisfied' }, WED);
    await putFeedbackVote({ kind: 'face', value: 'very-dissatisfied' }, WED);
    await putFeedbackVote({ kind: 'complaint', value: 'out-of-stock' }, WED);
    await putFeedbackVote({ kind: 'nps', value: 9 }, WED);
    // Nobody signed in: neither the data layer nor the screen gives the summary.
    forgetSessionForTests();
    let error: unknown;
    try {
      await getFeedbackSummary(MARCH);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(NotAllowedError);
    const el = await fixture<KioskReportScreen>(html`<kiosk-report-screen .now=${WED}></kiosk-report-screen>`);
    await el.settled();
    expect(maybeDeep(el, '[data-state=refused]')).to.not.equal(null);
    expect(maybeDeep(el, 'kiosk-feedback-summary')).to.equal(null);
    expect(el.feedback).to.equal(undefined);
    // The owner signs in: the same screen shows the feedback of the period.
    await openOwnerSession();
    deep<HTMLButtonElement>(el, '[data-state=refused] button').click();
    await waitFor(() => el.feedback !== undefined, 'feedback not loaded for the owner');
    await el.settled();
    await deep<KioskFeedbackSummary>(el, 'kiosk-feedback-summary').updateComplete;
    const figure = (name: string) =>
      deep<KioskReportFigure>(el, 'kiosk-feedback-summary', `kiosk-report-figure[data-figure=${name}]`).value;
    expect(figure('satisfaction')).to.equal('67%');
    expect(figure('nps')).to.equal('+100');
    const table = deep<KioskReportTable>(el, 'kiosk-feedback-summary', 'kiosk-report-table[data-table=feedback-weeks]');
    expect(table.rows).to.deep.equal([['2026-03-02', '3', '67%', '+100', '1', '0', '0', '0', '0', '0', '0']]);
  });

  it('shows the display scanner’s interest per product beside the feedback, for the period only', async () => {
    const db = await getDb();
    await db.put('products', {
      code: '06901028075862',
      name: '黄鹤楼（硬珍品）',
      priceCents: 1850,
      unit: 'pack',
      stock: 5,
      createdAt: 0,
      updatedAt: 0,
    });
    await db.put('interest', { code: '06901028075862', day: '2026-03-04', scans: 3 });
    await db.put('interest', { code: '06901028075862', day: '2026-03-10', scans: 2 });
    await db.put('interest', { code: '06901028075862', day: '2026-04-01', scans: 9 });
    await openOwnerSession();
    const el = await fixture<KioskReportScreen>(html`<kiosk-report-screen .now=${WED}></kiosk-report-screen>`);
    await waitFor(() => el.feedback !== undefined, 'feedback not loaded for the owner');
    await el.settled();
    await deep<KioskFeedbackSummary>(el, 'kiosk-feedback-summary').updateComplete;
    expect(el.feedback!.interest).to.deep.equal([{ code: '06901028075862', name: '黄鹤楼（硬珍品）', scans: 3 }]);
    const table = deep<KioskReportTable>(el, 'kiosk-feedback-summary', 'kiosk-report-table[data-table=display-interest]');
    expect(table.rows).to.deep.equal([['黄鹤楼（硬珍品）', '3']]);
  });

  it('speaks Chinese first and English when switched', async () => {
    const clock = fakeClock();
    const el = await faces({ clock: clock.now });
    expect(deepText(el)).to.include('很满意');
    await inEnglish(async () => {
      await el.updateComplete;
      expect(deepText(el)).to.include('Very satisfied');
      tap(el, 'button[data-face=dissatisfied]');
      await el.updateComplete;
      expect(deepText(el)).to.include('Please have the owner contact me');
    });
  });
});
