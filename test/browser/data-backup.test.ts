import { expect } from '@open-wc/testing';
import { BackupError, createBackup, readBackupHeader, restoreBackup, storeContentHashes, verifyBackup } from '../../src/data/backup.ts';
import { DB_VERSION, deleteKioskDb, getDb } from '../../src/data/db.ts';
import { getOpenSession } from '../../src/data/sessions.ts';
import { NotAllowedError, forgetSessionForTests } from '../../src/data/roles.ts';
import { freshShopWithOwner, openOwnerSession } from './shop-fixtures.ts';
import { seedShop } from '../helpers/backup-seed.ts';
import { rejection } from '../helpers/rejection.ts';

/** Each terminal keeps its own PINs, lockout and audit log: a restore neither writes nor clears them. */
const TERMINAL_OWN = ['staff', 'audit', 'security'];

async function storeCounts(which: 'shop' | 'all' = 'shop'): Promise<Record<string, number>> {
  const db = await getDb();
  const counts: Record<string, number> = {};
  for (const name of db.objectStoreNames) {
    if (which === 'shop' && TERMINAL_OWN.includes(name)) continue;
    counts[name] = await db.count(name as never);
  }
  return counts;
}

async function shopHashes(): Promise<Record<string, string>> {
  const hashes = await storeContentHashes();
  for (const name of TERMINAL_OWN) delete hashes[name];
  return hashes;
}

