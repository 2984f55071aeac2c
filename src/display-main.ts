/**
 * Boot of the customer display page (/display): the customer's screen, sealed.
 * It imports nothing of the counter's screens, so no owner screen can be reached
 * from it; the browser's own ways out (context menu, pinch zoom, back) are shut here.
 */
import { savedLocale, setLocale, sourceLocale } from './localization.ts';
import './kiosk-display-app.ts';

const locale = savedLocale();
document.documentElement.lang = locale;
if (locale !== sourceLocale) {
  setLocale(locale).catch((error: unknown) => {
    console.error('display: could not load the saved language; staying in Chinese', error);
  });
}

const stop = (event: Event) => event.preventDefault();
document.addEventListener('contextmenu', stop);
document.addEventListener('selectstart', stop);
document.addEventListener('dragstart', stop);
// Pinch zoom arrives as ctrl+wheel on a touchpad and as gesture events on touch screens.
document.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), { passive: false });
document.addEventListener('gesturestart', stop);
document.addEventListener('touchmove', (event) => event.touches.length > 1 && event.preventDefault(), { passive: false });
document.addEventListener('keydown', (event) => {
  // Zoom keys and the browser's back/forward keys.
  if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0'].includes(event.key)) event.preventDefault();
  if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) event.preventDefault();
  if (event.key === 'BrowserBack' || event.key === 'BrowserForward') event.preventDefault();
});
// Back navigation: stay on this page.
history.pushState(null, '', location.href);
window.addEventListener('popstate', () => history.pushState(null, '', location.href));
