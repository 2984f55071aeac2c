import { expect } from '@open-wc/testing';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { clearScanTimings, getScanTimings } from '../../src/data/metrics.ts';
import { sendWedgeLine, subscribeScanStream, type ConnectionStatus, type ScanStreamOptions } from '../../src/data/scan-stream.ts';
import { countScans, hasScan, storeScan, type StoreScanResult } from '../../src/data/scans.ts';
import type { RejectedScan, Scan, ScannerState } from '../../src/domain/scan-protocol.ts';
import { makeScan } from './shop-fixtures.ts';
import { FakeService } from './fakes.ts';

/** A scan of the same pack, `seq` in boot `boot`. */
function scan(seq: number, boot = 1): Scan {
  return makeScan('6901234567892', { id: `${boot}-${seq}`, boot, seq, receivedAt: 1_700_000_000_000 + seq });
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function settleFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('scan stream', () => {
  let unsubscribe: (() => void) | undefined;

  beforeEach(async () => {
    unsubscribe?.();
    unsubscribe = undefined;
    FakeService.instances = [];
    clearScanTimings();
    await deleteKioskDb();
  });
  afterEach(async () => {
    unsubscribe?.();
    unsubscribe = undefined;
    await closeDb();
  });

  async function connect(handlers: Parameters<typeof subscribeScanStream>[0], options: ScanStreamOptions = {}) {
    unsubscribe = subscribeScanStream(handlers, {
      url: 'ws://terminal.test/scans',
      WebSocket: FakeService,
      reconnect: { minDelayMs: 20, maxDelayMs: 50 },
      ...options,
    });
    await until(() => FakeService.instances.length > 0, 'the socket to be created');
    const socket = FakeService.instances.at(-1)!;
    socket.accept();
    return socket;
  }

  it('subscribes to the counter role first on every connection', async () => {
    const socket = await connect({});
    expect(socket.sent[0]).to.deep.equal({ type: 'subscribe', role: 'counter' });
    socket.drop();
    await until(() => FakeService.instances.length === 2, 'a reconnect');
    const second = FakeService.instances[1]!;
    second.accept();
    expect(second.sent[0]).to.deep.equal({ type: 'subscribe', role: 'counter' });
  });

  it('does not carry acks over a reconnect: the new connection subscribes first and acks the re-offer', async () => {
    const gate = deferred();
    const first = await connect({}, { store: async (s) => (await gate.promise, storeScan(s)) });
    first.deliver({ type: 'scans', scans: [scan(7)] });
    first.drop();
    gate.resolve();
    await until(async () => await hasScan('1-7'), 'the store');
    await until(() => FakeService.instances.length === 2, 'a reconnect');
    const second = FakeService.instances[1]!;
    second.accept();
    await settleFor(50);
    expect(second.sent).to.deep.equal([{ type: 'subscribe', role: 'counter' }]);
    second.deliver({ type: 'scans', scans: [scan(7)] });
    await until(() => second.ackedIds().includes('1-7'), 'the ack of the re-offer');
  });

  it('passes on the journal health from hello and from journal messages', async () => {
    const states: string[] = [];
    const socket = await connect({ onJournal: (j) => states.push(j.status) });
    socket.deliver({ type: 'hello', bootId: 'b', version: '1', scanners: [], journal: { status: 'ok' } });
    socket.deliver({ type: 'journal', journal: { status: 'disk-full', code: 'ENOSPC' } });
    socket.deliver({ type: 'journal', journal: { status: 'ok' } });
    expect(states).to.deep.equal(['ok', 'disk-full', 'ok']);
  });

  it('stops for good when another window takes over: no more acks, no reconnect', async () => {
    let replaced = 0;
    const gate = deferred();
    const socket = await connect({ onReplaced: () => replaced++ }, { store: async (s) => (await gate.promise, storeScan(s)) });
    socket.deliver({ type: 'scans', scans: [scan(1)] });
    socket.deliver({ type: 'replaced', role: 'counter' });
    expect(replaced).to.equal(1);
    gate.resolve();
    await settleFor(200);
    expect(socket.ackedIds()).to.deep.equal([]);
    expect(FakeService.instances).to.have.length(1);
  });

  it('shows the scan at once and acks it only after it is committed to IndexedDB', async () => {
    const committed = new Set<string>();
    const gate = deferred();
    const store = async (s: Scan): Promise<StoreScanResult> => {
      await gate.promise;
      const result = await storeScan(s);
      committed.add(s.id);
      return result;
    };
    const shown: { scan: Scan; stored: Promise<StoreScanResult> }[] = [];
    const socket = await connect({ onScan: (s, stored) => shown.push({ scan: s, stored }) }, { store });
    const ackedBeforeCommit: string[] = [];
    socket.onSend = (m) => {
      if (m.type === 'ack') ackedBeforeCommit.push(...m.ids.filter((id) => !committed.has(id)));
    };

    socket.deliver({ type: 'scans', scans: [scan(1)] });
    // The handler runs synchronously in the message event, before any storing.
    expect(shown.map((s) => s.scan.id)).to.deep.equal(['1-1']);

    await settleFor(100);
    expect(socket.ackedIds()).to.deep.equal([]);
    expect(await hasScan('1-1')).to.equal(false);

    gate.resolve();
    expect(await shown[0]!.stored).to.equal('stored');
    await until(() => socket.ackedIds().includes('1-1'), 'the ack');
    expect(ackedBeforeCommit).to.deep.equal([]);
    expect(await hasScan('1-1')).to.equal(true);
    expect(getScanTimings().find((t) => t.id === '1-1')?.committedAt).to.be.a('number');
  });

  it('stores with the real store and acks several scans, each once', async () => {
    const stored: Promise<StoreScanResult>[] = [];
    const socket = await connect({ onScan: (_s, p) => stored.push(p) });
    for (let seq = 1; seq <= 20; seq++) socket.deliver({ type: 'scans', scans: [scan(seq)] });
    expect(await Promise.all(stored)).to.deep.equal(Array(20).fill('stored'));
    await until(() => socket.ackedIds().length === 20, 'all acks');
    expect([...socket.ackedIds()].sort()).to.deep.equal(Array.from({ length: 20 }, (_, i) => `1-${i + 1}`).sort());
    expect(await countScans()).to.equal(20);
  });

  it('takes a slice of a backlog in one message: each scan stored and acked once, in order', async () => {
    const arrived: string[] = [];
    const stored: Promise<StoreScanResult>[] = [];
    const socket = await connect({ onScan: (s, p) => (arrived.push(s.id), stored.push(p)) });
    socket.deliver({ type: 'scans', scans: Array.from({ length: 128 }, (_, i) => scan(i + 1)) });
    socket.deliver({ type: 'scans', scans: [scan(129), scan(1)] });
    expect(arrived).to.deep.equal(Array.from({ length: 129 }, (_, i) => `1-${i + 1}`));
    expect(await Promise.all(stored)).to.deep.equal(Array(129).fill('stored'));
    await until(() => socket.ackedIds().length === 129, 'all acks');
    expect(await countScans()).to.equal(129);
  });

  it('acks a re-offered scan after a reconnect without keeping a second record', async () => {
    const results: StoreScanResult[] = [];
    const statuses: ConnectionStatus[] = [];
    const first = await connect({
      onScan: (_s, stored) => void stored.then((r) => results.push(r)),
      onConnection: (s) => statuses.push(s),
    });
    first.deliver({ type: 'scans', scans: [scan(5)] });
    await until(() => first.ackedIds().includes('1-5'), 'the first ack');

    // The service did not get the ack (say), the connection drops and it offers the scan again.
    first.drop();
    await until(() => FakeService.instances.length === 2, 'a reconnect');
    const second = FakeService.instances[1]!;
    second.accept();
    second.deliver({ type: 'hello', bootId: 'b', version: '1', scanners: [] });
    second.deliver({ type: 'scans', scans: [scan(5)] });
    await until(() => second.ackedIds().includes('1-5'), 'the ack of the re-offer');

    expect(results).to.deep.equal(['stored', 'duplicate']);
    expect(await countScans()).to.equal(1);
    expect(statuses).to.deep.equal(['connecting', 'open', 'closed', 'open']);
  });

  it('stores a scan re-offered while its first store is still running only once', async () => {
    let calls = 0;
    const gate = deferred();
    const store = async (s: Scan): Promise<StoreScanResult> => {
      calls++;
      await gate.promise;
      return storeScan(s);
    };
    const shown: string[] = [];
    const socket = await connect({ onScan: (s) => shown.push(s.id) }, { store });
    socket.deliver({ type: 'scans', scans: [scan(9)] });
    socket.deliver({ type: 'scans', scans: [scan(9)] });
    gate.resolve();
    await until(() => socket.ackedIds().includes('1-9'), 'the ack');
    expect(calls).to.equal(1);
    expect(shown).to.deep.equal(['1-9']);
    expect(await countScans()).to.equal(1);
  });

  it('does not ack a scan whose store failed, retries it and acks once it is stored', async () => {
    let calls = 0;
    const store = async (s: Scan): Promise<StoreScanResult> => {
      calls++;
      if (calls === 1) throw new DOMException('disk full', 'QuotaExceededError');
      return storeScan(s);
    };
    const errors: { id: string; error: unknown }[] = [];
    let stored: Promise<StoreScanResult> | undefined;
    const socket = await connect(
      { onScan: (_s, p) => (stored = p), onStoreError: (s, error) => errors.push({ id: s.id, error }) },
      { store, storeRetry: { initialMs: 300, maxMs: 1000 } },
    );
    socket.deliver({ type: 'scans', scans: [scan(3)] });

    await until(() => errors.length === 1, 'the store error');
    expect(errors[0]!.id).to.equal('1-3');
    expect((errors[0]!.error as DOMException).name).to.equal('QuotaExceededError');
    expect(socket.ackedIds()).to.deep.equal([]);
    expect(await hasScan('1-3')).to.equal(false);

    expect(await stored).to.equal('stored');
    await until(() => socket.ackedIds().includes('1-3'), 'the ack after the retry');
    expect(calls).to.equal(2);
    expect(socket.ackedIds()).to.deep.equal(['1-3']);
    expect(await countScans()).to.equal(1);
  });

  it('stops retrying when unsubscribed and rejects the pending store', async () => {
    let calls = 0;
    const store = async (): Promise<StoreScanResult> => {
      calls++;
      throw new Error('broken');
    };
    let stored: Promise<StoreScanResult> | undefined;
    const socket = await connect({ onScan: (_s, p) => (stored = p) }, { store, storeRetry: { initialMs: 50, maxMs: 50 } });
    socket.deliver({ type: 'scans', scans: [scan(4)] });
    await until(() => calls >= 2, 'a retry');
    unsubscribe!();
    unsubscribe = undefined;
    let rejected = false;
    await stored!.catch(() => (rejected = true));
    expect(rejected).to.equal(true);
    const callsAtClose = calls;
    await settleFor(200);
    expect(calls).to.equal(callsAtClose);
    expect(socket.ackedIds()).to.deep.equal([]);
  });

  it('passes scanners, rejected scans and connection state to the screen, and drops bad messages', async () => {
    const scannerLists: ScannerState[][] = [];
    const rejected: RejectedScan[] = [];
    const shown: string[] = [];
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const socket = await connect({
        onScanners: (list) => scannerLists.push(list),
        onRejected: (r) => rejected.push(r),
        onScan: (s) => shown.push(s.id),
      });
      socket.deliver({
        type: 'hello',
        bootId: 'b',
        version: '1',
        scanners: [
          { id: 'counter', path: '/dev/ttyACM0', status: 'connected' },
          { id: 'display', path: null, status: 'connecting' },
        ],
      });
      socket.deliver({ type: 'scanner', scanner: { id: 'display', path: null, status: 'error', cause: 'not-found' } });
      socket.deliver({ type: 'rejected', rejected: { scannerId: 'counter', reason: 'bad-check-digit', text: '123', receivedAt: 1 } });
      socket.deliver('{not json');
      socket.deliver(JSON.stringify({ type: 'scans', scans: [{ id: 'x' }] }));
      socket.deliver({ type: 'scans', scans: [scan(1)] });

      expect(scannerLists).to.have.length(2);
      expect(scannerLists[0]!.map((s) => `${s.id}:${s.status}`)).to.deep.equal(['counter:connected', 'display:connecting']);
      expect(scannerLists[1]!.map((s) => `${s.id}:${s.status}`)).to.deep.equal(['counter:connected', 'display:error']);
      expect(rejected.map((r) => r.reason)).to.deep.equal(['bad-check-digit']);
      expect(shown).to.deep.equal(['1-1']);
      expect(warnings.filter((w) => String(w[0]).includes('dropped'))).to.have.length(2);
      await until(() => socket.ackedIds().includes('1-1'), 'the ack');
    } finally {
      console.warn = warn;
    }
  });

  it('sends wedge lines only while connected', async () => {
    expect(sendWedgeLine('6901234567892')).to.equal(false);
    const socket = await connect({});
    expect(sendWedgeLine('6901234567892')).to.equal(true);
    expect(socket.sent).to.deep.include({ type: 'wedge', line: '6901234567892' });
    expect(sendWedgeLine('x'.repeat(1025))).to.equal(false);
    unsubscribe!();
    unsubscribe = undefined;
    expect(sendWedgeLine('6901234567892')).to.equal(false);
    expect(socket.sent.filter((m) => m.type === 'wedge')).to.have.length(1);
  });
});
