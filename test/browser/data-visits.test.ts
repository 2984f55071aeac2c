/**
 * src/data/visits.ts and src/data/owner-messages.ts against real IndexedDB:
 * who may write, one visit open at a time, order by sequence when the wall
 * clock jumps back, the previous audit for progress, time worked from the
 * monotonic clock, and the cadence from the reorder settings' business format.
 */
import { expect } from '@open-wc/testing';
import { deleteKioskDb } from '../../src/data/db.ts';
import { getReorderSettings, putReorderSettings } from '../../src/data/reorder.ts';
import { NotAllowedError, forgetSessionForTests, registerStaff, signIn, signOut, usePinIterations } from '../../src/data/roles.ts';
import {
  VisitStateError,
  closeVisit,
  confirmVisit,
  getLastVisit,
  getOpenVisit,
  getPreviousPriceTagAudit,
  getVisitCadence,
  getVisitSummaries,
  getVisits,
  pauseVisit,
  putChecklistItem,
  recordPriceTag,
  resumeVisit,
  startVisit,
  useVisitClockForTests,
} from '../../src/data/visits.ts';
import { getOwnerMessages, markOwnerMessagesRead, writeOwnerMessage } from '../../src/data/owner-messages.ts';
import type { PriceTagLine } from '../../src/domain/visit.ts';
import { openOwnerSession, signOutAndCloseDbAfterEach, TEST_OWNER_PIN } from './shop-fixtures.ts';
import { rejection } from '../helpers/rejection.ts';

const NOV_30 = new Date(2026, 10, 30, 10, 0).getTime();
const JAN_1_2025 = new Date(2025, 0, 1, 10, 0).getTime();

function tag(productId: string, status: PriceTagLine['status']): PriceTagLine {
  return { productId, barcode: productId, name: productId, terminalPriceCents: 1500, status };
}

