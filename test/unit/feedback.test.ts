import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedbackGate, npsGroup, npsOf, summarizeFeedback, weekOf, type FeedbackRecord } from '../../src/domain/feedback.ts';

/** A fake monotonic clock: the tests move it by hand. */
function fakeClock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('feedback rate limit', () => {
  afterEach(() => vi.useRealTimers());

  it('counts taps within 10 s after a vote as repeats, and the next tap after as a vote', () => {
    const clock = fakeClock();
    const gate = new FeedbackGate({ windowMs: 10_000, npsEvery: 100 });
    expect(gate.tap(clock.now()).vote).toBe(true);
    clock.advance(1);
    expect(gate.tap(clock.now()).vote).toBe(false);
    clock.advance(9_998); // 9 999 ms after the vote
    expect(gate.tap(clock.now()).vote).toBe(false);
    clock.advance(1); // exactly 10 s: a new customer
    expect(gate.tap(clock.now()).vote).toBe(true);
  });

  it('repeats do not extend the window (a masher cannot lock the faces)', () => {
    const clock = fakeClock();
    const gate = new FeedbackGate({ windowMs: 10_000, npsEvery: 100 });
    gate.tap(clock.now());
    for (let i = 0; i < 9; i++) {
      clock.advance(1_000);
      expect(gate.tap(clock.now()).vote).toBe(false);
    }
    clock.advance(1_000);
    expect(gate.tap(clock.now()).vote).toBe(true);
  });

  it('ignores the wall clock: setting it back an hour or forward a day changes nothing', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-04T10:00:00'));
    const clock = fakeClock();
    const gate = new FeedbackGate({ windowMs: 10_000, npsEvery: 100 });
    expect(gate.tap(clock.now()).vote).toBe(true);
    vi.setSystemTime(new Date('2026-03-05T10:00:00'));
    clock.advance(2_000);
    expect(gate.tap(clock.now()).vote).toBe(false);
    vi.setSystemTime(new Date('2026-03-04T09:00:00'));
    clock.advance(8_000);
    expect(gate.tap(clock.now()).vote).toBe(true);
  });

  it('takes a monotonic time before the last vote (a fresh clock) as a new customer', () => {
    const gate = new FeedbackGate({ windowMs: 10_000, npsEvery: 100 });
    expect(gate.tap(50_000).vote).toBe(true);
    expect(gate.tap(10).vote).toBe(true);
  });

  it('asks the NPS question at most once every N votes', () => {
    const clock = fakeClock();
    const gate = new FeedbackGate({ windowMs: 10_000, npsEvery: 3 });
    const asked: boolean[] = [];
    for (let i = 0; i < 9; i++) {
      const verdict = gate.tap(clock.now());
      if (verdict.vote) {
        asked.push(verdict.askNps);
        if (verdict.askNps) gate.npsAsked();
      }
      clock.advance(5_000); // every other tap is a repeat
    }
    // 9 taps 5 s apart: votes at 0, 10, 20, 30, 40 s.
    expect(asked).toEqual([false, false, true, false, false]);
  });

  it('keeps the question due until it is shown', () => {
    const gate = new FeedbackGate({ windowMs: 10_000, npsEvery: 2 });
    expect(gate.tap(0)).toEqual({ vote: true, askNps: false });
    expect(gate.tap(10_000)).toEqual({ vote: true, askNps: true });
    expect(gate.tap(20_000)).toEqual({ vote: true, askNps: true });
    gate.npsAsked();
    expect(gate.tap(30_000)).toEqual({ vote: true, askNps: false });
  });

  it('refuses nonsense rules', () => {
    expect(() => new FeedbackGate({ windowMs: 10_000, npsEvery: 0 })).toThrow(RangeError);
    expect(() => new FeedbackGate({ windowMs: -1, npsEvery: 1 })).toThrow(RangeError);
  });
});

describe('NPS', () => {
  it('groups 9–10 as promoters, 7–8 passives, 0–6 detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
    expect(() => npsGroup(11)).toThrow(RangeError);
    expect(() => npsGroup(7.5)).toThrow(RangeError);
  });

  it('is %promoters − %detractors', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: 50% − 20% = 30
    expect(npsOf([10, 9, 9, 10, 9, 8, 7, 7, 6, 0])).toEqual({ answers: 10, promoters: 5, passives: 3, detractors: 2, nps: 30 });
    expect(npsOf([0, 1, 2]).nps).toBe(-100);
    expect(npsOf([10]).nps).toBe(100);
    expect(npsOf([7, 8]).nps).toBe(0);
    expect(npsOf([]).nps).toBeUndefined();
    // 1 promoter, 2 detractors of 3: 33.3% − 66.7% = −33
    expect(npsOf([9, 3, 4]).nps).toBe(-33);
  });
});

describe('weekly feedback summary', () => {
  it('starts weeks on Monday', () => {
    expect(weekOf('2026-03-02')).toBe('2026-03-02'); // Monday
    expect(weekOf('2026-03-08')).toBe('2026-03-02'); // Sunday
    expect(weekOf('2026-03-09')).toBe('2026-03-09');
    expect(weekOf('2026-01-01')).toBe('2025-12-29'); // across the year
  });

  it('gives satisfaction, NPS and complaints per week, repeats apart from votes', () => {
    const at = (day: string, hour = 10) => ({ day, hour });
    const records: FeedbackRecord[] = [
      { kind: 'face', value: 'very-satisfied', ...at('2026-03-02') },
      { kind: 'face', value: 'satisfied', ...at('2026-03-03') },
      { kind: 'face', value: 'dissatisfied', ...at('2026-03-04') },
      { kind: 'complaint', value: 'waiting', ...at('2026-03-04') },
      { kind: 'contact', ...at('2026-03-04') },
      { kind: 'repeat', ...at('2026-03-04') },
      { kind: 'repeat', ...at('2026-03-04') },
      { kind: 'nps', value: 10, ...at('2026-03-05') },
      { kind: 'nps', value: 3, ...at('2026-03-05') },
      { kind: 'face', value: 'very-dissatisfied', ...at('2026-03-09') },
      { kind: 'complaint', value: 'out-of-stock', ...at('2026-03-09') },
      { kind: 'complaint', value: 'price', ...at('2026-03-09') },
    ];
    const s = summarizeFeedback(records);
    expect(s.weeks.map((w) => w.week)).toEqual(['2026-03-09', '2026-03-02']);
    const [later, first] = s.weeks;
    expect(first!.votes).toBe(3);
    expect(first!.repeats).toBe(2);
    expect(first!.satisfaction).toBeCloseTo(2 / 3);
    expect(first!.nps).toBe(0);
    expect(first!.complaints.waiting).toBe(1);
    expect(first!.contactRequests).toBe(1);
    expect(later!.votes).toBe(1);
    expect(later!.satisfaction).toBe(0);
    expect(later!.nps).toBeUndefined();
    expect(later!.complaints).toMatchObject({ 'out-of-stock': 1, price: 1, waiting: 0 });
    expect(s.total.votes).toBe(4);
    expect(s.total.satisfaction).toBe(0.5);
    expect(s.total.repeats).toBe(2);
    expect(s.total.complaints).toEqual({ 'out-of-stock': 1, price: 1, service: 0, waiting: 1, quality: 0, other: 0 });
  });

  it('has no figures for no feedback', () => {
    const s = summarizeFeedback([]);
    expect(s.weeks).toEqual([]);
    expect(s.total.satisfaction).toBeUndefined();
    expect(s.total.nps).toBeUndefined();
  });
});
