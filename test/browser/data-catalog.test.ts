import { expect } from '@open-wc/testing';
import { getDb } from '../../src/data/db.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { BarcodeTakenError, getBarcodes, lookupBarcode, putBarcode } from '../../src/data/barcodes.ts';
import {
  applyCatalogImport,
  checkLedger,
  exportCatalogFile,
  exportStockFile,
  getCatalogForImport,
  listProducts,
} from '../../src/data/catalog.ts';
import { NotAllowedError, signOut } from '../../src/data/roles.ts';
import { freshShopWithOwner } from './shop-fixtures.ts';
import { recordAdjustment } from '../../src/data/adjustments.ts';
import { planCatalogImport } from '../../src/domain/catalog-csv.ts';
import { getReorderInputs } from '../../src/data/reorder.ts';
import { gs1CheckDigit } from '../../src/domain/barcode.ts';
import { rejection } from '../helpers/rejection.ts';

/** GTIN-14 key of the EAN-13 69xxxxxxxxxx + check digit. */
function code(n: number): string {
  const body = `69${String(n).padStart(10, '0')}`;
  return `0${body}${gs1CheckDigit(body)}`;
}
/** The EAN-13 as printed (what a supplier's file has). */
function ean(gtin14: string): string {
  return gtin14.slice(1);
}

const T0 = new Date(2025, 0, 10, 9, 0, 0).getTime();

