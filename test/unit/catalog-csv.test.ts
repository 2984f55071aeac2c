import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, toGtin14 } from '../../src/domain/barcode.ts';
import { CatalogFileError, decodeCsvBytes, planCatalogImport, type CatalogProduct } from '../../src/domain/catalog-csv.ts';
import { exportCatalogCsv, exportStockCsv } from '../../src/domain/catalog-csv-export.ts';

/** A valid EAN-13 from 12 digits. */
function ean(body: string): string {
  return body + gs1CheckDigit(body);
}
/** A valid EAN-13 with a wrong check digit. */
function badEan(body: string): string {
  return body + ((gs1CheckDigit(body) + 1) % 10);
}
function hex(h: string): Uint8Array {
  return Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
}

const ZHONGHUA = ean('690102807501');
const ZHONGHUA_CARTON = ean('690102807502');
const YUXI = ean('690123456789');
const NONE = new Map<string, CatalogProduct>();
/** 中华 without its carton. */
const ZHONGHUA_PACK: CatalogProduct = {
  code: toGtin14(ZHONGHUA),
  name: '中华（硬）',
  brand: '中华',
  category: '卷烟',
  priceCents: 4500,
  costCents: 3850,
  isNew: true,
};
/** 中华 with every column of the import file filled in. */
const ZHONGHUA_ROW: CatalogProduct = { ...ZHONGHUA_PACK, packsPerCarton: 10, cartonCode: toGtin14(ZHONGHUA_CARTON) };

async function rejectedFileError(promise: Promise<unknown>): Promise<CatalogFileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogFileError);
  return error as CatalogFileError;
}

describe('decodeCsvBytes', () => {
  it('reads plain UTF-8', () => {
    const bytes = new TextEncoder().encode('条码,名称\n1,中华\n');
    expect(decodeCsvBytes(bytes)).toEqual({ text: '条码,名称\n1,中华\n', encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('名称')]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: '名称', encoding: 'utf-8' });
  });

  it('reads GB18030 bytes of 中华（硬）', () => {
    // 中 d6d0, 华 bbaa, （ a3a8, 硬 d3b2, ） a3a9 in GBK/GB18030.
    expect(decodeCsvBytes(hex('d6d0 bbaa a3a8 d3b2 a3a9'))).toEqual({ text: '中华（硬）', encoding: 'gb18030' });
  });

  it('reads a whole GB18030 file (as Excel on Chinese Windows saves it)', async () => {
    // "条码,名称,零售价\r\n<code>,中华,45\r\n" with 条码 = ccf5 c2eb, 名称 = c3fb b3c6, 零售价 = c1e3 cadb bcdb.
    const bytes = new Uint8Array([
      ...hex('ccf5 c2eb 2c c3fb b3c6 2c c1e3 cadb bcdb 0d0a'),
      ...new TextEncoder().encode(ZHONGHUA + ','),
      ...hex('d6d0 bbaa'),
      ...new TextEncoder().encode(',45\r\n'),
    ]);
    const { text, encoding } = decodeCsvBytes(bytes);
    expect(encoding).toBe('gb18030');
    const plan = await planCatalogImport(text, NONE);
    expect(plan.add).toEqual([{ code: toGtin14(ZHONGHUA), name: '中华', priceCents: 4500, isNew: false }]);
  });
});

