/**
 * Boot as in index.html: <kiosk-app> is in the page before its module loads,
 * so defining the element upgrades an existing instance. That instance must
 * follow language switches too, and the remembered language must be used.
 */
import { expect } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { LOCALE_STORAGE_KEY } from '../../src/localization.ts';
import { deep, deepText } from './shadow-dom.ts';

describe('boot (src/main.ts)', () => {
  let app: HTMLElement;

  before(async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    app = document.createElement('kiosk-app');
    document.body.append(app);
    expect(customElements.get('kiosk-app')).to.equal(undefined);
    await import('../../src/main.ts');
  });

  after(() => {
    app.remove();
    localStorage.removeItem(LOCALE_STORAGE_KEY);
  });

  it('upgrades the page’s <kiosk-app> in the remembered language', async () => {
    await waitFor(() => deepText(app).includes('Counter terminal'), `not English: ${deepText(app).slice(0, 200)}`, {
      timeout: 5000,
    });
    expect(document.documentElement.lang).to.equal('en');
  });

  it('switches that pre-existing instance back to Chinese in place', async () => {
    // Let start-up settle: other state changes (storage permission, connection
    // attempts) re-render the app too and could hide a missing language hook.
    await new Promise((r) => setTimeout(r, 500));
    const zh = deep(app, 'kiosk-top-bar', 'kiosk-language-switch', 'button[data-locale="zh-Hans"]');
    zh.click();
    // The switch re-renders itself once the language is loaded…
    await waitFor(() => zh.getAttribute('aria-pressed') === 'true', 'switch did not change', { timeout: 5000 });
    // …and the app must have re-rendered in the same turn, not on some later change.
    await (app as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(deep(app, 'kiosk-top-bar', 'h1').textContent).to.equal('柜台终端');
    expect(deepText(app)).to.include('请扫描商品条码');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).to.equal('zh-Hans');
  });
});
