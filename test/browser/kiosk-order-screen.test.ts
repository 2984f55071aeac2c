import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import type { LitElement } from 'lit';
import '../../src/screens/kiosk-order-screen.ts';
import type { KioskOrderScreen } from '../../src/screens/kiosk-order-screen.ts';
import { getQuotas, getReorderInputs, getReorderSettings } from '../../src/data/reorder.ts';
import { addDays } from '../../src/domain/reorder/calendar.ts';
import { getOrderDraft, getPlacedOrders } from '../../src/data/orders.ts';
import type { DailyTotal, Product } from '../../src/domain/product.ts';
import { deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { ean13, freshShopWithOwner, inEnglish, makeScan, putProductsAndTotals } from './shop-fixtures.ts';

const TODAY = '2025-06-10'; // a Tuesday; the default order day is Monday
const A_EAN = ean13('690100000001');
const A = `0${A_EAN}`; // sells about 5 packs a day, cartons of 10
const B = `0${ean13('690100000002')}`; // never sells, plenty on the shelf
const C = `0${ean13('690100000003')}`; // the book says -3: count before ordering

function product(code: string, name: string, extra: Partial<Product>): Product {
  return {
    code,
    name,
    priceCents: 2500,
    unit: 'pack',
    stock: 0,
    createdAt: new Date(2025, 3, 10, 9).getTime() /* 61 days before TODAY: the opening day */,
    updatedAt: 1,
    ...extra,
  };
}

/** 60 days of history straight into IndexedDB, consistent with each product's current stock. */
async function seedShop() {
  const products = [
    product(A, '中华（软）', { stock: 20, packsPerCarton: 10, costCents: 2200 }),
    product(B, '冷门烟', { stock: 100, packsPerCarton: 10, costCents: 1500 }),
    product(C, '红塔山', { stock: -3, costCents: 900 }),
  ];
  const totals: DailyTotal[] = [];
  let soldA = 0;
  for (let i = 60; i >= 1; i--) {
    const day = addDays(TODAY, -i);
    const sold = 4 + (i % 3); // 4, 5, 6, …
    soldA += sold;
    totals.push({ code: A, day, sold, received: 0, adjusted: 0, movements: sold });
    if (i % 2 === 0) totals.push({ code: C, day, sold: 1, received: 0, adjusted: 0, movements: 1 });
  }
  // Opening stock on the first day, so that walking back from today's stock never goes below zero for A.
  const first = addDays(TODAY, -61);
  totals.push({ code: A, day: first, sold: 0, received: 0, adjusted: 20 + soldA, movements: 1 });
  totals.push({ code: B, day: first, sold: 0, received: 0, adjusted: 100, movements: 1 });
  totals.push({ code: C, day: first, sold: 0, received: 0, adjusted: 27, movements: 1 });
  await putProductsAndTotals(products, totals);
}

async function openScreen(): Promise<KioskOrderScreen> {
  const screen = await fixture<KioskOrderScreen>(html`<kiosk-order-screen today=${TODAY}></kiosk-order-screen>`);
  await screen.loaded();
  await screen.updateComplete;
  return screen;
}

function row(screen: KioskOrderScreen, code: string): HTMLElement {
  return deep(screen, 'kiosk-order-lines', `button.line[data-code="${code}"]`);
}

/** The screen and the line's numbers (with the keypad when it is open) rendered. */
async function detailShown(screen: KioskOrderScreen): Promise<void> {
  await screen.updateComplete;
  const detail = deep<LitElement>(screen, 'kiosk-order-line-detail');
  await detail.updateComplete;
  await (detail.shadowRoot!.querySelector('kiosk-keypad') as LitElement | null)?.updateComplete;
}

function press(keypad: Element, keys: string) {
  for (const key of keys) deep(keypad, `button[data-key="${key}"]`).click();
}

function typeInto(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('kiosk-order-screen', () => {
  freshShopWithOwner(seedShop);

  it('shows suggestions from stored history, with reasons, flags and totals', async () => {
    const screen = await openScreen();
    const a = row(screen, A);
    const units = Number(a.dataset.units);
    expect(units).to.be.greaterThan(0);
    // Seven days to cover (to next Monday, plus a day to arrive) at ~5 a day, 20 on the shelf: a few cartons.
    expect(units).to.be.within(1, 6);
    expect(deepText(a)).to.include('中华（软）');
    expect(deepText(a)).to.include('2条'); // stock 20 packs in cartons
    expect(deepText(a)).to.include(`${units}条`);
    expect(deepText(a)).to.include('安全库存');
    expect(Number(row(screen, B).dataset.units)).to.equal(0);
    const c = row(screen, C);
    expect(deepText(c)).to.include('负库存');
    expect(deepText(c)).to.include('先盘点再订货');
    expect(deepText(c)).to.include('-3盒');
    // Lines to order come first, the one with nothing to order last.
    const order = [...deep(screen, 'kiosk-order-lines').shadowRoot!.querySelectorAll('button.line')].map((b) =>
      b.getAttribute('data-code'),
    );
    expect(order.at(-1)).to.equal(B);
    const totals = deep(screen, '[data-panel="totals"]');
    const orderUnits = [A, B, C].reduce((s, code) => s + Number(row(screen, code).dataset.units), 0);
    expect(Number(deep(totals, '[data-total-units]').dataset.totalUnits)).to.equal(orderUnits);
    const cost = units * 22000 + Number(row(screen, C).dataset.units) * 900;
    expect(Number(deep(totals, '[data-total-cents]').dataset.totalCents)).to.equal(cost);
  });

  it('opens the numbers and a chart of weekly sales with the forecast when a line is tapped', async () => {
    const screen = await openScreen();
    row(screen, A).click();
    await screen.updateComplete;
    const detail = deep(screen, '[data-panel="detail"]');
    const text = deepText(detail);
    for (const label of ['需求类型', '预测方法', '覆盖天数', '安全库存', '补到', '在途', '建议订']) expect(text).to.include(label);
    const chart = deep(detail, 'kiosk-order-line-detail', 'kiosk-sales-chart');
    await waitFor(() => chart.shadowRoot!.querySelector('canvas') !== null, 'no chart drawn');
    const data = (chart as unknown as { data: { weeks: string[]; sold: (number | null)[]; forecast: (number | null)[] } }).data;
    // 60 days of history: 8 whole weeks, then the forecast weeks.
    expect(data.sold.filter((v) => v !== null)).to.have.length(8);
    expect(data.sold.slice(0, 8).every((v) => v !== null && v >= 28 && v <= 42)).to.equal(true);
    expect(data.forecast.slice(8).every((v) => v !== null && v > 0)).to.equal(true);
  });

  it('keeps an owner edit in the draft: it survives re-creating the element', async () => {
    let screen = await openScreen();
    row(screen, A).click();
    await detailShown(screen);
    deep(screen, 'kiosk-order-line-detail', 'button[name="edit"]').click();
    await detailShown(screen);
    const keypad = deep(screen, 'kiosk-order-line-detail', '[data-panel="edit"] kiosk-keypad');
    deep(keypad, 'button[data-key="clear"]').click();
    press(keypad, '17');
    await screen.updateComplete;
    deep(screen, 'kiosk-order-line-detail', 'button[name="edit-ok"]').click();
    await waitFor(() => row(screen, A).dataset.units === '17', 'edit not shown');
    expect(row(screen, A).hasAttribute('data-owner')).to.equal(true);
    expect(deepText(row(screen, A))).to.include('店主改');
    const draft = await getOrderDraft();
    expect(draft?.lines.find((l) => l.code === A)).to.deep.include({ units: 17, packs: 170, ownerEdited: true, unitCostCents: 22000 });

    screen.remove();
    screen = await openScreen();
    expect(row(screen, A).dataset.units).to.equal('17');
    expect(row(screen, A).hasAttribute('data-owner')).to.equal(true);

    // A typing mistake gets a message and changes nothing.
    row(screen, A).click();
    await detailShown(screen);
    deep(screen, 'kiosk-order-line-detail', 'button[name="edit"]').click();
    await detailShown(screen);
    deep(deep(screen, 'kiosk-order-line-detail', '[data-panel="edit"] kiosk-keypad'), 'button[data-key="clear"]').click();
    await screen.updateComplete;
    deep(screen, 'kiosk-order-line-detail', 'button[name="edit-ok"]').click();
    await waitForText(screen, '请输入 0 到');
    expect(row(screen, A).dataset.units).to.equal('17');
  });

  it('"已下单" puts the lines on order once, even on a double tap', async () => {
    const screen = await openScreen();
    const units = Number(row(screen, A).dataset.units);
    expect(units).to.be.greaterThan(0);
    const place = deep<HTMLButtonElement>(screen, 'button[name="place"]');
    place.click();
    place.click();
    await waitFor(async () => (await getPlacedOrders()).length > 0, 'no order placed');
    await waitForText(screen, '已下单：');
    await screen.loaded();
    const placed = await getPlacedOrders();
    expect(placed).to.have.length(1);
    expect(placed[0]!.lines.find((l) => l.code === A)?.units).to.equal(units);
    const inputs = await getReorderInputs(TODAY);
    expect(inputs.find((p) => p.code === A)!.onOrder).to.equal(units * 10);
    // The button says it is done; a further tap places nothing.
    await screen.updateComplete;
    expect(deep<HTMLButtonElement>(screen, 'button[name="place"]').disabled).to.equal(true);
    deep<HTMLButtonElement>(screen, 'button[name="place"]').click();
    await screen.loaded();
    expect(await getPlacedOrders()).to.have.length(1);
    // With the order counted as on order, the suggestion for A drops.
    expect(Number(row(screen, A).dataset.units)).to.be.lessThan(units);
    expect(await getOrderDraft()).to.equal(undefined);
  });

  it('says in words what is wrong with the settings and saves nothing until they are right', async () => {
    const screen = await openScreen();
    deep(screen, 'button[name="panel-settings"]').click();
    await screen.updateComplete;
    const settings = deep(screen, 'kiosk-order-settings');
    await (settings as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    deep(settings, 'button[data-day="1"]').click(); // Monday off: no ordering day left
    typeInto(deep<HTMLInputElement>(settings, 'input[name="lead"]'), '91');
    typeInto(deep<HTMLInputElement>(settings, 'input[name="budget"]'), '12,50');
    deep(settings, 'button[name="save-settings"]').click();
    await waitForText(settings, '请至少选一个订货日');
    const text = deepText(settings);
    expect(text).to.include('到货天数最多 90 天');
    expect(text).to.include('预算请填金额');
    expect(await getReorderSettings()).to.deep.include({ orderDays: [1], leadTimeDays: 1 });

    // Lead time typed on the keypad into the field last touched; 60 days is allowed.
    deep(settings, 'button[data-day="4"]').click();
    const lead = deep<HTMLInputElement>(settings, 'input[name="lead"]');
    lead.dispatchEvent(new Event('focus'));
    const keypad = deep(settings, 'kiosk-keypad');
    deep(keypad, 'button[data-key="backspace"]').click();
    deep(keypad, 'button[data-key="backspace"]').click();
    press(keypad, '60');
    typeInto(deep<HTMLInputElement>(settings, 'input[name="budget"]'), '');
    deep(settings, 'button[data-level="0.99"]').click();
    deep(settings, 'button[data-format="tobacco-liquor"]').click();
    deep(settings, 'button[name="save-settings"]').click();
    await waitFor(async () => (await getReorderSettings()).leadTimeDays === 60, 'settings not saved');
    expect(await getReorderSettings()).to.deep.equal({
      orderDays: [4],
      leadTimeDays: 60,
      serviceLevel: 0.99,
      businessFormat: 'tobacco-liquor',
    });
    await waitForText(screen, '设置已保存');
  });

  it('says a quota’s units in English after the number: “1 carton”, “10 cartons”', async () => {
    await inEnglish(async () => {
      const screen = await openScreen();
      deep(screen, 'button[name="panel-settings"]').click();
      await screen.updateComplete;
      const settings = deep(screen, 'kiosk-order-settings');
      const units = deep<HTMLInputElement>(settings, 'input[name="quota-units"]');
      const label = () => units.closest('label')!.textContent!.replace(/\s+/g, ' ').trim();
      const settled = () => (settings as LitElement).updateComplete;
      typeInto(units, '1');
      await settled();
      expect(label()).to.equal('carton');
      typeInto(units, '10');
      await settled();
      expect(label()).to.equal('cartons');
    });
  });

  it('takes a quota for a scarce product, explains bad ones, and caps the suggestion by it', async () => {
    const screen = await openScreen();
    expect(Number(row(screen, A).dataset.units)).to.be.greaterThan(0);
    deep(screen, 'button[name="panel-settings"]').click();
    await screen.updateComplete;
    const settings = deep(screen, 'kiosk-order-settings');
    await (settings as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    deep(settings, 'button[name="save-quota"]').click();
    await waitForText(settings, '请选要限量的商品');
    expect(deepText(settings)).to.include('请填这一期能订多少条');
    expect(deepText(settings)).to.include('请选配额期的开始日期');

    const select = deep<HTMLSelectElement>(settings, 'select[name="quota-product"]');
    select.value = A;
    select.dispatchEvent(new Event('change'));
    typeInto(deep<HTMLInputElement>(settings, 'input[name="quota-units"]'), '0');
    typeInto(deep<HTMLInputElement>(settings, 'input[name="quota-start"]'), '2025-06-30');
    typeInto(deep<HTMLInputElement>(settings, 'input[name="quota-end"]'), '2025-06-01');
    deep(settings, 'button[name="save-quota"]').click();
    await waitForText(settings, '结束日期不能早于开始日期');
    expect(await getQuotas()).to.deep.equal([]);

    typeInto(deep<HTMLInputElement>(settings, 'input[name="quota-start"]'), '2025-06-01');
    typeInto(deep<HTMLInputElement>(settings, 'input[name="quota-end"]'), '2025-06-30');
    deep(settings, 'button[name="save-quota"]').click();
    await waitFor(async () => (await getQuotas()).length === 1, 'quota not saved');
    await waitForText(screen, '配额已保存');
    await screen.loaded();
    deep(screen, 'button[name="panel-list"]').click();
    await screen.updateComplete;
    expect(row(screen, A).dataset.units).to.equal('0');
    expect(deepText(row(screen, A))).to.include('配额上限');
  });

  it('jumps to the scanned product, prints the order page and shows slow movers and the 80/20 view', async () => {
    const screen = await openScreen();
    await screen.showScan(makeScan(A_EAN));
    await screen.updateComplete;
    expect(row(screen, A).getAttribute('aria-pressed')).to.equal('true');
    expect(maybeDeep(screen, '[data-panel="detail"]')).to.not.equal(null);

    let printed = 0;
    screen.printPage = () => printed++;
    deep(screen, 'button[name="print"]').click();
    expect(printed).to.equal(1);
    const page = deep(screen, '[data-print]');
    expect(getComputedStyle(page).display).to.equal('none'); // on paper only
    expect(page.shadowRoot!.querySelector(`tr[data-code="${A}"]`)).to.not.equal(null);
    expect(page.shadowRoot!.querySelector(`tr[data-code="${B}"]`)).to.equal(null);

    deep(screen, 'button[name="panel-insights"]').click();
    await screen.updateComplete;
    const insights = deep(screen, 'kiosk-order-insights').shadowRoot!;
    expect(insights.querySelector(`table[data-table="slow"] tr[data-code="${B}"]`)).to.not.equal(null);
    expect(insights.querySelector(`table[data-table="pareto"] tr[data-code="${A}"][data-top]`)).to.not.equal(null);
  });
});
