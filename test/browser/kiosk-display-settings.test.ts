import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-display-settings.ts';
import type { KioskDisplaySettings } from '../../src/screens/kiosk-display-settings.ts';
import { getDisplayPlan, getLegalNotices, listDisplayProducts } from '../../src/data/display.ts';
import { MAX_PICTURE_FILE_BYTES } from '../../src/data/pictures.ts';
import { forgetSessionForTests } from '../../src/data/roles.ts';
import type { UsbService } from '../../src/data/usb-files.ts';
import { clickAndUpdate, deep, deepText, maybeDeep } from './shadow-dom.ts';
import { drawPicture, ean13, freshShopWithOwner, storedPictureCount } from './shop-fixtures.ts';
import { seedDisplayProducts } from './display-helpers.ts';

const A = ean13('690200700801');
const B = ean13('690200700802');
const C = ean13('690200700803');
const code = (ean: string) => `0${ean}`;

function seed() {
  return seedDisplayProducts(
    [
      { ean: A, name: '黄鹤楼（天下名楼）', priceCents: 2000, isNew: true, category: '卷烟' },
      { ean: B, name: '黄鹤楼（硬珍品）', priceCents: 2000, isNew: true, category: '卷烟' },
      { ean: C, name: '玉溪（软）', priceCents: 2000, isNew: false, category: '卷烟' },
    ],
    5,
  );
}

async function settings(usb?: UsbService): Promise<KioskDisplaySettings> {
  const el = await fixture<KioskDisplaySettings>(html`<kiosk-display-settings .usbService=${usb}></kiosk-display-settings>`);
  await el.loaded;
  await el.updateComplete;
  return el;
}

