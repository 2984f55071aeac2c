/**
 * Day arithmetic and the lunar-calendar peaks the reorder engine aligns on.
 *
 * Days are integer indexes (days since 1970-01-01) computed with pure integer
 * civil-calendar arithmetic: no Date objects, so no time-zone or DST surprises
 * and nothing allocated in the engine's inner loops. The Pi has no RTC; the
 * caller decides what "today" is and passes it as a 'YYYY-MM-DD' string.
 */

/**
 * 春节 (first day of the first lunar month), China time, 2015–2040.
 * Checked two ways: ICU's Chinese calendar (node Intl 'zh-u-ca-chinese') and the
 * Beijing-time date of the astronomical new moon (Meeus ch. 49). They agree on
 * every year except 2027 and 2030, where the new moon falls within minutes of
 * midnight Beijing time (2027-02-06 23:56, 2030-02-03 00:07) and ICU's coarser
 * moon model lands on the neighbouring day; the dates below follow the new moon,
 * as the official calendar (and Hong Kong Observatory tables) do.
 */
export const SPRING_FESTIVAL: Record<number, string> = {
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
  2036: '2036-01-28',
  2037: '2037-02-15',
  2038: '2038-02-04',
  2039: '2039-01-24',
  2040: '2040-02-12',
};

/**
 * 中秋 (15th day of the eighth lunar month), 2015–2040. Same two checks as
 * SPRING_FESTIVAL (the eighth month's new moon is 14 days earlier); they agree
 * for every year. Not yet used for alignment, kept for reasons and the screen.
 */
export const MID_AUTUMN: Record<number, string> = {
  2015: '2015-09-27',
  2016: '2016-09-15',
  2017: '2017-10-04',
  2018: '2018-09-24',
  2019: '2019-09-13',
  2020: '2020-10-01',
  2021: '2021-09-21',
  2022: '2022-09-10',
  2023: '2023-09-29',
  2024: '2024-09-17',
  2025: '2025-10-06',
  2026: '2026-09-25',
  2027: '2027-09-15',
  2028: '2028-10-03',
  2029: '2029-09-22',
  2030: '2030-09-12',
  2031: '2031-10-01',
  2032: '2032-09-19',
  2033: '2033-09-08',
  2034: '2034-09-27',
  2035: '2035-09-16',
  2036: '2036-10-04',
  2037: '2037-09-24',
  2038: '2038-09-13',
  2039: '2039-10-02',
  2040: '2040-09-20',
};

export const FESTIVAL_FIRST_YEAR = 2015;
export const FESTIVAL_LAST_YEAR = 2040;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days from 1970-01-01 to the civil date (proleptic Gregorian); H. Hinnant's days_from_civil. */
export function civilToIndex(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of civilToIndex. */
export function indexToCivil(index: number): { year: number; month: number; day: number } {
  const z = index + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** True when `day` is a real calendar date written 'YYYY-MM-DD'. */
export function isDayString(day: unknown): day is string {
  if (typeof day !== 'string') return false;
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  if (month < 1 || month > 12 || d < 1) return false;
  const c = indexToCivil(civilToIndex(year, month, d));
  return c.month === month && c.day === d;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day. Throws RangeError on anything else. */
export function dayIndex(day: string): number {
  if (!isDayString(day)) throw new RangeError(`not a YYYY-MM-DD day: ${String(day)}`);
  return civilToIndex(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD' of a day index. */
export function dayString(index: number): string {
  const c = indexToCivil(index);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

export function addDays(day: string, n: number): string {
  return dayString(dayIndex(day) + n);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(index: number): number {
  return (((index + 4) % 7) + 7) % 7;
}

export function yearOfIndex(index: number): number {
  return indexToCivil(index).year;
}

/** The Spring Festival day of `year`, or undefined outside 2015–2040. */
export function springFestivalDate(year: number): string | undefined {
  return SPRING_FESTIVAL[year];
}

export function midAutumnDate(year: number): string | undefined {
  return MID_AUTUMN[year];
}

const SF_INDEX = new Map<number, number>(Object.entries(SPRING_FESTIVAL).map(([y, d]) => [Number(y), dayIndex(d)]));

/** Spring Festival of `year` as a day index, or undefined outside the table. */
export function springFestivalIndex(year: number): number | undefined {
  return SF_INDEX.get(year);
}

/**
 * The Spring Festival nearest to a day: its lunar year and the signed offset
 * of the day from it (negative = before the festival). Undefined outside the table.
 */
export function nearestSpringFestival(index: number): { year: number; offset: number } | undefined {
  const y = yearOfIndex(index);
  let best: { year: number; offset: number } | undefined;
  for (let yy = y - 1; yy <= y + 1; yy++) {
    const sf = SF_INDEX.get(yy);
    if (sf === undefined) continue;
    const offset = index - sf;
    if (!best || Math.abs(offset) < Math.abs(best.offset)) best = { year: yy, offset };
  }
  return best;
}
