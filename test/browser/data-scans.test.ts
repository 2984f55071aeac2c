import { expect } from '@open-wc/testing';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { countScans, getRecentScans, hasScan, storeScan, storeScans } from '../../src/data/scans.ts';
import type { Scan } from '../../src/domain/scan-protocol.ts';

function scan(boot: number, seq: number, receivedAt = 1_700_000_000_000 + seq): Scan {
  return {
    id: `b${boot}-${seq}`,
    boot,
    seq,
    scannerId: 'counter',
    code: '06901234567892',
    text: '6901234567892',
    symbology: 'ean13',
    verified: true,
    receivedAt,
  };
}

describe('scans store', () => {
  beforeEach(async () => {
    await deleteKioskDb();
  });
  afterEach(async () => {
    await closeDb();
  });

  it('stores a batch in one go: new scans stored, known ones and repeats within the batch duplicates', async () => {
    await storeScan(scan(1, 1), 1000);
    const results = await storeScans([scan(1, 1), scan(1, 2), scan(1, 3), scan(1, 2)], 2000);
    expect(results).to.deep.equal(['duplicate', 'stored', 'stored', 'duplicate']);
    expect(await countScans()).to.equal(3);
    const kept = await getRecentScans(10);
    expect(kept.map((s) => [s.id, s.storedAt])).to.deep.equal([
      ['b1-3', 2000],
      ['b1-2', 2000],
      ['b1-1', 1000],
    ]);
  });

  it('stores a scan once: the second store of the same id is a duplicate and changes nothing', async () => {
    const first = scan(1, 1);
    expect(await storeScan(first, 1000)).to.equal('stored');
    expect(await hasScan(first.id)).to.equal(true);

    // Same id, different content: the record already kept must not be rewritten.
    expect(await storeScan({ ...first, code: 'OTHER' }, 2000)).to.equal('duplicate');
    expect(await countScans()).to.equal(1);
    const [kept] = await getRecentScans(10);
    expect(kept?.code).to.equal('06901234567892');
    expect(kept?.storedAt).to.equal(1000);
  });

  it('keeps one record when the same scan is stored twice at once', async () => {
    const s = scan(2, 7);
    const results = await Promise.all([storeScan(s), storeScan(s), storeScan(s)]);
    expect(results.filter((r) => r === 'stored')).to.have.length(1);
    expect(results.filter((r) => r === 'duplicate')).to.have.length(2);
    expect(await countScans()).to.equal(1);
  });

  it('lists recent scans newest first by boot and sequence, not by wall clock', async () => {
    // The clock jumped back after a reboot (no RTC): boot 2 scans have earlier times.
    const scans = [scan(1, 1, 5000), scan(1, 2, 6000), scan(1, 10, 7000), scan(2, 1, 100), scan(2, 2, 50), scan(2, 3, 200)];
    // Stored out of order, too.
    for (const s of [scans[3]!, scans[0]!, scans[5]!, scans[2]!, scans[1]!, scans[4]!]) await storeScan(s);

    const recent = await getRecentScans(4);
    expect(recent.map((s) => s.id)).to.deep.equal(['b2-3', 'b2-2', 'b2-1', 'b1-10']);
    expect((await getRecentScans(100)).map((s) => s.id)).to.deep.equal(['b2-3', 'b2-2', 'b2-1', 'b1-10', 'b1-2', 'b1-1']);
    expect(await getRecentScans(0)).to.deep.equal([]);
  });

  it('answers hasScan for unknown ids', async () => {
    expect(await hasScan('nope')).to.equal(false);
    expect(await countScans()).to.equal(0);
  });
});
