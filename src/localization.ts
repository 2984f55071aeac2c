/**
 * Language of the kiosk: Simplified Chinese first (the source locale of every
 * msg()), English on request. @lit/localize runtime mode: switching re-renders
 * every @localized() element in place, no reload, so a scan on screen stays.
 *
 * Workflow for new text: write msg('中文…') (str`…${x}` for values), then
 * `npx lit-localize extract` → fill the <target>s in xliff/en.xlf →
 * `npx lit-localize build` (writes src/generated/locales/en.ts).
 */
import { configureLocalization } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.ts';

export { allLocales, sourceLocale };
export type KioskLocale = (typeof allLocales)[number];

/** Where the owner's choice is remembered across reloads and reboots. */
export const LOCALE_STORAGE_KEY = 'kiosk.locale';

const runtime = configureLocalization({
  sourceLocale,
  targetLocales,
  // The English templates are a chunk of their own (about 20 KB gzip, every screen's text), loaded
  // from the terminal's own service on the first switch: selling in Chinese starts without them.
  loadLocale: async (locale) => {
    if (locale === 'en') return import('./generated/locales/en.ts');
    throw new Error(`no translations for locale ${locale}`);
  },
});

export function isKioskLocale(value: unknown): value is KioskLocale {
  return typeof value === 'string' && (allLocales as readonly string[]).includes(value);
}

export function getLocale(): KioskLocale {
  const locale = runtime.getLocale();
  return isKioskLocale(locale) ? locale : sourceLocale;
}

/** Switch the language in place and remember it. */
export async function setLocale(locale: KioskLocale): Promise<void> {
  await runtime.setLocale(locale);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage full or blocked: the switch still works until the next reload.
  }
}

/** The remembered language, or Chinese. */
export function savedLocale(): KioskLocale {
  try {
    const saved = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isKioskLocale(saved)) return saved;
  } catch {
    // Storage unavailable: fall back to the default.
  }
  return sourceLocale;
}

/** BCP 47 tag for Intl formatting (prices, times) in the current language. */
export function formattingLocale(locale: KioskLocale = getLocale()): string {
  return locale === 'en' ? 'en-US' : 'zh-CN';
}