/** A bundle with a valid checksum around whatever lines are given (to fail while writing). */
async function bundleOf(lines: string[], stores: Record<string, number>, dbVersion?: number): Promise<Uint8Array> {
  const gz = new Uint8Array(
    await new Response(new Blob([lines.join('\n') + '\n']).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
  );
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', gz));
  const header = {
    format: 1,
    database: 'shop-terminal',
    dbVersion: dbVersion ?? (await getDb()).version,
    createdAt: 0,
    stores,
    summary: { products: 0, movements: 0, scans: 0, lastSale: null },
    payloadBytes: gz.byteLength,
    payloadSha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
  };
  const head = new TextEncoder().encode(`SHOP-TERMINAL-BACKUP 1\n${JSON.stringify(header)}\n`);
  const bytes = new Uint8Array(head.byteLength + gz.byteLength);
  bytes.set(head);
  bytes.set(gz, head.byteLength);
  return bytes;
}

describe('backup and restore', () => {
  freshShopWithOwner();

  it('backs up every store, and a wiped profile restored from it is identical store by store', async function () {
    this.timeout(60_000);
    // More movements than one read batch (5000) and one restore write batch (20 000), so both are crossed.
    await seedShop({ products: 40, movements: 25_000, scans: 1_000 });
    const before = await shopHashes();
    const counts = await storeCounts();
    // Every store has something in it, so "identical" means something for each.
    for (const [name, count] of Object.entries(counts)) expect(count, name).to.be.greaterThan(0);

    const { bytes, header } = await createBackup(1_760_000_000_000);
    expect(header.stores).to.deep.equal(await storeCounts('all'));
    expect(header.summary.products).to.equal(40);
    expect(header.summary.movements).to.equal(25_000);
    expect(header.summary.scans).to.equal(1_000);
    expect(header.summary.lastSale).to.not.equal(null);
    expect(header.createdAt).to.equal(1_760_000_000_000);
    // The preview reads the header only.
    expect(readBackupHeader(bytes).header).to.deep.equal(header);

    await deleteKioskDb();
    expect(Object.values(await storeCounts()).every((n) => n === 0)).to.equal(true);
    const restored = await restoreBackup(bytes);
    expect(restored.payloadSha256).to.equal(header.payloadSha256);
    expect(await shopHashes()).to.deep.equal(before);
  });

  it('reports its progress in records, backing up and restoring, up to every record', async function () {
    this.timeout(60_000);
    await seedShop({ products: 20, movements: 22_000, scans: 300 });
    const seen: [number, number][] = [];
    const { bytes, header } = await createBackup(Date.now(), (done, total) => seen.push([done, total]));
    const total = Object.values(header.stores).reduce((a, b) => a + b, 0);
    expect(seen[0]).to.deep.equal([0, total]);
    expect(seen.at(-1)).to.deep.equal([total, total]);
    expect(seen.every(([done], i) => i === 0 || done >= seen[i - 1]![0])).to.equal(true);
    // More than the first and the last: the bar moves while it works.
    expect(seen.length).to.be.greaterThan(4);

    await deleteKioskDb();
    await openOwnerSession();
    const restoring: [number, number][] = [];
    await restoreBackup(bytes, (done, all) => restoring.push([done, all]));
    expect(restoring[0]).to.deep.equal([0, total]);
    expect(restoring.at(-1)).to.deep.equal([total, total]);
    expect(restoring.every(([done], i) => i === 0 || done >= restoring[i - 1]![0])).to.equal(true);
    expect(restoring.length).to.be.greaterThan(2);
  });

  it('refuses a bundle whose checksum is right but whose records cannot be read, and changes nothing', async () => {
    const product = (code: string) =>
      JSON.stringify({ code, name: 'x', priceCents: 100, unit: 'pack', stock: 1, createdAt: 0, updatedAt: 0 });
    const bytes = await bundleOf(['{"store":"products","count":3}', product('01'), '{"code":"02",', product('03')], { products: 3 });
    const error = await rejection(restoreBackup(bytes));
    expect(error).to.be.instanceOf(BackupError);
    expect((error as BackupError).reason).to.equal('damaged');
    expect((error as BackupError).message).to.contain('products');
    expect(Object.values(await storeCounts()).every((n) => n === 0)).to.equal(true);
  });

  it('carries the display pictures as Blobs: same type and bytes after a restore', async () => {
    await seedShop({ products: 5, movements: 20, scans: 10 });
    const db = await getDb();
    const before = await db.getAll('pictures');
    expect(before.length).to.equal(3);
    const { bytes } = await createBackup();
    await deleteKioskDb();
    await restoreBackup(bytes);
    const after = await (await getDb()).getAll('pictures');
    expect(after.map((p) => p.code)).to.deep.equal(before.map((p) => p.code));
    for (const [i, picture] of after.entries()) {
      expect(picture.blob).to.be.instanceOf(Blob);
      expect(picture.blob.type).to.equal('image/webp');
      expect([...new Uint8Array(await picture.blob.arrayBuffer())]).to.deep.equal([...new Uint8Array(await before[i]!.blob.arrayBuffer())]);
      expect(picture.width).to.equal(before[i]!.width);
    }
  });

  it('hashes a picture by its bytes: a changed picture changes the store hash', async () => {
    await seedShop({ products: 5, movements: 20, scans: 10 });
    const db = await getDb();
    const first = (await storeContentHashes()).pictures;
    const picture = (await db.getAll('pictures'))[0]!;
    await db.put('pictures', { ...picture, blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' }) });
    expect((await storeContentHashes()).pictures).to.not.equal(first);
  });

  it('refuses a damaged bundle with a clear reason and changes nothing', async () => {
    await seedShop({ products: 10, movements: 500, scans: 200 });
    const { bytes } = await createBackup();
    await deleteKioskDb();

    const flipped = bytes.slice();
    flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 0xff;
    const error = await rejection(restoreBackup(flipped));
    expect(error).to.be.instanceOf(BackupError);
    expect((error as BackupError).reason).to.equal('damaged');
    expect((error as BackupError).message).to.contain('checksum');

    const cut = bytes.slice(0, bytes.length - 10);
    expect(((await rejection(verifyBackup(cut))) as BackupError).reason).to.equal('damaged');
    const notBackup = new TextEncoder().encode('code,name\n6901,x\n');
    expect(((await rejection(restoreBackup(notBackup))) as BackupError).reason).to.equal('not-a-backup');

    expect(Object.values(await storeCounts()).every((n) => n === 0)).to.equal(true);
  });

  it('empties the profile again when writing fails half-way', async () => {
    const product = (code: string) =>
      JSON.stringify({ code, name: 'x', priceCents: 100, unit: 'pack', stock: 1, createdAt: 0, updatedAt: 0 });
    // Products are written, then a barcode link without its key fails.
    const bytes = await bundleOf(
      ['{"store":"products","count":2}', product('01'), product('02'), '{"store":"barcodes","count":1}', '{"productCode":"01"}'],
      { products: 2, barcodes: 1 },
    );
    expect(await rejection(restoreBackup(bytes))).to.be.instanceOf(Error);
    expect(Object.values(await storeCounts()).every((n) => n === 0)).to.equal(true);
  });

  it('restores a bundle of version 10 or 11 as it is (an open basket written whole included), and refuses older or newer ones', async () => {
    const line = { lineId: 'L1', productCode: '01', barcode: '01', name: '可乐', multiplier: 1, quantity: 2, unitPriceCents: 300 };
    const sale = { id: 'sale-1', kind: 'sale', status: 'open', openedAt: 1, rev: 1, basket: { lines: [line], nextLineNo: 2 } };
    const lines = ['{"store":"sessions","count":1}', JSON.stringify(sale)];
    for (const version of [8, DB_VERSION + 1]) {
      const error = await rejection(restoreBackup(await bundleOf(lines, { sessions: 1 }, version)));
      expect((error as BackupError).reason, String(version)).to.equal('other-version');
    }
    await restoreBackup(await bundleOf(lines, { sessions: 1 }, 11));
    expect((await getOpenSession('sale'))?.basket.lines).to.deep.equal([line]);
    await deleteKioskDb();
    await openOwnerSession();
    await restoreBackup(await bundleOf(lines, { sessions: 1 }, 10));
    expect((await getOpenSession('sale'))?.basket.lines).to.deep.equal([line]);
  });

  it('restores into an empty profile only, and only for the owner', async () => {
    await seedShop({ products: 5, movements: 50, scans: 20 });
    const { bytes } = await createBackup();
    const hashes = await shopHashes();
    const error = await rejection(restoreBackup(bytes));
    expect((error as BackupError).reason).to.equal('not-empty');
    expect(await shopHashes()).to.deep.equal(hashes);

    await deleteKioskDb();
    forgetSessionForTests();
    expect(await rejection(restoreBackup(bytes))).to.be.instanceOf(NotAllowedError);
    expect(Object.values(await storeCounts()).every((n) => n === 0)).to.equal(true);
  });

  it("keeps this terminal's PINs and audit log: a restore neither overwrites nor clears them", async () => {
    await seedShop({ products: 3, movements: 10, scans: 5 });
    const { bytes } = await createBackup();
    await deleteKioskDb();
    // The new terminal: its owner sets a PIN and signs in to restore.
    await openOwnerSession('97531');
    const auditBefore = await (await getDb()).getAll('audit');
    await restoreBackup(bytes);
    const db = await getDb();
    const audit = await db.getAll('audit');
    expect(audit.slice(0, auditBefore.length)).to.deep.equal(auditBefore);
    expect(audit.at(-1)).to.deep.include({ kind: 'owner-action', action: 'restore', role: 'owner' });
    forgetSessionForTests();
    await openOwnerSession('97531'); // the new PIN, not the backed-up terminal's
    expect(await db.count('products')).to.equal(3);
  });
});
