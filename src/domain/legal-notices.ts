/**
 * The notices the law requires wherever tobacco is shown (issue 11):
 * 吸烟有害健康 and 不向未成年人出售烟草制品. The owner may word them
 * differently and may switch them off for views without tobacco (a drink's
 * card), but never where tobacco is shown: there the owner's wording is used,
 * and the defaults when there is none.
 */

export const DEFAULT_LEGAL_NOTICES: readonly string[] = ['吸烟有害健康', '不向未成年人出售烟草制品'];

export interface LegalNoticeSettings {
  /** The lines, in order (1 to MAX_NOTICE_LINES, each 1 to MAX_NOTICE_CHARS characters). */
  lines: string[];
  /** Hide the notices on views that show no tobacco (never on views that do). */
  offWithoutTobacco: boolean;
}

export const DEFAULT_LEGAL_NOTICE_SETTINGS: LegalNoticeSettings = { lines: [...DEFAULT_LEGAL_NOTICES], offWithoutTobacco: false };

export const MAX_NOTICE_LINES = 4;
export const MAX_NOTICE_CHARS = 40;

export type NoticeProblem = 'no-lines' | 'too-many-lines' | 'too-long';

export class LegalNoticeError extends Error {
  override name = 'LegalNoticeError';
  constructor(readonly problem: NoticeProblem) {
    super(`legal notices: ${problem}`);
  }
}

/** The settings as stored: lines trimmed, blank ones dropped; throws LegalNoticeError. */
export function checkLegalNotices(settings: LegalNoticeSettings): LegalNoticeSettings {
  const lines = settings.lines.map((l) => l.trim()).filter((l) => l.length > 0);
  // No wording at all would switch the notices off where tobacco is shown.
  if (lines.length === 0) throw new LegalNoticeError('no-lines');
  if (lines.length > MAX_NOTICE_LINES) throw new LegalNoticeError('too-many-lines');
  if (lines.some((l) => [...l].length > MAX_NOTICE_CHARS)) throw new LegalNoticeError('too-long');
  return { lines, offWithoutTobacco: settings.offWithoutTobacco === true };
}

/** Categories that are tobacco: anything with 烟 (卷烟, 香烟, 电子烟, 烟丝…), cigars, and the English words. */
export function isTobaccoCategory(category: string | undefined): boolean {
  if (!category) return false;
  return /烟|雪茄|tobacco|cigar/i.test(category);
}

/**
 * The lines to show on a view. `showsTobacco` undefined means the view cannot
 * tell (treated as tobacco: the law's side is the safe one).
 */
export function noticesToShow(settings: LegalNoticeSettings | undefined, showsTobacco: boolean | undefined): readonly string[] {
  let lines: readonly string[] = DEFAULT_LEGAL_NOTICES;
  try {
    if (settings) lines = checkLegalNotices(settings).lines;
  } catch {
    // A stored record that is no longer valid: the law's wording.
  }
  if (showsTobacco === false && settings?.offWithoutTobacco === true) return [];
  return lines;
}
