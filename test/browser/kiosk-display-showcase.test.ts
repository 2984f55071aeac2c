import { expect } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { getDb } from '../../src/data/db.ts';
import { getProduct } from '../../src/data/products.ts';
import { importPicture } from '../../src/data/pictures.ts';
import { getInterest, listDisplayProducts, putDisplayPlan, putLegalNotices } from '../../src/data/display.ts';
import { NotAllowedError, forgetSessionForTests } from '../../src/data/roles.ts';
import { localDay } from '../../src/domain/product.ts';
import { deep, deepText, maybeDeep } from './shadow-dom.ts';
import { drawPicture, ean13, freshShopWithOwner, makeScan, openOwnerSession } from './shop-fixtures.ts';
import { FakeService } from './fakes.ts';
import { mountDisplay, seedDisplayProducts, shownCode } from './display-helpers.ts';
import { rejection } from '../helpers/rejection.ts';

const A = ean13('690200500601');
const B = ean13('690200500602');
const C = ean13('690200500603');
const COLA = ean13('690200500604');
const D = ean13('690200500605');
const code = (ean: string) => `0${ean}`;

/** Four cigarettes (two brands, one price band) and a drink; 77 packs each. */
function seed() {
  const rows = [
    { ean: A, name: '黄鹤楼（天下名楼）', priceCents: 2500, isNew: true, brand: '黄鹤楼', category: '卷烟' },
    { ean: B, name: '黄鹤楼（硬珍品）', priceCents: 1850, isNew: true, brand: '黄鹤楼', category: '卷烟' },
    { ean: C, name: '玉溪（软）', priceCents: 2300, isNew: false, brand: '玉溪', category: '卷烟' },
    { ean: D, name: '中华（硬）', priceCents: 4500, isNew: false, brand: '中华', category: '卷烟' },
    { ean: COLA, name: '可乐 330ml', priceCents: 300, isNew: false, brand: '可口可乐', category: '饮料' },
  ];
  return seedDisplayProducts(
    rows.map((row) => ({ ...row, extra: { brandStory: `${row.brand}的故事`, specs: '20支/盒' } })),
    77,
  );
}

const today = () => localDay(Date.now());
const dayOffset = (days: number) => localDay(Date.now() + days * 86_400_000);