describe('planCatalogImport', () => {
  const header = '条码,商品名称,品牌,类别,零售价,成本价,每条盒数,条包条码,新品';

  it('reads every column, Chinese headers', async () => {
    const text = `${header}\n${ZHONGHUA},中华（硬）,中华,卷烟,45.00,38.5,10,${ZHONGHUA_CARTON},是\n`;
    const plan = await planCatalogImport(text, NONE);
    expect(plan.rejected).toEqual([]);
    expect(plan.add).toEqual([ZHONGHUA_ROW]);
  });

  it('maps English headers ignoring case and spaces, and lists unknown columns', async () => {
    const text = `Barcode, NAME ,Retail Price,Carton Size,Carton Barcode,New,Remarks\n${YUXI},Yuxi,22,10,,N,x\n`;
    const plan = await planCatalogImport(text, NONE);
    expect(plan.add).toEqual([{ code: toGtin14(YUXI), name: 'Yuxi', priceCents: 2200, packsPerCarton: 10, isNew: false }]);
    expect(plan.ignoredColumns).toEqual(['Remarks']);
  });

  it('fails the file when required columns are missing, naming them', async () => {
    const error = await rejectedFileError(planCatalogImport('品牌,类别,成本价\n中华,卷烟,38\n', NONE));
    expect(error.reason).toBe('missing-columns');
    expect(error.fields).toEqual(['code', 'name', 'priceCents']);
    expect(error.columns).toEqual(['条码', '商品名称', '零售价']);
  });

  it('fails the file when a column appears twice', async () => {
    const error = await rejectedFileError(planCatalogImport(`条码,商品条码,名称,零售价\n${YUXI},${YUXI},玉溪,22\n`, NONE));
    expect(error.reason).toBe('duplicate-columns');
    expect(error.columns).toEqual(['条码', '商品条码']);
  });

  it('fails an empty file', async () => {
    expect((await rejectedFileError(planCatalogImport('\n\n', NONE))).reason).toBe('empty-file');
  });

  it('rejects a bad check digit with its file line, and imports the rest', async () => {
    const text = ['条码,名称,零售价', `${ZHONGHUA},中华,45`, '', `${badEan('690000000001')},坏码,10`, `${YUXI},玉溪,22`].join('\r\n');
    const plan = await planCatalogImport(text, NONE);
    expect(plan.rejected).toEqual([{ line: 4, reason: 'bad-check-digit', detail: badEan('690000000001') }]);
    expect(plan.add.map((p) => p.name)).toEqual(['中华', '玉溪']);
  });

  it('counts the lines of a quoted cell spanning lines', async () => {
    const text = `条码,名称,零售价\n${ZHONGHUA},"中华\n（硬）",45\n${badEan('690000000001')},坏码,10\n`;
    const plan = await planCatalogImport(text, NONE);
    expect(plan.rejected[0]).toMatchObject({ line: 4, reason: 'bad-check-digit' });
  });

  it.each([
    [`${ZHONGHUA},中华,`, 'missing-price'],
    [`${ZHONGHUA},中华,abc`, 'bad-price'],
    [`${ZHONGHUA},中华,0`, 'bad-price'],
    [`${ZHONGHUA},中华,"12,50"`, 'bad-price'],
    [`${ZHONGHUA},,45`, 'missing-name'],
    [`,中华,45`, 'missing-barcode'],
    [`6.90102E+12,中华,45`, 'barcode-scientific-notation'],
  ])('rejects %j as %s', async (row, reason) => {
    const plan = await planCatalogImport(`条码,名称,零售价\n${row}\n`, NONE);
    expect(plan.rejected).toMatchObject([{ line: 2, reason }]);
    expect(plan.add).toEqual([]);
  });

  it.each([
    ['0', 'bad-carton-size'],
    ['十', 'bad-carton-size'],
    ['2.5', 'bad-carton-size'],
  ])('rejects carton size %j', async (size, reason) => {
    const plan = await planCatalogImport(`条码,名称,零售价,每条盒数\n${ZHONGHUA},中华,45,${size}\n`, NONE);
    expect(plan.rejected).toMatchObject([{ line: 2, reason, detail: size }]);
  });

  it('rejects bad carton barcodes', async () => {
    const text = [
      '条码,名称,零售价,每条盒数,条包条码',
      `${ean('690000000011')},a,1,10,${badEan('690000000012')}`,
      `${ean('690000000021')},b,1,10,${ean('690000000021')}`,
      `${ean('690000000031')},c,1,,${ean('690000000032')}`,
      `${ean('690000000041')},d,1,10,${ean('690000000011')}`,
    ].join('\n');
    const plan = await planCatalogImport(text, NONE);
    expect(plan.rejected.map((r) => [r.line, r.reason, r.firstLine])).toEqual([
      [2, 'bad-carton-barcode', undefined],
      [3, 'bad-carton-barcode', undefined],
      [4, 'missing-carton-size', undefined],
      [5, 'carton-barcode-conflict', 2],
    ]);
  });

  it('rejects a carton barcode that is already another product in the catalog', async () => {
    const existing = new Map([[toGtin14(YUXI), { code: toGtin14(YUXI), name: '玉溪', priceCents: 2200, isNew: false }]]);
    const plan = await planCatalogImport(`条码,名称,零售价,每条盒数,条包条码\n${ZHONGHUA},中华,45,10,${YUXI}\n`, existing);
    expect(plan.rejected).toMatchObject([{ line: 2, reason: 'carton-barcode-conflict' }]);
  });

  it('rejects all but the first row of a duplicated barcode, pointing at the first', async () => {
    // 13 and 14 digits of the same GTIN are the same barcode.
    const text = `条码,名称,零售价\n${ZHONGHUA},中华,45\n${YUXI},玉溪,22\n0${ZHONGHUA},中华2,46\n${ZHONGHUA},中华3,47\n`;
    const plan = await planCatalogImport(text, NONE);
    expect(plan.add.map((p) => p.name)).toEqual(['中华', '玉溪']);
    expect(plan.rejected).toEqual([
      { line: 4, reason: 'duplicate-in-file', detail: '0' + ZHONGHUA, firstLine: 2 },
      { line: 5, reason: 'duplicate-in-file', detail: ZHONGHUA, firstLine: 2 },
    ]);
  });

  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['1', true],
    ['0', false],
    ['TRUE', true],
    ['false', false],
    ['', false],
  ])('reads the new flag %j as %s', async (flag, isNew) => {
    const plan = await planCatalogImport(`条码,名称,零售价,新品\n${ZHONGHUA},中华,45,${flag}\n`, NONE);
    expect(plan.add[0]?.isNew).toBe(isNew);
  });

  it('reads 品牌故事 and 规格 (trimmed; blank clears), and rejects a story longer than the display shows', async () => {
    const plan = await planCatalogImport(
      `条码,名称,零售价,品牌故事,规格\n${ZHONGHUA},中华,45, 国礼之选 ,20支/盒\n${YUXI},玉溪,22,${'烟'.repeat(301)},\n`,
      NONE,
    );
    expect(plan.add).toMatchObject([{ code: toGtin14(ZHONGHUA), brandStory: '国礼之选', specs: '20支/盒' }]);
    expect(plan.rejected).toMatchObject([{ line: 3, reason: 'text-too-long' }]);
    const existing = new Map([[toGtin14(ZHONGHUA), { ...plan.add[0]! }]]);
    const cleared = await planCatalogImport(`条码,名称,零售价,规格\n${ZHONGHUA},中华,45,\n`, existing);
    expect(cleared.update[0]!.changes).toEqual(['specs']);
    expect(cleared.update[0]!.after.specs).toBeUndefined();
    expect(cleared.update[0]!.after.brandStory).toBe('国礼之选');
  });

  it('reads 起订量 and 停售: 0 or blank is no minimum, 否 is on sale; a bad value rejects the row', async () => {
    const plan = await planCatalogImport(
      `条码,名称,零售价,起订量,停产\n${ZHONGHUA},中华,45,3,是\n${YUXI},玉溪,22,0,否\n${ean('690100000001')},云烟,20,2.5,\n${ean('690100000002')},红塔山,10,,停\n`,
      NONE,
    );
    expect(plan.add).toEqual([
      { code: toGtin14(ZHONGHUA), name: '中华', priceCents: 4500, isNew: false, minOrderUnits: 3, discontinued: true },
      { code: toGtin14(YUXI), name: '玉溪', priceCents: 2200, isNew: false },
    ]);
    expect(plan.rejected).toMatchObject([
      { line: 4, reason: 'bad-min-order', detail: '2.5' },
      { line: 5, reason: 'bad-discontinued-flag', detail: '停' },
    ]);
    // A file with the columns is the truth: back on sale, no minimum.
    const existing = new Map([[toGtin14(ZHONGHUA), plan.add[0]!]]);
    const update = await planCatalogImport(`条码,名称,零售价,MOQ,discontinued\n${ZHONGHUA},中华,45,,否\n`, existing);
    expect(update.update[0]!.changes).toEqual(['minOrderUnits', 'discontinued']);
    expect(update.update[0]!.after).toEqual({ code: toGtin14(ZHONGHUA), name: '中华', priceCents: 4500, isNew: false });
    // A file without them keeps them.
    const kept = await planCatalogImport(`条码,名称,零售价\n${ZHONGHUA},中华,45\n`, existing);
    expect(kept.unchanged).toBe(1);
  });

  it('rejects an unknown new flag', async () => {
    const plan = await planCatalogImport(`条码,名称,零售价,新品\n${ZHONGHUA},中华,45,maybe\n`, NONE);
    expect(plan.rejected).toMatchObject([{ line: 2, reason: 'bad-new-flag', detail: 'maybe' }]);
  });

  it('lists the changed fields of an update; absent columns keep their value, empty cells clear', async () => {
    const before = ZHONGHUA_PACK;
    const same: CatalogProduct = { code: toGtin14(YUXI), name: '玉溪', priceCents: 2200, isNew: false };
    const existing = new Map([
      [before.code, before],
      [same.code, same],
    ]);
    // No 成本价 or 新品 column; 品牌 present but empty.
    const text = `条码,名称,品牌,类别,零售价\n${ZHONGHUA},中华（硬）,,卷烟,50\n${YUXI},玉溪,,,22.00\n`;
    const plan = await planCatalogImport(text, existing);
    expect(plan.add).toEqual([]);
    expect(plan.unchanged).toBe(1);
    expect(plan.update).toEqual([
      {
        code: before.code,
        before,
        after: { code: before.code, name: '中华（硬）', category: '卷烟', priceCents: 5000, costCents: 3850, isNew: true },
        changes: ['brand', 'priceCents'],
      },
    ]);
    // The existing product object was not changed.
    expect(before.brand).toBe('中华');
  });

  it('plans 10,000 rows in chunks, with progress rising to the total', async () => {
    const lines = ['条码,名称,零售价'];
    for (let i = 0; i < 10_000; i++) lines.push(`${ean(String(690000000000 + i))},商品${i},${(i % 500) + 1}.50`);
    const progress: [number, number][] = [];
    let timerRanDuringPlan = false;
    setTimeout(() => (timerRanDuringPlan = true), 0);
    const plan = await planCatalogImport(lines.join('\n'), NONE, {
      chunkSize: 1000,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(plan.add).toHaveLength(10_000);
    expect(plan.rejected).toEqual([]);
    expect(plan.add[9999]).toMatchObject({ name: '商品9999', priceCents: 50050 });
    expect(progress.length).toBe(10);
    expect(progress.every(([, total]) => total === 10_000)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThan(progress[i - 1]![0]);
    expect(progress.at(-1)).toEqual([10_000, 10_000]);
    // Other work got the event loop between chunks.
    expect(timerRanDuringPlan).toBe(true);
  });
});

describe('exports', () => {
  const products: CatalogProduct[] = [
    {
      ...ZHONGHUA_ROW,
      brandStory: '1951 年诞生于上海，"中华"二字为国礼。\n沿用至今。',
      specs: '焦油量 11mg · 20支/盒',
      minOrderUnits: 2,
    },
    { code: toGtin14(YUXI), name: '玉溪, "软"', priceCents: 2205, isNew: false, discontinued: true },
    { code: 'SHOP-001', name: '-10% 特价', priceCents: 1, costCents: 0, isNew: false },
  ];

  it('writes a UTF-8 BOM and Chinese headers', () => {
    const csv = exportCatalogCsv(products);
    expect(csv.startsWith('\ufeff条码,商品名称,品牌,类别,零售价,成本价,每条盒数,条包条码,新品,品牌故事,规格,起订量,停售\r\n')).toBe(true);
    expect(csv).toContain('45.00,38.50,10');
    // The formula-looking name is kept as text.
    expect(csv).toContain("'-10% 特价");
  });

  it.each([true, false])('round-trips: export → bytes → decode → plan finds no changes (excel codes %s)', async (excelTextCodes) => {
    const csv = exportCatalogCsv(products, { excelTextCodes });
    const { text, encoding } = decodeCsvBytes(new TextEncoder().encode(csv));
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('\ufeff')).toBe(false);
    const existing = new Map(products.map((p) => [p.code, p]));
    const plan = await planCatalogImport(text, existing);
    expect(plan.rejected).toEqual([]);
    expect(plan.add).toEqual([]);
    expect(plan.update).toEqual([]);
    expect(plan.unchanged).toBe(products.length);
    // And into an empty catalog the same products come back.
    expect((await planCatalogImport(text, NONE)).add).toEqual(products);
  });

  it('exports stock with packs and the cartons + packs text', async () => {
    const csv = exportStockCsv([
      { code: toGtin14(ZHONGHUA), name: '中华（硬）', stock: 34, packsPerCarton: 10 },
      { code: toGtin14(YUXI), name: '玉溪', stock: -2 },
    ]);
    expect(csv.startsWith('\ufeff条码,商品名称,库存(盒),每条盒数,库存\r\n')).toBe(true);
    const rows = csv
      .slice(1)
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[1]).toEqual(['\t' + ZHONGHUA, '中华（硬）', '34', '10', '3条 4盒']);
    expect(rows[2]).toEqual(['\t' + YUXI, '玉溪', '-2', '', '-2盒']);
  });
});