describe('kiosk-display-settings (展示专区)', () => {
  freshShopWithOwner();
  beforeEach(seed);

  it('imports the pictures on a stick named by barcode: good ones stored, broken and oversized ones named with why', async () => {
    const good = new Uint8Array(await (await drawPicture(1500, 1000)).arrayBuffer());
    const read: string[] = [];
    const usb: UsbService = {
      list: async () => ({ files: [], truncated: false, targets: [] }),
      read: () => Promise.reject(new Error('not for pictures')),
      write: () => Promise.reject(new Error('not for pictures')),
      listPictures: async () => ({
        files: [
          { path: `m/S/${A}.png`, name: `${A}.png`, size: good.byteLength, mtime: 0 },
          { path: `m/S/${B}.jpg`, name: `${B}.jpg`, size: 20, mtime: 0 },
          { path: `m/S/${C}.webp`, name: `${C}.webp`, size: MAX_PICTURE_FILE_BYTES + 1, mtime: 0 },
        ],
        truncated: false,
        targets: [],
      }),
      readPicture: async (path) => {
        read.push(path);
        return path.endsWith('.png') ? good : new TextEncoder().encode('not a jpeg at all');
      },
    };
    const el = await settings(usb);
    await clickAndUpdate(el, 'button[name="import-stick"]');
    await waitFor(() => maybeDeep(el, '[data-kind="picture-report"]') !== null, 'no import report', { timeout: 8_000 });
    const report = deep(el, '[data-kind="picture-report"]');
    expect(report.getAttribute('data-imported')).to.equal('1');
    expect(deepText(report)).to.include(`${B}.jpg ： 不是图片，或文件已损坏，打不开`).and.include(`${C}.webp ： 文件太大`);
    // The oversized file was never read off the stick.
    expect(read).to.deep.equal([`m/S/${A}.png`, `m/S/${B}.jpg`]);
    expect(await storedPictureCount()).to.equal(1);
    expect(deepText(deep(el, `tr[data-code="${code(A)}"]`))).to.include('有图片');
  });

  it('a picture picked for one product: a broken file is told and nothing is stored; a good one is', async () => {
    const el = await settings();
    const pick = async (file: File) => {
      const input = deep<HTMLInputElement>(el, `tr[data-code="${code(B)}"] input[name="picture"]`);
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
    };
    await pick(new File([new Uint8Array([0xff, 0xd8, 0xff, 0x00])], 'broken.jpg', { type: 'image/jpeg' }));
    await waitFor(() => maybeDeep(el, '[data-kind="error"]') !== null, 'no message for a broken file', { timeout: 8_000 });
    expect(deepText(deep(el, '[data-kind="error"]'))).to.equal('broken.jpg：不是图片，或文件已损坏，打不开');
    expect(await storedPictureCount()).to.equal(0);
    await pick(new File([await drawPicture(300, 300)], 'good.png', { type: 'image/png' }));
    await waitFor(async () => (await storedPictureCount()) === 1, 'the good picture was not stored', { timeout: 8_000 });
  });

  it('starts from the new products; adds, orders and dates them; refuses an end before the start', async () => {
    const el = await settings();
    const rows = () => [...el.shadowRoot!.querySelectorAll('table[data-kind="plan"] tr')].map((r) => r.getAttribute('data-code'));
    expect(rows()).to.deep.equal([code(A), code(B)]);
    // The shop's one product search: typing 黄鹤楼 offers neither, both are in the plan already.
    const search = deep<HTMLInputElement>(el, 'kiosk-product-search', 'input[name="search"]');
    const offered = () =>
      [...deep(el, 'kiosk-product-search').shadowRoot!.querySelectorAll('button[name="pick"]')].map((b) => b.getAttribute('data-code'));
    const type = async (text: string) => {
      search.value = text;
      search.dispatchEvent(new Event('input'));
      await waitFor(
        () => deepText(deep(el, 'kiosk-product-search')).includes(text === '玉溪' ? '玉溪（软）' : '没有找到'),
        `no answer to ${text}`,
      );
    };
    await type('黄鹤楼');
    expect(offered()).to.deep.equal([]);
    await type('玉溪');
    expect(offered()).to.deep.equal([code(C)]);
    await clickAndUpdate(el, 'kiosk-product-search', `button[name="pick"][data-code="${code(C)}"]`);
    // Added: the search offers it no more.
    await waitFor(() => offered().length === 0, '玉溪 still offered after it was added');
    await clickAndUpdate(el, `tr[data-code="${code(C)}"] button[name="up"]`);
    expect(rows()).to.deep.equal([code(A), code(C), code(B)]);
    await clickAndUpdate(el, `tr[data-code="${code(A)}"] button[name="remove"]`);
    const setDay = async (row: string, end: 'from' | 'until', value: string) => {
      const input = deep<HTMLInputElement>(el, `tr[data-code="${row}"] input[name="${end}"]`);
      input.value = value;
      input.dispatchEvent(new Event('change'));
      await el.updateComplete;
    };
    await setDay(code(B), 'from', '2026-12-10');
    await setDay(code(B), 'until', '2026-12-01');
    await clickAndUpdate(el, 'button[name="save-plan"]');
    await waitFor(() => maybeDeep(el, '[data-kind="error"]') !== null, 'no error for the dates', { timeout: 8_000 });
    expect(deepText(deep(el, '[data-kind="error"]'))).to.include('结束日期早于开始日期');
    expect(await getDisplayPlan()).to.equal(undefined);
    await setDay(code(B), 'until', '2026-12-31');
    await clickAndUpdate(el, 'button[name="save-plan"]');
    await waitFor(async () => (await getDisplayPlan()) !== undefined, 'the plan was not saved', { timeout: 8_000 });
    expect((await getDisplayPlan())!.entries).to.deep.equal([
      { code: code(C) },
      { code: code(B), from: '2026-12-10', until: '2026-12-31' },
    ]);
    expect((await listDisplayProducts('2026-12-20')).map((p) => p.code)).to.deep.equal([code(C), code(B)]);
  });

  it('saves the notices’ wording, and refuses to empty it', async () => {
    const el = await settings();
    const text = deep<HTMLTextAreaElement>(el, 'textarea[name="notices"]');
    expect(text.value).to.equal('吸烟有害健康\n不向未成年人出售烟草制品');
    text.value = '  \n';
    text.dispatchEvent(new Event('input'));
    await clickAndUpdate(el, 'button[name="save-notices"]');
    await waitFor(() => maybeDeep(el, '[data-kind="error"]') !== null, 'no error for empty notices', { timeout: 8_000 });
    expect(deepText(deep(el, '[data-kind="error"]'))).to.include('不能为空');
    text.value = '吸烟有害健康 请勿在店内吸烟\n未成年人不得购买烟草';
    text.dispatchEvent(new Event('input'));
    deep<HTMLInputElement>(el, 'input[name="off-without-tobacco"]').click();
    await clickAndUpdate(el, 'button[name="save-notices"]');
    await waitFor(
      async () => (await getLegalNotices()).lines.length === 2 && (await getLegalNotices()).lines[1] === '未成年人不得购买烟草',
      'the notices were not saved',
      { timeout: 8_000 },
    );
    expect((await getLegalNotices()).offWithoutTobacco).to.equal(true);
  });

  it('asks for the owner when nobody is signed in', async () => {
    forgetSessionForTests();
    const el = await settings();
    expect(maybeDeep(el, '[data-kind="owner-needed"]')).to.not.equal(null);
    expect(maybeDeep(el, 'table[data-kind="plan"]')).to.equal(null);
  });
});
