import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/components/kiosk-notice-stack.ts';
import '../../src/components/kiosk-banner.ts';
import type { KioskNoticeStack } from '../../src/components/kiosk-notice-stack.ts';

const shown = (el: Element) => el.getClientRects().length > 0;

describe('kiosk-notice-stack', () => {
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  async function stack(): Promise<KioskNoticeStack> {
    const el = await fixture<KioskNoticeStack>(
      html`<kiosk-notice-stack>
        <kiosk-banner tone="warn" data-kind="a">第一条</kiosk-banner>
        <kiosk-banner tone="info" data-kind="b">第二条</kiosk-banner>
        <kiosk-banner tone="info" data-kind="c">第三条</kiosk-banner>
      </kiosk-notice-stack>`,
    );
    await el.updateComplete;
    return el;
  }

  it('on a short screen shows the first banner and a count that opens and closes the others', async () => {
    await setViewport({ width: 800, height: 480 });
    const el = await stack();
    const banners = [...el.querySelectorAll('kiosk-banner')];
    expect(banners.map(shown)).to.deep.equal([true, false, false]);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('button[name="more-notices"]')!;
    expect(shown(more)).to.equal(true);
    expect(more.textContent).to.contain('2');
    more.click();
    await el.updateComplete;
    expect(banners.map(shown)).to.deep.equal([true, true, true]);
    more.click();
    await el.updateComplete;
    expect(banners.map(shown)).to.deep.equal([true, false, false]);
  });

  it('on a tall screen shows every banner and no count', async () => {
    await setViewport({ width: 1280, height: 800 });
    const el = await stack();
    expect([...el.querySelectorAll('kiosk-banner')].map(shown)).to.deep.equal([true, true, true]);
    const more = el.shadowRoot!.querySelector('button[name="more-notices"]');
    expect(more === null || !shown(more)).to.equal(true);
  });

  it('has no count for a single banner', async () => {
    await setViewport({ width: 800, height: 480 });
    const el = await fixture<KioskNoticeStack>(
      html`<kiosk-notice-stack><kiosk-banner data-kind="a">一条</kiosk-banner></kiosk-notice-stack>`,
    );
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button[name="more-notices"]')).to.equal(null);
  });
});