describe('visits in IndexedDB', () => {
  let repId = '';
  let clerkId = '';
  let mono = 0;

  async function asRep() {
    expect((await signIn(repId, '7777')).ok).to.equal(true);
  }
  async function asOwner() {
    await openOwnerSession();
  }

  beforeEach(async () => {
    usePinIterations(10);
    forgetSessionForTests();
    await deleteKioskDb();
    mono = 0;
    useVisitClockForTests(() => mono);
    await openOwnerSession();
    repId = (await registerStaff({ role: 'rep', name: '李经理', staffNumber: 'KM-1', pin: '7777' }, TEST_OWNER_PIN)).id!;
    clerkId = (await registerStaff({ role: 'clerk', name: '小张', pin: '5555' }, TEST_OWNER_PIN)).id!;
    await signOut();
  });
  signOutAndCloseDbAfterEach();
  afterEach(() => useVisitClockForTests());

  it('lets only a rep start and write a visit, and only the owner confirm it', async () => {
    expect(await rejection(startVisit())).to.be.instanceOf(NotAllowedError);
    expect((await signIn(clerkId, '5555')).ok).to.equal(true);
    expect(await rejection(startVisit())).to.be.instanceOf(NotAllowedError);
    await asOwner();
    expect(await rejection(startVisit())).to.be.instanceOf(NotAllowedError);
    await asRep();
    const visit = await startVisit(NOV_30);
    expect(visit).to.deep.include({ seq: 1, repName: '李经理', status: 'open', startDay: '2026-11-30', tab: 'audit' });
    await closeVisit(visit.id);
    expect(await rejection(confirmVisit(visit.id))).to.be.instanceOf(NotAllowedError);
    await asOwner();
    expect(await rejection(putChecklistItem(visit.id, 'display', { done: true, note: '', shown: '' }))).to.be.instanceOf(NotAllowedError);
    expect((await confirmVisit(visit.id)).status).to.equal('confirmed');
  });

  it('keeps one visit open at a time; pause refuses edits until resumed', async () => {
    await asRep();
    const visit = await startVisit(NOV_30);
    const second = (await rejection(startVisit(NOV_30))) as VisitStateError;
    expect(second).to.be.instanceOf(VisitStateError);
    expect(second.reason).to.equal('already-open');
    await pauseVisit(visit.id);
    const paused = (await rejection(putChecklistItem(visit.id, 'order', { done: true, note: '', shown: '' }))) as VisitStateError;
    expect(paused.reason).to.equal('wrong-status');
    await resumeVisit(visit.id);
    await putChecklistItem(visit.id, 'order', { done: true, note: '少订了利群', shown: '' });
    expect((await getOpenVisit())!.checklist.order).to.deep.equal({ done: true, note: '少订了利群', shown: '' });
  });

  it('orders visits by sequence when the wall clock jumps back, and compares with the previous audit', async () => {
    await asRep();
    const first = await startVisit(NOV_30);
    await recordPriceTag(first.id, tag('a', 'missing'));
    await recordPriceTag(first.id, tag('b', 'present'));
    await closeVisit(first.id);
    await asOwner();
    await confirmVisit(first.id);
    await asRep();
    // The Pi's clock went back a year and a half.
    const second = await startVisit(JAN_1_2025);
    expect(second.seq).to.equal(2);
    expect((await getVisits()).map((v) => v.id)).to.deep.equal([first.id, second.id]);
    expect((await getLastVisit())!.id).to.equal(second.id);
    expect((await getPreviousPriceTagAudit(second.id)).map((l) => [l.productId, l.status])).to.deep.equal([
      ['a', 'missing'],
      ['b', 'present'],
    ]);
    expect(await getPreviousPriceTagAudit(first.id)).to.deep.equal([]);
    const summaries = await getVisitSummaries();
    expect(summaries.map((s) => [s.date, s.priceTagsMissing, s.confirmed])).to.deep.equal([
      ['2026-11-30', 1, true],
      ['2025-01-01', null, false],
    ]);
  });

  it('counts the time worked from the monotonic clock, over pauses', async () => {
    await asRep();
    const visit = await startVisit(NOV_30);
    mono = 10 * 60_000;
    await putChecklistItem(visit.id, 'display', { done: true, note: '', shown: '中华' });
    await pauseVisit(visit.id); // no time passed since the last write
    mono = 70 * 60_000; // an hour away: not counted
    await resumeVisit(visit.id);
    mono = 75 * 60_000;
    const closed = await closeVisit(visit.id);
    expect(closed.activeMs).to.equal(15 * 60_000);
    await asOwner();
    expect((await confirmVisit(visit.id)).durationMs).to.equal(15 * 60_000);
  });

  it('reads the cadence from the reorder settings: 食杂店 exempt, others weekly', async () => {
    expect(await getVisitCadence('2026-11-30')).to.deep.equal({ kind: 'exempt' }); // the default format is 食杂店
    await asOwner();
    await putReorderSettings({ ...(await getReorderSettings()), businessFormat: 'convenience' });
    expect(await getVisitCadence('2026-11-30')).to.deep.equal({ kind: 'never', overdue: true });
    await asRep();
    await startVisit(new Date(2026, 10, 20, 9).getTime());
    expect(await getVisitCadence('2026-11-30')).to.deep.include({ dueDay: '2026-11-27', overdue: true, daysOverdue: 3 });
  });

  it('keeps the owner’s messages until the rep reads them in a visit', async () => {
    await asRep();
    expect(await rejection(writeOwnerMessage('x'))).to.be.instanceOf(NotAllowedError);
    await asOwner();
    await writeOwnerMessage('  周三不在店里  ');
    await writeOwnerMessage('要新品目录');
    const messages = await getOwnerMessages();
    expect(messages.map((m) => m.text)).to.deep.equal(['周三不在店里', '要新品目录']);
    expect(await rejection(markOwnerMessagesRead([messages[0]!.id!], 'v'))).to.be.instanceOf(NotAllowedError);
    await asRep();
    const visit = await startVisit();
    await markOwnerMessagesRead([messages[0]!.id!], visit.id);
    expect((await getOwnerMessages()).map((m) => m.readInVisitId)).to.deep.equal([visit.id, undefined]);
  });
});
