/**
 * Boot: pick the remembered language (Chinese unless the owner chose
 * English), then start the app. The app is defined before the language is
 * loaded so the counter is up at once; it re-renders in place when English arrives.
 */
import { savedLocale, setLocale, sourceLocale } from './localization.ts';
import './kiosk-app.ts';
import { startBackupSchedule } from './backup-schedule.ts';

const locale = savedLocale();
document.documentElement.lang = locale;
if (locale !== sourceLocale) {
  setLocale(locale).catch((error: unknown) => {
    console.error('could not load the saved language; staying in Chinese', error);
  });
}

startBackupSchedule();
