import { expect } from '@open-wc/testing';
import { deleteKioskDb, getDb } from '../../src/data/db.ts';
import { createBackup, restoreBackup } from '../../src/data/backup.ts';
import { gradeQuarter } from '../../src/data/evaluation-data.ts';
import {
  getTerminalKey,
  gunzipText,
  keyFingerprint,
  makeVisitBundle,
  verifyBundle,
  writeBundleToUsb,
} from '../../src/data/visit-bundle.ts';
import { parseSignedFleetBundle } from '../../src/domain/fleet-bundle.ts';
import { sendBoardReceipts } from '../../src/data/board.ts';
import type { OutboxService } from '../../src/data/outbox.ts';
import { freshShopWithOwner, openOwnerSession } from './shop-fixtures.ts';
import { NOW, seedReportLedger } from './report-ledger.ts';

/** A stick in memory, with the service's rules for names. */
function memoryStick() {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    read: async (path: string) => files.get(path) ?? new Uint8Array(),
    writeBytes: async (path: string, bytes: Uint8Array) => {
      if (!path.endsWith('.fleet.json.gz')) throw new Error('not-csv');
      files.set(path, bytes);
    },
  };
}

async function gzipText(text: string): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

describe('the signed visit bundle (WebCrypto in Chromium)', () => {
  freshShopWithOwner(seedReportLedger);

  it("makes the key pair once, keeps the private key non-extractable in the terminal's own store", async () => {
    const first = await getTerminalKey();
    const again = await getTerminalKey();
    expect(again.publicKey).to.equal(first.publicKey);
    expect(first.publicKey).to.match(/^[A-Za-z0-9+/]{43}=$/);
    expect(first.privateKey.extractable).to.equal(false);
    const db = await getDb();
    const stored = await db.get('security', 'signing-key');
    expect(stored?.key).to.equal('signing-key');
    expect(await keyFingerprint(first.publicKey)).to.match(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
  });

  it('a backup restored onto another terminal does not carry the signing key: that terminal makes its own', async () => {
    const mine = await getTerminalKey();
    const { bytes } = await createBackup();
    await deleteKioskDb();
    await openOwnerSession();
    await restoreBackup(bytes);
    const db = await getDb();
    expect(await db.get('security', 'signing-key')).to.equal(undefined);
    expect((await getTerminalKey()).publicKey).to.not.equal(mine.publicKey);
  });

  it("builds, signs, writes and verifies the quarter's bundle with its evaluation; a tampered copy fails", async () => {
    await gradeQuarter({ year: 2026, q: 1 }, [{ date: '2026-03-05', priceTagsMissing: 2, displayTidyDone: true }], NOW);
    const visit = { date: '2026-03-05', rep: 'R-01', grade: null, stockErrorBasisPoints: null, priceTagsMissing: 2, notes: '' };
    const file = await makeVisitBundle({
      period: { from: '2026-01-01', to: '2026-03-31' },
      quarter: { year: 2026, q: 1 },
      visit,
      now: NOW,
    });
    const parsed = parseSignedFleetBundle(JSON.parse(file.text));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const b = parsed.value.bundle;
    expect(b.schemaVersion).to.equal(2);
    expect(b.sequence).to.equal(1);
    expect(b.schemaVersion === 2 && b.evaluation?.quarter).to.equal('2026-Q1');
    expect(b.daily.map((r) => [r.productCode.slice(-3), r.packsSold, r.stock])).to.have.length.greaterThan(0);
    expect(file.fileName).to.match(/^T[0-9a-f]{12}-2026-Q1-1\.fleet\.json\.gz$/);
    expect(await gunzipText(file.gzip)).to.equal(file.text);
    expect(await verifyBundle(parsed.value)).to.equal(true);

    const stick = memoryStick();
    const written = await writeBundleToUsb(stick, 'media/pi/STICK', file);
    expect(written).to.deep.equal({ path: `media/pi/STICK/${file.fileName}`, verified: true });

    const tampered = JSON.parse(file.text);
    tampered.bundle.daily[0].salesCents += 1;
    expect(await verifyBundle(tampered)).to.equal(false);
    stick.files.set(written.path, await gzipText(JSON.stringify(tampered)));
    expect((await writeBundleToUsb({ ...stick, writeBytes: async () => undefined }, 'media/pi/STICK', file)).verified).to.equal(false);

    const next = await makeVisitBundle({ period: { from: '2026-01-01', to: '2026-03-31' }, visit: null, now: NOW });
    expect(next.signed.bundle.sequence).to.equal(2);
  });

  it("names the district the outbox learnt from the collector; 'unassigned' before it knows", async () => {
    const handed: Uint8Array[] = [];
    const outboxIn = (district: string | null): OutboxService => ({
      put: async (_name, bytes) => void handed.push(bytes),
      state: async () => ({
        collector: 'http://collector',
        pending: [],
        refused: [],
        lastProblem: null,
        failures: 0,
        delivered: 1,
        district,
      }),
    });
    expect((await sendBoardReceipts(outboxIn('D-east'), NOW)).status).to.equal('queued');
    expect((await sendBoardReceipts(outboxIn(null), NOW)).status).to.equal('queued');
    const districts = await Promise.all(
      handed.map(async (b) => (JSON.parse(await gunzipText(b)) as { bundle: { district: string } }).bundle.district),
    );
    expect(districts).to.deep.equal(['D-east', 'unassigned']);
  });

  it("carries each read item's accepted / quotas-applied flags and the owner's messages, newest first; a valid bundle", async () => {
    const db = await getDb();
    await db.put('boardReads', { itemId: 'promo', seenOn: '2026-03-02', readAt: NOW, acceptedAt: NOW });
    await db.put('boardReads', { itemId: 'supply', seenOn: '2026-03-01', readAt: NOW - 1000, quotasAppliedAt: NOW });
    await db.put('boardReads', { itemId: 'news', seenOn: '2026-03-01', readAt: NOW - 2000 });
    // Written with a clock set back: the store's order, not writtenAt, says which is newest.
    await db.add('ownerMessages', { text: '中华常断货', writtenAt: NOW });
    await db.add('ownerMessages', { text: '请带新品目录', writtenAt: NOW - 86_400_000 });
    const file = await makeVisitBundle({ period: { from: '2026-03-01', to: '2026-03-02' }, visit: null, now: NOW });
    const { bundle } = file.signed;
    expect(bundle.boardAcks).to.deep.equal([
      { itemId: 'promo', seenOn: '2026-03-02', accepted: true },
      { itemId: 'supply', seenOn: '2026-03-01', quotasApplied: true },
      { itemId: 'news', seenOn: '2026-03-01' },
    ]);
    expect(bundle.ownerMessages?.map((m) => m.text)).to.deep.equal(['请带新品目录', '中华常断货']);
    expect(bundle.ownerMessages?.[1]).to.deep.equal({ id: 1, text: '中华常断货', writtenAt: NOW });
    expect(parseSignedFleetBundle(JSON.parse(file.text)).ok).to.equal(true);
    expect(await verifyBundle(file.signed)).to.equal(true);
  });
});
