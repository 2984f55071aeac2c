import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { setViewport } from '@web/test-runner-commands';
import '../../src/kiosk-display-app.ts';
import type { KioskDisplayApp } from '../../src/kiosk-display-app.ts';
import '../../src/kiosk-app.ts';
import { MODE_STORAGE_KEY, type KioskApp } from '../../src/kiosk-app.ts';
import type { KioskPinGate } from '../../src/screens/kiosk-pin-gate.ts';
import type { KioskFeedbackFaces } from '../../src/components/kiosk-feedback-faces.ts';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { getProduct } from '../../src/data/products.ts';
import { lookupBarcode } from '../../src/data/barcodes.ts';
import { addScanToBasket, getOpenSession, openSession, voidSession } from '../../src/data/sessions.ts';
import { closeSale } from '../../src/data/basket-closing.ts';
import { OPEN_SALE_SIGNAL_MS } from '../../src/data/sale-signal.ts';
import { countScans } from '../../src/data/scans.ts';
import { canDo, forgetSessionForTests } from '../../src/data/roles.ts';
import { setLocale } from '../../src/localization.ts';
import { mountDisplay, seedDisplayProducts, shownCode } from './display-helpers.ts';
import { deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { ean13, makeScan, openOwnerSession, TEST_OWNER_PIN } from './shop-fixtures.ts';
import { FakeService } from './fakes.ts';

const NEW_A = ean13('690200300401');
const NEW_B = ean13('690200300402');
const OLD_C = ean13('690200300403');
const OTHER = ean13('690200300404');

/** Three products of 黄鹤楼 (two of them new) and one of another brand, 99 packs each. */
function seed() {
  return seedDisplayProducts(
    [
      { ean: NEW_A, name: '黄鹤楼（天下名楼）', priceCents: 2500, isNew: true, brand: '黄鹤楼', category: '卷烟' },
      { ean: NEW_B, name: '黄鹤楼（硬珍品）', priceCents: 1850, isNew: true, brand: '黄鹤楼', category: '卷烟' },
      { ean: OLD_C, name: '黄鹤楼（软蓝）', priceCents: 1900, isNew: false, brand: '黄鹤楼', category: '卷烟' },
      { ean: OTHER, name: '可乐 330ml', priceCents: 300, isNew: false, brand: '可口可乐', category: '饮料' },
    ],
    99,
  );
}

/** The display on the whole screen in `locale`, its loop slowed to a minute a product. */
async function fullScreenDisplay(locale: 'zh-Hans' | 'en'): Promise<KioskDisplayApp> {
  await setLocale(locale);
  const el = await fixture<KioskDisplayApp>(
    html`<kiosk-display-app style="position:fixed;inset:0" .cycleMs=${60_000}></kiosk-display-app>`,
  );
  await el.ready;
  await el.updateComplete;
  return el;
}

describe('kiosk-display-app (the customer display)', () => {
  beforeEach(async () => {
    forgetProducts();
    forgetSessionForTests();
    await deleteKioskDb();
    await seed();
  });
  afterEach(async () => {
    await setLocale('zh-Hans');
    await closeDb();
  });

  it('loops through the new products only: name, brand, category, price in cents, never the stock; legal notices on screen', async () => {
    const el = await mountDisplay({ cycleMs: 150 });
    expect(el.view).to.equal('loop');
    const seen = new Set<string>();
    await waitFor(
      () => {
        const code = shownCode(el);
        if (code) seen.add(code);
        return seen.size >= 2;
      },
      'the loop did not move on',
      { timeout: 3000 },
    );
    expect([...seen].sort()).to.deep.equal([`0${NEW_A}`, `0${NEW_B}`].sort());
    await waitFor(() => shownCode(el) === `0${NEW_A}`, 'never showed 天下名楼', { timeout: 3000 });
    const text = deepText(el);
    expect(text).to.include('黄鹤楼（天下名楼）').and.include('黄鹤楼').and.include('卷烟').and.include('¥25.00');
    expect(text).to.not.include('99');
    expect(text).to.not.include('软蓝');
    expect(deepText(deep(el, 'footer[data-kind="legal"]')))
      .to.include('吸烟有害健康')
      .and.include('不向未成年人出售烟草制品');
    // The idle screen hosts the customers' one-tap feedback.
    expect(maybeDeep(el, '[data-kind="feedback-slot"] kiosk-feedback-faces')).to.not.equal(null);
  });

  it('a display scan shows the card with same-brand products, then the loop returns after the idle time', async () => {
    const el = await mountDisplay({ cardMs: 300 });
    await el.lookUp({ code: `0${OLD_C}` });
    await el.updateComplete;
    expect(el.view).to.equal('card');
    const card = deepText(deep(el, 'main'));
    expect(card).to.include('黄鹤楼（软蓝）').and.include('¥19.00');
    expect(deepText(deep(el, '[data-kind="same-brand"]')))
      .to.include('天下名楼')
      .and.include('硬珍品')
      .and.not.include('可乐');
    expect(deepText(el)).to.include('吸烟有害健康');
    await waitFor(() => el.view === 'loop', 'the card never went back to the loop', { timeout: 3000 });
    await el.lookUp({ code: '06999999999999' });
    await el.updateComplete;
    expect(el.view).to.equal('not-found');
  });

  it('a display-role scan through the socket is a look-up only: no basket, stock or stored scan changes', async () => {
    FakeService.last = undefined;
    const sale = await openSession('sale');
    const found = (await lookupBarcode(`0${NEW_A}`))!;
    await addScanToBasket(sale.id, found);
    const basketBefore = (await getOpenSession('sale'))!.basket;
    const scansBefore = await countScans();
    const el = await fixture<KioskDisplayApp>(
      html`<kiosk-display-app
        listen
        .cardMs=${60_000}
        .streamOptions=${{ url: 'ws://kiosk.test/scans', WebSocket: FakeService }}
      ></kiosk-display-app>`,
    );
    await waitFor(() => FakeService.last !== undefined, 'no socket opened');
    const service = FakeService.last!;
    service.accept();
    expect(service.sent[0]).to.deep.equal({ type: 'subscribe', role: 'display' });
    const scan = makeScan(OLD_C, { scannerId: 'display' });
    service.deliver({ type: 'scans', scans: [scan] });
    await waitFor(() => el.view === 'card', 'the scan showed no card');
    await waitFor(() => service.sent.some((m) => m.type === 'ack' && m.ids.includes(scan.id)), 'the look-up was not acknowledged');
    expect((await getOpenSession('sale'))!.basket).to.deep.equal(basketBefore);
    expect((await getProduct(`0${OLD_C}`))!.stock).to.equal(99);
    expect((await getProduct(`0${NEW_A}`))!.stock).to.equal(99);
    expect(await countScans()).to.equal(scansBefore);
  });

  it('shows the open sale live as the counter scans, 谢谢惠顾 after closing, then the loop again', async () => {
    const el = await mountDisplay({ thanksMs: 300 });
    expect(el.view).to.equal('loop');
    const sale = await openSession('sale');
    await addScanToBasket(sale.id, (await lookupBarcode(`0${NEW_A}`))!);
    await waitFor(() => el.view === 'sale', 'the sale did not show');
    await addScanToBasket(sale.id, (await lookupBarcode(`0${NEW_A}`))!);
    await addScanToBasket(sale.id, (await lookupBarcode(`0${OTHER}`))!);
    await waitForText(el, '¥53.00');
    const lines = deepText(deep(el, '[data-kind="sale-lines"]'));
    expect(lines).to.include('黄鹤楼（天下名楼）').and.include('× 2').and.include('¥50.00').and.include('可乐 330ml');
    await closeSale(sale.id);
    await waitFor(() => el.view === 'thanks', 'no thanks after closing');
    expect(deepText(el)).to.include('谢谢惠顾').and.include('¥53.00');
    await waitFor(() => el.view === 'loop', 'the thanks never went back to the loop', { timeout: 3000 });

    // A voided sale goes straight back to the loop, without thanks.
    const next = await openSession('sale');
    await addScanToBasket(next.id, (await lookupBarcode(`0${OTHER}`))!);
    await waitFor(() => el.view === 'sale');
    await voidSession(next.id);
    await waitFor(() => el.view === 'loop', 'a voided sale stayed on screen');
  });

  it('another page hears the sale change on the BroadcastChannel', async () => {
    const heard: unknown[] = [];
    const channel = new BroadcastChannel('shop-terminal-sale');
    channel.onmessage = (event) => heard.push(event.data);
    try {
      const sale = await openSession('sale');
      await addScanToBasket(sale.id, (await lookupBarcode(`0${NEW_A}`))!);
      // Opening and the scan come within one interval of the open sale's signal: at least one message, the last after the scan.
      const line = { type: 'sale-changed', sessionId: sale.id, status: 'open' };
      await waitFor(() => heard.length >= 1, 'no message on the channel');
      await new Promise((resolve) => setTimeout(resolve, OPEN_SALE_SIGNAL_MS + 50));
      expect(heard.at(-1)).to.include(line);
      await closeSale(sale.id);
      await waitFor(() => (heard.at(-1) as { status?: string }).status === 'closed', 'the close was not heard');
    } finally {
      channel.close();
    }
  });

  for (const [width, height] of [
    [1920, 1080],
    [800, 480],
  ] as const) {
    it(`fits ${width}×${height} in both languages: price, notices and sale total in view`, async () => {
      await setViewport({ width, height });
      for (const locale of ['zh-Hans', 'en'] as const) {
        const el = await fullScreenDisplay(locale);
        const inView = (selector: string) => {
          const r = deep(el, selector).getBoundingClientRect();
          expect(r.width, selector).to.be.greaterThan(0);
          expect(
            r.top >= 0 && r.bottom <= height && r.left >= 0 && r.right <= width,
            `${selector} in view at ${width}×${height} ${locale}`,
          ).to.equal(true);
        };
        inView('[data-kind="price"]');
        inView('footer[data-kind="legal"]');
        // The law's Chinese wording stays in English too, with the English below it.
        const legal = deepText(deep(el, 'footer[data-kind="legal"]'));
        expect(legal).to.include('吸烟有害健康').and.include('不向未成年人出售烟草制品');
        if (locale === 'en') expect(legal).to.include('Smoking is harmful to your health');
        expect(deepText(el)).to.include(locale === 'en' ? 'New products' : '新品推荐');
        const sale = await openSession('sale');
        for (let i = 0; i < 12; i++) await addScanToBasket(sale.id, (await lookupBarcode(`0${i % 2 ? NEW_A : OTHER}`))!);
        await waitFor(() => el.view === 'sale');
        await el.updateComplete;
        inView('[data-kind="sale-total"]');
        inView('footer[data-kind="legal"]');
        await voidSession(sale.id);
        el.remove();
      }
    });
  }
});

describe('the customer display’s questions fit small screens', () => {
  const STORY = '始创于安徽，取黄山松烟之意，选用皖南优质烟叶，口感醇和，回味悠长，是本地老烟民的心头好，也是待客送礼的体面之选。';
  beforeEach(async () => {
    forgetProducts();
    await deleteKioskDb();
    // The only new product: a long name, specs and a four-line brand story, the tallest card the loop shows.
    await seedDisplayProducts(
      [
        {
          ean: NEW_A,
          name: '黄山（新制皖烟）细支',
          priceCents: 2500,
          isNew: true,
          brand: '黄山',
          category: '卷烟',
          extra: { specs: '焦油量 10mg · 20支/盒', brandStory: STORY },
        },
      ],
      9,
    );
  });
  afterEach(async () => {
    await setLocale('zh-Hans');
    await closeDb();
    await setViewport({ width: 800, height: 600 });
  });

  for (const [width, height] of [
    [800, 480],
    [1024, 600],
    [1920, 1080],
  ] as const) {
    it(`${width}×${height}, both languages: the faces, the complaint chooser and the NPS question lie above the law’s footer`, async () => {
      await setViewport({ width, height });
      for (const locale of ['zh-Hans', 'en'] as const) {
        const el = await fullScreenDisplay(locale);
        const faces = deep<KioskFeedbackFaces>(el, 'kiosk-feedback-faces');
        let now = 0;
        faces.clock = () => now;
        const problems: string[] = [];
        const check = (step: string) => {
          const footer = deep(el, 'footer[data-kind="legal"]').getBoundingClientRect();
          const buttons = [...faces.shadowRoot!.querySelectorAll('button')];
          if (buttons.length === 0) problems.push(`${locale} ${step}: no buttons`);
          for (const button of buttons) {
            const r = button.getBoundingClientRect();
            if (r.top < 0 || r.bottom > footer.top + 0.5 || r.left < 0 || r.right > width + 0.5)
              problems.push(
                `${locale} ${step}: “${button.textContent?.trim()}” at ${Math.round(r.top)}–${Math.round(r.bottom)}, the footer at ${Math.round(footer.top)}`,
              );
          }
        };
        const tap = async (selector: string) => {
          deep(faces, selector).click();
          await faces.settled();
          await el.updateComplete;
        };
        check('faces');
        // The card may give way to the questions, but never its name and price.
        const card = deep(el, '.showcase').getBoundingClientRect();
        for (const part of ['.showcase .name', '.showcase .price']) {
          const r = deep(el, part).getBoundingClientRect();
          if (r.top < card.top - 0.5 || r.bottom > card.bottom + 0.5) problems.push(`${locale}: ${part} cut by the card`);
        }
        await tap('button[data-face="very-dissatisfied"]');
        expect(faces.step).to.equal('complaint');
        check('complaint');
        await tap('button[data-action="done"]');
        // Votes from customers a window apart, until the NPS question is due.
        for (let i = 0; i < 20 && faces.step !== 'nps'; i++) {
          now += 60_000;
          if (faces.step === 'thanks') await tap('[data-state="thanks"]');
          if (faces.step === 'faces') await tap('button[data-face="satisfied"]');
        }
        expect(faces.step).to.equal('nps');
        check('nps');
        expect(problems, problems.join('\n')).to.deep.equal([]);
        el.remove();
      }
    });
  }
});

describe('customer mode on a one-screen terminal', () => {
  beforeEach(async () => {
    localStorage.setItem(MODE_STORAGE_KEY, 'sell');
    forgetProducts();
    forgetSessionForTests();
    await deleteKioskDb();
    await seed();
  });
  afterEach(async () => {
    await closeDb();
  });

  it('covers the counter with the display; leaving needs the owner PIN', async () => {
    // The owner is signed in when handing the screen over: customer mode signs out.
    await openOwnerSession();
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    deep<HTMLButtonElement>(app, 'kiosk-top-bar', 'button[name="customer-mode"]').click();
    await app.updateComplete;
    expect(app.customerMode).to.equal(true);
    await waitFor(() => !canDo('leave-customer-mode'), 'the owner stayed signed in in customer mode');
    const overlay = deep(app, '[data-kind="customer-mode"]');
    expect(maybeDeep(overlay, 'kiosk-display-app')).to.not.equal(null);
    expect(getComputedStyle(overlay).position).to.equal('fixed');

    // Leaving: the PIN pad asks; cancel keeps the customer's screen.
    deep<HTMLButtonElement>(app, 'button[name="leave-customer-mode"]').click();
    const gate = deep<KioskPinGate>(app, 'kiosk-pin-gate');
    await waitFor(() => gate.shadowRoot?.querySelector('[data-view="owner"]'), 'the pad never asked for the owner', { timeout: 5000 });
    deep(gate, 'button[name="cancel"]').click();
    await waitFor(() => !gate.shadowRoot?.querySelector('[data-view="owner"]'), 'the pad stayed');
    await app.updateComplete;
    expect(app.customerMode).to.equal(true);
    expect(canDo('leave-customer-mode')).to.equal(false);

    // The owner's PIN lets the counter back.
    deep<HTMLButtonElement>(app, 'button[name="leave-customer-mode"]').click();
    await waitFor(() => gate.shadowRoot?.querySelector('[data-view="owner"]'), 'the pad never asked for the owner', { timeout: 5000 });
    for (const digit of TEST_OWNER_PIN) deep(gate, 'kiosk-pin-pad', 'kiosk-keypad', `button[data-key="${digit}"]`).click();
    await (deep(gate, 'kiosk-pin-pad') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    deep<HTMLButtonElement>(gate, 'kiosk-pin-pad', 'button[name="ok"]').click();
    await waitFor(() => !app.customerMode, 'the owner PIN did not leave customer mode', { timeout: 5000 });
    await app.updateComplete;
    expect(maybeDeep(app, '[data-kind="customer-mode"]')).to.equal(null);
  });
});
