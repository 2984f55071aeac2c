import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/kiosk-app-banners.ts';
import type { AppNotices, KioskAppBanners, KioskAppNoticeDismissedEvent } from '../../src/components/kiosk-app-banners.ts';

const quiet: AppNotices = {
  replaced: false,
  journal: 'ok',
  persistDenied: false,
  wedgeUnsent: false,
  firstRun: false,
  noOwnerPin: false,
  visitOverdue: '',
};

describe('kiosk-app-banners', () => {
  it('shows nothing when all is well', async () => {
    const el = await fixture<KioskAppBanners>(html`<kiosk-app-banners .notices=${quiet}></kiosk-app-banners>`);
    expect(el.querySelector('kiosk-notice-stack')).to.equal(null);
  });

  it('puts the most urgent first and says what was tapped', async () => {
    const el = await fixture<KioskAppBanners>(
      html`<kiosk-app-banners .notices=${{ ...quiet, firstRun: true, noOwnerPin: true, journal: 'disk-full' }}></kiosk-app-banners>`,
    );
    expect([...el.querySelectorAll('kiosk-banner')].map((b) => b.dataset.kind)).to.deep.equal([
      'journal-disk-full',
      'first-run',
      'set-owner-pin',
    ]);
    setTimeout(() => el.querySelector<HTMLButtonElement>('button[name="demo"]')!.click());
    await oneEvent(el, 'kiosk-demo-requested');
    setTimeout(() => el.querySelector<HTMLButtonElement>('button[name="set-owner-pin"]')!.click());
    await oneEvent(el, 'kiosk-set-owner-pin');
    const banner = el.querySelector('kiosk-banner[data-kind="first-run"]')!;
    await (banner as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    setTimeout(() => banner.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click());
    const dismissed = (await oneEvent(el, 'kiosk-app-notice-dismissed')) as unknown as KioskAppNoticeDismissedEvent;
    expect(dismissed.detail).to.equal('first-run');
  });
});
