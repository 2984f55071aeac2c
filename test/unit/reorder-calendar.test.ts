import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayIndex,
  dayString,
  isDayString,
  nearestSpringFestival,
  SPRING_FESTIVAL,
  MID_AUTUMN,
  springFestivalDate,
  weekdayOf,
} from '../../src/domain/reorder/calendar.ts';

describe('day indexes', () => {
  it('counts days from 1970-01-01 without Date', () => {
    expect(dayIndex('1970-01-01')).toBe(0);
    expect(dayIndex('1970-01-02')).toBe(1);
    expect(dayIndex('2000-03-01') - dayIndex('2000-02-28')).toBe(2); // 2000 is a leap year
    expect(dayIndex('2100-03-01') - dayIndex('2100-02-28')).toBe(1); // 2100 is not
  });
  it('round-trips and adds days across month and year ends', () => {
    for (const d of ['2015-02-19', '2024-02-29', '2039-12-31', '1999-01-01']) expect(dayString(dayIndex(d))).toBe(d);
    expect(addDays('2023-12-30', 3)).toBe('2024-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('knows the weekday (0 = Sunday)', () => {
    expect(weekdayOf(dayIndex('1970-01-01'))).toBe(4);
    expect(weekdayOf(dayIndex('2024-02-10'))).toBe(6);
    expect(weekdayOf(dayIndex('2024-03-18'))).toBe(1);
  });
  it('rejects days that do not exist', () => {
    expect(isDayString('2023-02-29')).toBe(false);
    expect(isDayString('2023-13-01')).toBe(false);
    expect(isDayString('2023-1-01')).toBe(false);
    expect(() => dayIndex('yesterday')).toThrow(RangeError);
  });
});

describe('Spring Festival table', () => {
  it('covers 2015–2040 with the real dates', () => {
    expect(Object.keys(SPRING_FESTIVAL)).toHaveLength(26);
    expect(Object.keys(MID_AUTUMN)).toHaveLength(26);
    expect(springFestivalDate(2015)).toBe('2015-02-19');
    expect(springFestivalDate(2020)).toBe('2020-01-25');
    expect(springFestivalDate(2024)).toBe('2024-02-10');
    expect(springFestivalDate(2027)).toBe('2027-02-06');
    expect(springFestivalDate(2030)).toBe('2030-02-03');
    expect(springFestivalDate(2041)).toBeUndefined();
    for (const [year, day] of Object.entries(SPRING_FESTIVAL)) {
      expect(day.startsWith(year)).toBe(true);
      expect(day >= `${year}-01-21` && day <= `${year}-02-20`).toBe(true);
    }
  });
  it('finds the nearest festival and the offset from it', () => {
    expect(nearestSpringFestival(dayIndex('2024-01-27'))).toEqual({ year: 2024, offset: -14 });
    expect(nearestSpringFestival(dayIndex('2023-12-31'))).toEqual({ year: 2024, offset: -41 });
    expect(nearestSpringFestival(dayIndex('2023-02-01'))).toEqual({ year: 2023, offset: 10 });
  });
});
