import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-order-screen.ts';
import type { KioskOrderScreen } from '../../src/screens/kiosk-order-screen.ts';
import type { KioskMonthlySupply } from '../../src/components/kiosk-monthly-supply.ts';
import { getReorderSettings, putQuota, putReorderSettings } from '../../src/data/reorder.ts';
import { addDays } from '../../src/domain/reorder/calendar.ts';
import type { DailyTotal, Product } from '../../src/domain/product.ts';
import { deep, deepText, maybeDeep } from './shadow-dom.ts';
import { ean13, freshShopWithOwner, inEnglish, putProductsAndTotals } from './shop-fixtures.ts';

const TODAY = '2025-06-10';
const ZH = `0${ean13('690100000011')}`; // 中华, ¥45 a pack = ¥450 a carton, 5 packs a day
const KL = `0${ean13('690100000012')}`; // 可乐, ¥3, 10 a day
const OLD = `0${ean13('690100000013')}`; // discontinued: not in the agreement

function product(code: string, name: string, extra: Partial<Product>): Product {
  return { code, name, priceCents: 300, unit: 'pack', stock: 500, createdAt: new Date(2025, 2, 1, 9).getTime(), updatedAt: 1, ...extra };
}

/** 90 days of steady sales straight into IndexedDB. */
async function seedShop() {
  const products = [
    product(ZH, '中华（硬）', { category: '卷烟', priceCents: 4500, costCents: 4000, packsPerCarton: 10 }),
    product(KL, '可乐', { category: '饮料', costCents: 200 }),
    product(OLD, '旧饮料', { category: '饮料', discontinued: true }),
  ];
  const totals: DailyTotal[] = [];
  for (let i = 90; i >= 1; i--) {
    const day = addDays(TODAY, -i);
    totals.push({ code: ZH, day, sold: 5, received: 5, adjusted: 0, movements: 2 });
    totals.push({ code: KL, day, sold: 10, received: 10, adjusted: 0, movements: 2 });
    totals.push({ code: OLD, day, sold: 10, received: 10, adjusted: 0, movements: 2 });
  }
  await putProductsAndTotals(products, totals);
}

async function monthPanel(screen: KioskOrderScreen): Promise<KioskMonthlySupply> {
  deep(screen, 'button[name="panel-month"]').click();
  await screen.updateComplete;
  const month = deep<KioskMonthlySupply>(screen, '[data-panel="month"] kiosk-monthly-supply');
  await waitFor(() => maybeDeep(month, 'table[data-table="bands"]') !== null, 'no agreement table', { timeout: 10_000 });
  return month;
}

describe('the monthly supply agreement (月度约定)', () => {
  freshShopWithOwner(seedShop);

  it('shows next month by category and price band, and a scarce product against its quota; prints it', async () => {
    await putReorderSettings({ ...(await getReorderSettings()), businessFormat: 'tobacco-liquor', volumeBand: 12 });
    // July: 10 cartons allowed, about 5 × 31 = 155 packs (16 cartons) expected.
    await putQuota({ code: ZH, units: 10, periodStart: '2025-07-01', periodEnd: '2025-07-31' });
    let printed = 0;
    const screen = await fixture<KioskOrderScreen>(
      html`<kiosk-order-screen today=${TODAY} .printPage=${() => printed++}></kiosk-order-screen>`,
    );
    await screen.loaded();
    const month = await monthPanel(screen);

    const header = deepText(deep(month, 'header'));
    expect(header).to.include('2025年7月').and.include('烟酒商店').and.include('12 档');
    const bands = [...month.shadowRoot!.querySelectorAll<HTMLElement>('table[data-table="bands"] tr[data-band]')];
    expect(bands.map((r) => [r.dataset['category'], r.dataset['band']])).to.deep.equal([
      ['卷烟', 'carton-3'],
      ['饮料', 'pack-0'],
    ]);
    expect(deepText(bands[0]!)).to.include('¥300–500/条');
    const cartons = Number(/(\d+) 条/.exec(deepText(bands[0]!))![1]);
    expect(cartons).to.be.within(13, 18);
    const cola = Number(/(\d+) 盒/.exec(deepText(bands[1]!))![1]);
    // 可乐 only: the discontinued drink is not in the month.
    expect(cola).to.be.within(250, 370);

    const scarce = deep(month, 'table[data-table="scarce"] tr[data-code]');
    expect(scarce.dataset['code']).to.equal(ZH);
    expect(scarce.hasAttribute('data-gap-over')).to.equal(true);
    expect(deepText(scarce)).to.include('中华（硬）').and.include('10').and.include('缺');

    deep(month, 'button[name="print-agreement"]').click();
    expect(printed).to.equal(1);
    // On paper it is the agreement, not the week's order.
    expect(maybeDeep(screen, 'kiosk-order-printout')).to.equal(null);
  });

  it('says the cartons in English as cartons (“条” is also the feedback records’ word, a different message)', async () => {
    await inEnglish(async () => {
      const screen = await fixture<KioskOrderScreen>(html`<kiosk-order-screen today=${TODAY}></kiosk-order-screen>`);
      await screen.loaded();
      const month = await monthPanel(screen);
      const cigarettes = deepText(deep(month, 'table[data-table="bands"] tr[data-band="carton-3"]'));
      expect(cigarettes).to.match(/\d+ cartons/);
      expect(cigarettes).not.to.include('records');
      expect(cigarettes).to.include('¥300–500/carton');
    });
  });

  it('the volume band is set in the settings and shown; without it the agreement says where to set it', async () => {
    const screen = await fixture<KioskOrderScreen>(html`<kiosk-order-screen today=${TODAY}></kiosk-order-screen>`);
    await screen.loaded();
    let month = await monthPanel(screen);
    expect(deepText(deep(month, 'header'))).to.include('档位：未填');
    expect(deepText(month)).to.include('这个月没有设配额的商品');

    deep(screen, 'button[name="panel-settings"]').click();
    await screen.updateComplete;
    const band = deep<HTMLInputElement>(screen, 'kiosk-order-settings', 'input[name="band"]');
    band.value = '31';
    band.dispatchEvent(new Event('input'));
    deep(screen, 'kiosk-order-settings', 'button[name="save-settings"]').click();
    await screen.updateComplete;
    await waitFor(() => deepText(deep(screen, 'kiosk-order-settings')).includes('档位要填 1 到 30 的整数'), 'no band error');
    band.value = '7';
    band.dispatchEvent(new Event('input'));
    deep(screen, 'kiosk-order-settings', 'button[name="save-settings"]').click();
    await waitFor(async () => (await getReorderSettings()).volumeBand === 7, 'band not saved', { timeout: 5000 });
    await screen.loaded();
    month = await monthPanel(screen);
    await waitFor(() => deepText(deep(month, 'header')).includes('7 档'), 'band not shown', { timeout: 10_000 });
  });
});
