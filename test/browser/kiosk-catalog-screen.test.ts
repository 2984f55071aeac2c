import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { readAndCloseProductHistory } from './screen-drivers.ts';
import { ean13, freshShopWithOwner } from './shop-fixtures.ts';
import { noUsb } from './fakes.ts';
import '../../src/screens/kiosk-catalog-screen.ts';
import type { KioskCatalogScreen, UsbListing, UsbService } from '../../src/screens/kiosk-catalog-screen.ts';
import { countProducts, getProduct, registerProduct } from '../../src/data/products.ts';
import { recordMovement } from '../../src/data/movements.ts';
import { lookupBarcode } from '../../src/data/barcodes.ts';
import { gs1CheckDigit, toGtin14 } from '../../src/domain/barcode.ts';

async function screen(usb: UsbService = noUsb): Promise<KioskCatalogScreen> {
  const el = await fixture<KioskCatalogScreen>(html`<kiosk-catalog-screen .usbService=${usb}></kiosk-catalog-screen>`);
  await el.updateComplete;
  return el;
}

/** Pick a file through the real <input type=file>, as the owner does. */
async function pick(el: KioskCatalogScreen, file: File) {
  const input = deep<HTMLInputElement>(el, 'input[type="file"]');
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function report(el: KioskCatalogScreen) {
  await waitFor(
    () => maybeDeep(el, 'kiosk-catalog-import-report', '.report') !== null || maybeDeep(el, 'kiosk-banner[data-kind="error"]') !== null,
    'no report',
    {
      timeout: 10000,
    },
  );
  return maybeDeep(el, 'kiosk-catalog-import-report', '.report');
}

const OLD = ean13('690400000001');
const NEW = ean13('690400000002');
const NEW_CARTON = ean13('690400000003');
const NO_PRICE = ean13('690400000004');
const BAD_CHECK = '6904000000059'.slice(0, 12) + String((gs1CheckDigit('690400000005') + 1) % 10);

describe('kiosk-catalog-screen', () => {
  freshShopWithOwner();

  it('imports a UTF-8 CSV: report first (add, update with changes, rejects with line numbers), then applies all', async () => {
    await registerProduct({ code: toGtin14(OLD), name: '老商品', priceCents: 1000, unit: 'pack', openingStock: 4 });
    const csv = [
      '条码,商品名称,零售价,成本价,每条盒数,条包条码',
      `${NEW},新品一,12.50,10.00,10,${NEW_CARTON}`,
      `${OLD},老商品,11.00,,,`,
      `${BAD_CHECK},坏条码,5,,,`,
      `${NO_PRICE},没价格,,,,`,
      `${NEW},重复,3,,,`,
    ].join('\r\n');
    const el = await screen();
    await pick(el, new File([csv], 'catalog.csv', { type: 'text/csv' }));
    const r = (await report(el))!;
    expect(r, deepText(el)).to.not.equal(null);

    expect(deep(r, '.summary .add').getAttribute('data-count')).to.equal('1');
    expect(deep(r, '.summary .update').getAttribute('data-count')).to.equal('1');
    expect(deep(r, '.summary .rejected').getAttribute('data-count')).to.equal('3');
    expect(deep(r, '[data-encoding]').getAttribute('data-encoding')).to.equal('utf-8');
    expect(deepText(r)).to.include('UTF-8');
    expect(deepText(r)).to.include('还没有写入任何内容');
    expect(deepText(deep(r, `.add-rows tr[data-code="${toGtin14(NEW)}"]`))).to.include('新品一');
    expect(deepText(deep(r, `.update-rows tr[data-code="${toGtin14(OLD)}"]`))).to.include('零售价：¥10.00 → ¥11.00');
    const rejected = [...r.querySelectorAll('.rejected-rows tr')].map((tr) => deepText(tr));
    expect(rejected[0]).to.include('第 4 行').and.include('校验位');
    expect(rejected[1]).to.include('第 5 行').and.include('没有零售价');
    expect(rejected[2]).to.include('第 6 行').and.include('第 2 行已经有它');

    // Nothing written before "全部导入".
    expect(await getProduct(toGtin14(NEW))).to.equal(undefined);
    expect((await getProduct(toGtin14(OLD)))!.priceCents).to.equal(1000);

    const apply = deep<HTMLButtonElement>(el, 'kiosk-catalog-import-report', 'button[name="apply"]');
    apply.click();
    apply.click();
    await waitForText(el, '导入完成');
    expect(deepText(el)).to.include('新增 1 个商品，更新 1 个商品');
    const added = await getProduct(toGtin14(NEW));
    expect(added?.name).to.equal('新品一');
    expect(added?.priceCents).to.equal(1250);
    expect(added?.packsPerCarton).to.equal(10);
    expect(added?.stock).to.equal(0);
    expect((await lookupBarcode(toGtin14(NEW_CARTON)))?.link.multiplier).to.equal(10);
    const old = await getProduct(toGtin14(OLD));
    expect(old?.priceCents).to.equal(1100);
    expect(old?.stock).to.equal(4);
  });

  it('reads a GB18030 file (what Excel on Chinese Windows writes)', async () => {
    const code = ean13('690400000010');
    // "条码,商品名称,零售价\r\n<code>,中华,45\r\n" in GB18030.
    const hex = (h: string) => h.match(/../g)!.map((b) => parseInt(b, 16));
    const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
    const bytes = new Uint8Array([
      ...hex('CCF5C2EB'),
      ...ascii(','),
      ...hex('C9CCC6B7C3FBB3C6'),
      ...ascii(','),
      ...hex('C1E3CADBBCDB'),
      ...ascii('\r\n'),
      ...ascii(`${code},`),
      ...hex('D6D0BBAA'),
      ...ascii(',45\r\n'),
    ]);
    expect(new TextDecoder('gb18030').decode(bytes)).to.equal(`条码,商品名称,零售价\r\n${code},中华,45\r\n`);

    const el = await screen();
    await pick(el, new File([bytes], 'gbk.csv'));
    const r = (await report(el))!;
    expect(deep(r, '[data-encoding]').getAttribute('data-encoding')).to.equal('gb18030');
    expect(deepText(r)).to.include('GB18030');
    expect(deepText(deep(r, '.add-rows'))).to.include('中华');
    deep(el, 'kiosk-catalog-import-report', 'button[name="apply"]').click();
    await waitForText(el, '导入完成');
    expect((await getProduct(toGtin14(code)))?.name).to.equal('中华');
  });

  it('a file with wrong columns gets a message naming the missing columns; nothing is written', async () => {
    const el = await screen();
    await pick(el, new File(['barcode,title,cost\n6901234567892,x,1\n'], 'wrong.csv'));
    await waitFor(() => maybeDeep(el, 'kiosk-banner[data-kind="error"]') !== null, 'no message', { timeout: 5000 });
    const text = deepText(deep(el, 'kiosk-banner[data-kind="error"]'));
    // The missing ones, and only those: "barcode" was understood as 条码.
    expect(text).to.include('文件缺少必需的列：商品名称、零售价。');
    expect(maybeDeep(el, 'kiosk-catalog-import-report', '.report')).to.equal(null);
    expect(await countProducts()).to.equal(0);
  });

  it('an Excel workbook picked by mistake is named as such', async () => {
    const el = await screen();
    await pick(el, new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], 'catalog.xlsx'));
    await waitForText(el, '这是 Excel 工作簿');
  });

  it('cancel throws the plan away without writing', async () => {
    const code = ean13('690400000020');
    const el = await screen();
    await pick(el, new File([`条码,商品名称,零售价\n${code},甲,1\n`], 'a.csv'));
    await report(el);
    deep(el, 'kiosk-catalog-import-report', 'button[name="cancel"]').click();
    await el.updateComplete;
    expect(maybeDeep(el, 'kiosk-catalog-import-report', '.report')).to.equal(null);
    expect(await getProduct(toGtin14(code))).to.equal(undefined);
  });

  it('imports 10,000 rows with the progress bar advancing', async function () {
    this.timeout(60000);
    const lines = ['条码,商品名称,零售价,每条盒数'];
    for (let i = 0; i < 10_000; i++) {
      const body = `69050${String(i).padStart(7, '0')}`;
      lines.push(`${body}${gs1CheckDigit(body)},商品${i},${(i % 90) + 1}.50,10`);
    }
    const el = await screen();
    const seen: number[] = [];
    const observer = new MutationObserver(() => {
      const bar = el.shadowRoot!.querySelector('.progress .bar');
      const now = Number(bar?.getAttribute('aria-valuenow') ?? NaN);
      if (!Number.isNaN(now) && seen.at(-1) !== now) seen.push(now);
    });
    observer.observe(el.shadowRoot!, { subtree: true, attributes: true, childList: true });
    const started = performance.now();
    await pick(el, new File([lines.join('\n')], 'big.csv'));
    const r = (await report(el))!;
    observer.disconnect();
    expect(deep(r, '.summary .add').getAttribute('data-count')).to.equal('10000');
    const intermediate = seen.filter((n) => n > 0 && n < 10_000);
    expect(intermediate.length, `progress seen: ${seen.join(',')}`).to.be.at.least(3);
    expect([...intermediate].sort((a, b) => a - b)).to.deep.equal(intermediate);

    deep(el, 'kiosk-catalog-import-report', 'button[name="apply"]').click();
    await waitForText(el, '导入完成', 30000);
    expect(await countProducts()).to.equal(10_000);
    expect(performance.now() - started).to.be.below(30_000);
  });

  it('imports a CSV from a USB stick through the service and saves an export to it', async () => {
    const code = ean13('690400000030');
    const writes: { path: string; text: string }[] = [];
    const listing: UsbListing = {
      files: [{ path: 'media/pi/STICK/catalog.csv', name: 'catalog.csv', size: 40, mtime: Date.now() }],
      truncated: false,
      targets: ['media/pi/STICK'],
    };
    const usb: UsbService = {
      list: async () => listing,
      read: async (path) => {
        expect(path).to.equal('media/pi/STICK/catalog.csv');
        return new TextEncoder().encode(`\ufeff条码,商品名称,零售价\n${code},乙,2\n`);
      },
      write: async (path, text) => {
        writes.push({ path, text });
      },
    };
    const el = await screen(usb);
    await waitFor(() => maybeDeep(el, 'button[name="usb-file"]') !== null, 'no USB list', { timeout: 5000 });
    deep(el, 'button[name="usb-file"]').click();
    const r = (await report(el))!;
    expect(deep(r, '.summary .add').getAttribute('data-count')).to.equal('1');
    deep(el, 'kiosk-catalog-import-report', 'button[name="apply"]').click();
    await waitForText(el, '导入完成');

    deep(el, 'button[data-tab="export"]').click();
    await el.updateComplete;
    deep(el, 'kiosk-catalog-export', 'button[name="usb-stock"]').click();
    await waitForText(el, '已保存到 U 盘');
    expect(writes).to.have.length(1);
    expect(writes[0]!.path).to.match(/^media\/pi\/STICK\/库存-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    expect(writes[0]!.text).to.include('乙');
  });

  it('exports the catalog as a CSV download named with the date', async () => {
    const code = ean13('690400000040');
    await registerProduct({ code: toGtin14(code), name: '丙', priceCents: 250, unit: 'pack' });
    const el = await screen();
    deep(el, 'button[data-tab="export"]').click();
    await el.updateComplete;
    // No stick, no "保存到U盘".
    expect(maybeDeep(el, 'kiosk-catalog-export', 'button[name="usb-catalog"]')).to.equal(null);

    const clicked: { href: string; download: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
    try {
      deep(el, 'kiosk-catalog-export', 'button[name="export-catalog"]').click();
      await waitForText(el, '已导出');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0]!.download).to.match(/^商品目录-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const text = await (await fetch(clicked[0]!.href)).text();
    expect(text).to.include('商品名称');
    expect(text).to.include('丙');
    expect(text).to.include('2.50');
  });

  it('lists products with stock, flags negative stock, searches, and opens the history', async () => {
    const a = toGtin14(ean13('690400000050'));
    const b = toGtin14(ean13('690400000060'));
    await registerProduct({ code: a, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 23, packsPerCarton: 10 });
    await registerProduct({ code: b, name: '矿泉水', priceCents: 200, unit: 'pack' });
    await recordMovement({ code: b, kind: 'sale', quantity: -3, at: Date.now() });
    const el = await screen();
    deep(el, 'button[data-tab="products"]').click();
    await el.productsLoaded();
    expect(deepText(deep(el, 'kiosk-catalog-products', `tr[data-code="${a}"]`))).to.include('2条 3盒');
    const rowB = deep(el, 'kiosk-catalog-products', `tr[data-code="${b}"]`);
    expect(deepText(rowB)).to.include('-3盒');
    expect(deepText(rowB)).to.include('负库存');
    expect(deep(rowB, '.stock').classList.contains('negative')).to.equal(true);

    deep(el, 'kiosk-catalog-products', 'button[name="only-negative"]').click();
    await el.productsLoaded();
    expect(maybeDeep(el, 'kiosk-catalog-products', `tr[data-code="${a}"]`)).to.equal(null);
    deep(el, 'kiosk-catalog-products', 'button[name="only-negative"]').click();

    const search = deep<HTMLInputElement>(el, 'kiosk-catalog-products', 'input[name="search"]');
    search.value = '中华';
    search.dispatchEvent(new Event('input'));
    await el.productsLoaded();
    expect(maybeDeep(el, 'kiosk-catalog-products', `tr[data-code="${b}"]`)).to.equal(null);

    deep(el, 'kiosk-catalog-products', `tr[data-code="${a}"]`).click();
    await readAndCloseProductHistory(el);
    expect(maybeDeep(el, 'kiosk-product-history')).to.equal(null);
  });
});