describe('catalog import, export and ledger check (real IndexedDB)', () => {
  freshShopWithOwner();

  it('imports products with their carton barcodes as links, and updates keep stock', async () => {
    await registerProduct({ code: code(1), name: '旧名字', priceCents: 1000, unit: 'pack', openingStock: 34 }, T0);
    const csv = [
      '条码,条包条码,每条盒数,商品名称,品牌,类别,零售价,成本价,新品',
      `${ean(code(1))},${ean(code(101))},10,中华（软）,中华,卷烟,45.00,40.00,否`,
      `${ean(code(2))},${ean(code(102))},20,红塔山,红塔山,卷烟,10.00,8.50,是`,
      `${ean(code(3))},,,可乐,可口可乐,饮料,3,,否`,
    ].join('\r\n');
    const plan = await planCatalogImport(csv, await getCatalogForImport());
    expect(plan.rejected).to.deep.equal([]);
    expect(plan.add.map((p) => p.code)).to.deep.equal([code(2), code(3)]);
    expect(plan.update.map((u) => u.code)).to.deep.equal([code(1)]);

    const progress: [number, number][] = [];
    const result = await applyCatalogImport(plan, (done, total) => progress.push([done, total]), T0 + 1000);
    expect(result).to.deep.equal({ added: 2, updated: 1 });
    const last = progress[progress.length - 1]!;
    expect(last[0]).to.equal(last[1]);
    expect(last[1]).to.be.greaterThan(0);

    const updated = await getProduct(code(1));
    expect(updated).to.deep.include({
      name: '中华（软）',
      priceCents: 4500,
      costCents: 4000,
      stock: 34,
      packsPerCarton: 10,
      cartonCode: code(101),
      createdAt: T0,
    });
    expect(await getProduct(code(2))).to.deep.include({ stock: 0, unit: 'pack', isNew: true, brand: '红塔山' });

    const carton = await lookupBarcode(code(102));
    expect(carton?.product.code).to.equal(code(2));
    expect(carton?.link.multiplier).to.equal(20);
    expect(await getBarcodes(code(1))).to.deep.equal([
      { code: code(1), productCode: code(1), multiplier: 1 },
      { code: code(101), productCode: code(1), multiplier: 10 },
    ]);
    expect(await getBarcodes(code(3))).to.deep.equal([{ code: code(3), productCode: code(3), multiplier: 1 }]);
    expect(await checkLedger()).to.deep.equal([]);

    // A later import moves the carton barcode: the old link goes, the new one answers.
    const moved = await planCatalogImport(
      ['条码,条包条码,每条盒数,商品名称,零售价', `${ean(code(1))},${ean(code(111))},10,中华（软）,45.00`].join('\n'),
      await getCatalogForImport(),
    );
    await applyCatalogImport(moved);
    expect(await lookupBarcode(code(101))).to.equal(undefined);
    expect((await lookupBarcode(code(111)))?.product.code).to.equal(code(1));
  });

  it('imports 起订量 and 停售 onto the products, and the reorder engine gets them from there', async () => {
    const csv = [
      '条码,条包条码,每条盒数,商品名称,零售价,起订量,停售',
      `${ean(code(1))},${ean(code(101))},10,中华（软）,45.00,2,否`,
      `${ean(code(2))},,,旧饮料,3,,是`,
    ].join('\r\n');
    const plan = await planCatalogImport(csv, await getCatalogForImport());
    expect(plan.rejected).to.deep.equal([]);
    await applyCatalogImport(plan, undefined, T0);
    const inputs = new Map((await getReorderInputs('2025-01-10')).map((p) => [p.code, p]));
    expect(inputs.get(code(1))).to.include({ minOrderUnits: 2, orderUnit: 10 });
    expect(inputs.get(code(1))).to.not.have.property('discontinued');
    expect(inputs.get(code(2))).to.include({ discontinued: true });
    expect(inputs.get(code(2))).to.not.have.property('minOrderUnits');
    // The same file again changes nothing: the stored fields read back as imported.
    const exported = await planCatalogImport(csv, await getCatalogForImport());
    expect(exported.unchanged).to.equal(2);
  });

  it('applies all or nothing: a carton code taken by another product since planning aborts the whole import', async () => {
    await registerProduct({ code: code(1), name: '中华', priceCents: 4500, unit: 'pack', openingStock: 5 }, T0);
    const csv = [
      '条码,条包条码,每条盒数,商品名称,零售价',
      `${ean(code(1))},,,中华（改名）,46.00`,
      `${ean(code(2))},,,新品一,10.00`,
      `${ean(code(3))},${ean(code(103))},10,新品二,12.00`,
      `${ean(code(4))},,,新品三,13.00`,
    ].join('\n');
    const plan = await planCatalogImport(csv, await getCatalogForImport());
    expect(plan.rejected).to.deep.equal([]);

    // Between the report and "apply", the counter registered a product under that carton code.
    await registerProduct({ code: code(103), name: '散装条', priceCents: 100, unit: 'pack' }, T0);
    const db = await getDb();
    const productsBefore = await db.getAll('products');
    const linksBefore = await db.getAll('barcodes');

    const error = await rejection(applyCatalogImport(plan));
    expect(error).to.be.instanceOf(BarcodeTakenError);
    expect((error as BarcodeTakenError).code).to.equal(code(103));
    expect((error as BarcodeTakenError).reason).to.equal('barcode-taken');

    expect(await db.getAll('products')).to.deep.equal(productsBefore);
    expect(await db.getAll('barcodes')).to.deep.equal(linksBefore);
    expect(await getProduct(code(2))).to.equal(undefined);
    expect((await getProduct(code(1)))?.name).to.equal('中华');
    expect(await lookupBarcode(code(2))).to.equal(undefined);

    await signOut();
    expect(await rejection(applyCatalogImport(plan))).to.be.instanceOf(NotAllowedError);
  });

  it('refuses to link a barcode that already answers to another product', async () => {
    await registerProduct({ code: code(1), name: 'A', priceCents: 100, unit: 'pack', packsPerCarton: 10, cartonCode: code(101) }, T0);
    await registerProduct({ code: code(2), name: 'B', priceCents: 100, unit: 'pack' }, T0);
    expect(await rejection(putBarcode({ code: code(101), productCode: code(2), multiplier: 10 }))).to.be.instanceOf(BarcodeTakenError);
    expect(await rejection(putBarcode({ code: code(1), productCode: code(2), multiplier: 1 }))).to.be.instanceOf(BarcodeTakenError);
    expect(
      await rejection(
        registerProduct({ code: code(3), name: 'C', priceCents: 100, unit: 'pack', packsPerCarton: 10, cartonCode: code(101) }),
      ),
    ).to.be.instanceOf(BarcodeTakenError);
    expect(await getProduct(code(3))).to.equal(undefined);
    await putBarcode({ code: code(102), productCode: code(2), multiplier: 12 });
    expect((await lookupBarcode(code(102)))?.link.multiplier).to.equal(12);
    expect((await getProduct(code(2)))?.cartonCode).to.equal(code(102));
  });

  it('exports a catalog that imports back unchanged, and the stock as cartons + packs', async () => {
    const csv = [
      '条码,条包条码,每条盒数,商品名称,品牌,类别,零售价,成本价,新品',
      `${ean(code(1))},${ean(code(101))},10,中华（软）,中华,卷烟,45.00,40.00,否`,
      `${ean(code(2))},,,"可乐, 罐装",可口可乐,饮料,3.50,,是`,
      `${ean(code(3))},,,=危险名字,,,1.00,0,否`,
    ].join('\n');
    await applyCatalogImport(await planCatalogImport(csv, await getCatalogForImport()));
    await recordAdjustment({ code: code(1), quantity: 34, reason: 'found' }, T0);
    await recordAdjustment({ code: code(2), quantity: -2, reason: 'loss' }, T0);

    const exported = await exportCatalogFile();
    expect(exported.startsWith('\ufeff')).to.equal(true);
    const roundTrip = await planCatalogImport(exported, await getCatalogForImport());
    expect(roundTrip.rejected).to.deep.equal([]);
    expect(roundTrip.add).to.deep.equal([]);
    expect(roundTrip.update).to.deep.equal([]);
    expect(roundTrip.unchanged).to.equal(3);

    const stock = await exportStockFile();
    expect(stock).to.contain('3条 4盒');
    expect(stock).to.contain('-2盒');

    expect((await listProducts({ search: '可口' })).map((p) => p.code)).to.deep.equal([code(2)]);
    expect((await listProducts({ search: ean(code(1)) })).map((p) => p.code)).to.deep.equal([code(1)]);
    expect((await listProducts({ onlyNegative: true })).map((p) => p.code)).to.deep.equal([code(2)]);
    expect(await listProducts({ limit: 2 })).to.have.length(2);
  });

  it('checkLedger finds a product whose stock was changed behind the movements', async () => {
    await registerProduct({ code: code(1), name: 'A', priceCents: 100, unit: 'pack', openingStock: 4 }, T0);
    expect(await checkLedger()).to.deep.equal([]);
    const db = await getDb();
    const p = (await db.get('products', code(1)))!;
    await db.put('products', { ...p, stock: 9 });
    expect(await checkLedger()).to.deep.equal([{ code: code(1), stock: 9, fromMovements: 4 }]);
  });
});