describe('customer display: plan, pictures, scan-to-see, interest, notices', () => {
  freshShopWithOwner();
  beforeEach(seed);

  it('the plan chooses the products, their order and their days; without a plan the new products show', async () => {
    expect((await listDisplayProducts()).map((p) => p.code)).to.deep.equal([code(A), code(B)]);
    await putDisplayPlan({
      entries: [
        { code: code(D) },
        { code: code(COLA), until: dayOffset(-1) },
        { code: code(C), from: today(), until: today() },
        { code: code(A), from: dayOffset(1) },
      ],
    });
    expect((await listDisplayProducts()).map((p) => p.code)).to.deep.equal([code(D), code(C)]);
    expect((await listDisplayProducts(dayOffset(1))).map((p) => p.code)).to.deep.equal([code(D), code(A)]);

    const el = await mountDisplay({ cycleMs: 120 });
    const seen: string[] = [];
    await waitFor(
      () => {
        const shown = shownCode(el);
        if (shown && seen.at(-1) !== shown) seen.push(shown);
        return seen.length >= 3;
      },
      'the loop did not move on',
      { timeout: 3000 },
    );
    expect(seen.slice(0, 3)).to.deep.equal([code(D), code(C), code(D)]);
  });

  it('an open display follows the owner’s changes at once: a new plan, a new picture, new notice wording', async () => {
    const el = await mountDisplay();
    expect(shownCode(el)).to.equal(code(A));
    await putDisplayPlan({ entries: [{ code: code(C) }] });
    await waitFor(() => shownCode(el) === code(C), 'the display kept the old list', { timeout: 8_000 });
    expect(maybeDeep(el, 'img[data-kind="picture"]')).to.equal(null);
    await importPicture(C, await drawPicture(300, 200));
    await waitFor(() => maybeDeep(el, 'img[data-kind="picture"]') !== null, 'the new picture did not show', { timeout: 8_000 });
    await putLegalNotices({ lines: ['本店禁止向未成年人出售烟草'], offWithoutTobacco: false });
    await waitFor(() => deepText(deep(el, 'footer[data-kind="legal"]')).includes('本店禁止向未成年人出售烟草'), 'old wording stayed', {
      timeout: 10_000,
    });
  });

  it('arranging the display is the owner’s or the rep’s: nobody signed in saves nothing', async () => {
    forgetSessionForTests();
    expect(await rejection(putDisplayPlan({ entries: [{ code: code(C) }] }))).to.be.instanceOf(NotAllowedError);
    expect((await listDisplayProducts()).map((p) => p.code)).to.deep.equal([code(A), code(B)]);
  });

  it('the loop shows each product’s picture, 规格 and 品牌故事, and holds the pictures of the shown and next product only', async () => {
    const codes = [A, B, C, D, COLA];
    for (const ean of codes) await importPicture(ean, await drawPicture(1600, 1200));
    await putDisplayPlan({ entries: codes.map((ean) => ({ code: code(ean) })) });
    const revoked: string[] = [];
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      revoke(url);
    };
    try {
      const el = await mountDisplay({ cycleMs: 150 });
      const pictured = new Set<string>();
      let mostHeld = 0;
      await waitFor(
        () => {
          mostHeld = Math.max(mostHeld, el.pictures.heldCount);
          const img = maybeDeep(el, 'article[data-kind="new-product"] img[data-kind="picture"]') as HTMLImageElement | null;
          const shown = shownCode(el);
          if (img && shown && img.src.startsWith('blob:') && img.complete && img.naturalWidth === 1280) pictured.add(shown);
          return pictured.size === codes.length;
        },
        'not every product showed its picture',
        { timeout: 6000, interval: 20 },
      );
      expect(mostHeld).to.be.at.most(2);
      // Each picture's memory: 1280×960 RGBA, two at most, whatever the length of the loop.
      expect(el.pictures.peakDecodedBytes).to.be.at.most(2 * 1280 * 960 * 4);
      expect(revoked.length).to.be.at.least(codes.length - 2);
      const text = deepText(deep(el, 'main'));
      expect(text).to.include('20支/盒').and.include('的故事');
      el.remove();
      await waitFor(() => el.pictures.heldCount === 0, 'pictures held after the display went away', { timeout: 8_000 });
    } finally {
      URL.revokeObjectURL = revoke;
    }
  });

  it('scan-to-see: brand story, same brand, same price band (other brands), never the stock', async () => {
    const el = await mountDisplay();
    await el.lookUp({ code: code(C) });
    await el.updateComplete;
    expect(el.view).to.equal('card');
    const text = deepText(deep(el, 'main'));
    expect(text).to.include('玉溪（软）').and.include('玉溪的故事').and.include('20支/盒');
    expect(text).to.not.include('77');
    // ¥23 a pack is a ¥230 carton: the same band (¥200–300) as 天下名楼 (¥250); 硬珍品 (¥185) and 中华 (¥450) are not.
    const band = deepText(deep(el, '[data-kind="same-price-band"]'));
    expect(band).to.include('天下名楼').and.not.include('硬珍品').and.not.include('中华').and.not.include('可乐');
    expect(maybeDeep(el, '[data-kind="same-brand"]')).to.equal(null);
  });

  it('display-scanner scans count as interest per product and day, shown to the owner; unknown codes are not counted', async () => {
    FakeService.last = undefined;
    const el = await mountDisplay({ listen: true });
    await waitFor(() => FakeService.last !== undefined, 'no socket opened', { timeout: 8_000 });
    const service = FakeService.last!;
    service.accept();
    service.deliver({
      type: 'scans',
      scans: [makeScan(C, { scannerId: 'display' }), makeScan(C, { scannerId: 'display' }), makeScan(A, { scannerId: 'display' })],
    });
    service.deliver({ type: 'scans', scans: [makeScan('6999999999994', { scannerId: 'display' })] });
    await waitFor(async () => (await (await getDb()).count('interest')) === 2, 'interest not counted', { timeout: 8_000 });
    await waitFor(async () => ((await (await getDb()).get('interest', [code(C), today()]))?.scans ?? 0) === 2, 'C not counted twice', {
      timeout: 10_000,
    });
    expect(el.view).to.be.oneOf(['card', 'not-found']);
    const rows = await getInterest({ from: today(), to: today() });
    expect(rows).to.deep.equal([
      { code: code(C), name: '玉溪（软）', scans: 2 },
      { code: code(A), name: '黄鹤楼（天下名楼）', scans: 1 },
    ]);
    expect((await getProduct(code(C)))!.stock).to.equal(77);
    forgetSessionForTests();
    let error: unknown;
    try {
      await getInterest({ from: today(), to: today() });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(NotAllowedError);
    await openOwnerSession();
  });

  it('the owner’s notice wording is shown; switched off, it still shows wherever tobacco is on screen', async () => {
    await putLegalNotices({ lines: ['吸烟有害健康，请勿在店内吸烟', '未满十八周岁禁止购买烟草'], offWithoutTobacco: true });
    const el = await mountDisplay();
    expect(shownCode(el)).to.equal(code(A));
    const footer = () => maybeDeep(el, 'footer[data-kind="legal"]');
    expect(deepText(footer()!)).to.include('请勿在店内吸烟').and.include('未满十八周岁禁止购买烟草');
    // A drink's card with no tobacco beside it: off, as the owner chose.
    await (
      await getDb()
    ).put('settings', { key: 'report-price-bands', cartonLimitsCents: [10_000], packLimitsCents: [100, 200], updatedAt: 0 });
    await el.lookUp({ code: code(COLA) });
    await el.updateComplete;
    expect(el.view).to.equal('card');
    expect(footer()).to.equal(null);
    await el.lookUp({ code: code(C) });
    await el.updateComplete;
    expect(deepText(footer()!)).to.include('请勿在店内吸烟');
  });
});
