import { expect } from '@open-wc/testing';
import {
  MAX_PICTURE_FILE_BYTES,
  PICTURE_MAX_SIDE,
  PictureImportError,
  getPicture,
  importPicture,
  importPictureFolder,
  type PictureFile,
} from '../../src/data/pictures.ts';
import { registerProduct } from '../../src/data/products.ts';
import { NotAllowedError, forgetSessionForTests } from '../../src/data/roles.ts';
import { drawPicture, ean13, freshShopWithOwner, storedPictureCount } from './shop-fixtures.ts';
import { rejection } from '../helpers/rejection.ts';

const PACK = ean13('690300400501');
const OTHER = ean13('690300400502');

function file(name: string, blob: Blob): PictureFile {
  return { name, size: blob.size, read: async () => blob };
}

describe('display pictures', () => {
  freshShopWithOwner();
  beforeEach(async () => {
    await registerProduct({ code: `0${PACK}`, name: '黄鹤楼（硬珍品）', priceCents: 1850, unit: 'pack', openingStock: 0 });
    await registerProduct({ code: `0${OTHER}`, name: '可乐 330ml', priceCents: 300, unit: 'pack', openingStock: 0 });
  });

  it('shrinks a large photo to at most 1280 px WebP, keeping its shape, stored as a Blob under the product code', async () => {
    const stored = await importPicture(PACK, await drawPicture(3000, 2000, 'image/jpeg'));
    expect(stored.code).to.equal(`0${PACK}`);
    expect([stored.width, stored.height]).to.deep.equal([PICTURE_MAX_SIDE, 853]);
    const back = (await getPicture(`0${PACK}`))!;
    expect(back.blob).to.be.instanceOf(Blob);
    expect(back.blob.type).to.equal('image/webp');
    const bitmap = await createImageBitmap(back.blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([1280, 853]);
    bitmap.close();
  });

  it('never enlarges a small picture', async () => {
    const stored = await importPicture(PACK, await drawPicture(400, 300));
    expect([stored.width, stored.height]).to.deep.equal([400, 300]);
  });

  it('refuses an oversized file before decoding it, and stores nothing', async () => {
    const big = new Blob([new Uint8Array(MAX_PICTURE_FILE_BYTES + 1)], { type: 'image/jpeg' });
    const error = await rejection(importPicture(PACK, big));
    expect(error).to.be.instanceOf(PictureImportError);
    expect((error as PictureImportError).reason).to.equal('too-large');
    expect(await storedPictureCount()).to.equal(0);
  });

  it('refuses a broken file (not a picture, or cut short), and stores nothing', async () => {
    const notPicture = new Blob([new TextEncoder().encode('条码,商品名称\n')], { type: 'image/jpeg' });
    expect(((await rejection(importPicture(PACK, notPicture))) as PictureImportError).reason).to.equal('broken');
    const whole = new Uint8Array(await (await drawPicture(800, 600, 'image/jpeg')).arrayBuffer());
    const cut = new Blob([whole.subarray(0, 200)], { type: 'image/jpeg' });
    expect(((await rejection(importPicture(PACK, cut))) as PictureImportError).reason).to.equal('broken');
    expect(((await rejection(importPicture(PACK, new Blob([])))) as PictureImportError).reason).to.equal('broken');
    expect(await storedPictureCount()).to.equal(0);
  });

  it('imports a folder named by barcode: good ones stored, broken and oversized ones reported, unknown names skipped', async () => {
    const report = await importPictureFolder([
      file(`${PACK}.JPG`, await drawPicture(2000, 2000, 'image/jpeg')),
      file(`${OTHER}.png`, new Blob([new Uint8Array([1, 2, 3, 4])])),
      file('6999999999999.webp', await drawPicture(10, 10, 'image/webp')),
      file('readme.txt', new Blob(['x'])),
      { name: `${OTHER}.webp`, size: MAX_PICTURE_FILE_BYTES + 1, read: () => Promise.reject(new Error('must not be read')) },
    ]);
    expect(report.imported).to.deep.equal([`0${PACK}`]);
    expect(report.refused).to.deep.equal([
      { name: `${OTHER}.png`, reason: 'broken' },
      { name: `${OTHER}.webp`, reason: 'too-large' },
    ]);
    expect(report.unmatched).to.deep.equal(['6999999999999.webp']);
    expect(await storedPictureCount()).to.equal(1);
  });

  it('is the owner’s or the rep’s: nobody signed in stores nothing', async () => {
    forgetSessionForTests();
    expect(await rejection(importPicture(PACK, await drawPicture(10, 10)))).to.be.instanceOf(NotAllowedError);
    expect(await storedPictureCount()).to.equal(0);
  });
});
