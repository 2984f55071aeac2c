/** Calendar quarters as the evaluation counts them: ids ('2025-Q3'), day ranges and months. */
import { civilToIndex, dayString } from '../reorder/calendar.ts';

export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

export function quarterId(q: Quarter): string {
  return `${q.year}-Q${q.q}`;
}

export function parseQuarterId(id: string): Quarter | undefined {
  const m = /^(\d{4})-Q([1-4])$/.exec(id);
  return m ? { year: Number(m[1]), q: Number(m[2]) } : undefined;
}

export function quarterOf(day: string): Quarter {
  return { year: Number(day.slice(0, 4)), q: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1 };
}

export function quarterRange(q: Quarter): { from: string; to: string } {
  const firstMonth = (q.q - 1) * 3 + 1;
  const from = dayString(civilToIndex(q.year, firstMonth, 1));
  const next = q.q === 4 ? civilToIndex(q.year + 1, 1, 1) : civilToIndex(q.year, firstMonth + 3, 1);
  return { from, to: dayString(next - 1) };
}

/** The quarter's three months as 'YYYY-MM'. */
export function quarterMonths(q: Quarter): string[] {
  return [0, 1, 2].map((i) => `${q.year}-${String((q.q - 1) * 3 + 1 + i).padStart(2, '0')}`);
}

export function previousQuarter(q: Quarter): Quarter {
  return q.q === 1 ? { year: q.year - 1, q: 4 } : { year: q.year, q: q.q - 1 };
}
