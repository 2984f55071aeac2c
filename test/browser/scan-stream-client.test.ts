import { expect } from '@open-wc/testing';
import { subscribeScanStreamInWorker, type WorkerStream } from '../../src/data/scan-stream-client.ts';
import { sendWedgeLine, type ConnectionStatus } from '../../src/data/scan-stream.ts';
import type { PageToWorker } from '../../src/data/scan-stream-messages.ts';
import { makeScan } from './shop-fixtures.ts';

/** A Worker that never runs: it keeps what the page posts and fails when told to. */
class FakeWorker {
  static last: FakeWorker | undefined;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  posted: PageToWorker[] = [];
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(message: PageToWorker): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The page hears what the worker says. */
  say(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
}

describe('scan stream in a worker (the page end)', () => {
  const realWorker = globalThis.Worker;
  let stream: WorkerStream | undefined;

  afterEach(() => {
    stream?.close();
    stream = undefined;
    globalThis.Worker = realWorker;
    FakeWorker.last = undefined;
  });

  function useFakeWorker(): void {
    globalThis.Worker = FakeWorker as unknown as typeof Worker;
  }

  it('subscribes the worker with the mode shown, and tells it every mode change', async () => {
    useFakeWorker();
    stream = subscribeScanStreamInWorker({}, { mode: { mode: 'sell', into: 'sale' } });
    const worker = FakeWorker.last!;
    // The page opens the database before the worker subscribes.
    for (let i = 0; i < 50 && worker.posted.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(worker.posted[0]).to.include({ type: 'subscribe', role: 'counter', mode: 'sell', into: 'sale' });
    stream.setMode({ mode: 'lookup' });
    expect(worker.posted.at(-1)).to.deep.equal({ type: 'mode', mode: 'lookup' });
  });

  it('hands arrivals over with the mode the worker stored them for, and settles them when stored', async () => {
    useFakeWorker();
    const arrived: Array<[string, string | undefined]> = [];
    const effects: string[] = [];
    let stored: Promise<unknown> | undefined;
    stream = subscribeScanStreamInWorker(
      {
        onArrive: (scan, mode) => arrived.push([scan.id, mode]),
        onScan: (_scan, result) => (stored = result),
        onEffect: (id) => effects.push(id),
      },
      { mode: { mode: 'sell', into: 'sale' } },
    );
    const worker = FakeWorker.last!;
    const scan = makeScan('6901234567892', { id: '1-1' });
    worker.say({ type: 'arrive', scan, mode: 'receive' });
    expect(arrived).to.deep.equal([['1-1', 'receive']]);
    worker.say({ type: 'stored', outcomes: [{ id: '1-1', result: 'stored', effect: { kind: 'unknown-code' }, committedAt: 5 }] });
    expect(await stored).to.equal('stored');
    expect(effects).to.deep.equal(['1-1']);
    // The worker may send the next commits once the page has taken these.
    await new Promise((r) => setTimeout(r, 20));
    expect(worker.posted.some((m) => m.type === 'stored-taken')).to.equal(true);
  });

  it('sends wedge lines to the worker only while it is connected', async () => {
    useFakeWorker();
    const statuses: ConnectionStatus[] = [];
    stream = subscribeScanStreamInWorker({ onConnection: (s) => statuses.push(s) }, { mode: { mode: 'sell', into: 'sale' } });
    const worker = FakeWorker.last!;
    // Through the scan-stream module, as the wedge input sends them.
    expect(sendWedgeLine('6901234567892')).to.equal(false);
    worker.say({ type: 'connection', status: 'open' });
    expect(statuses).to.deep.equal(['open']);
    expect(sendWedgeLine('6901234567892')).to.equal(true);
    expect(worker.posted.at(-1)).to.deep.equal({ type: 'wedge', line: '6901234567892' });
  });

  it('takes the scans on the page when the worker fails to start, and drops what the worker had not stored', async () => {
    useFakeWorker();
    const statuses: ConnectionStatus[] = [];
    let stored: Promise<unknown> | undefined;
    stream = subscribeScanStreamInWorker(
      { onConnection: (s) => statuses.push(s), onScan: (_scan, result) => (stored = result) },
      { mode: { mode: 'sell', into: 'sale' } },
    );
    const worker = FakeWorker.last!;
    const scan = makeScan('6901234567892', { id: '1-2' });
    worker.say({ type: 'arrive', scan, mode: 'sell' });
    expect(statuses).to.deep.equal([]);
    worker.onerror!(new ErrorEvent('error', { message: 'script failed', cancelable: true }));
    expect(worker.terminated).to.equal(true);
    // The page's own stream has started connecting to the service.
    expect(statuses).to.deep.equal(['connecting']);
    let reason: unknown;
    await stored!.catch((e: unknown) => (reason = e));
    expect((reason as Error).name).to.equal('ScanStreamClosedError');
  });

  it('runs on the page where there is no Worker at all', () => {
    globalThis.Worker = undefined as unknown as typeof Worker;
    const statuses: ConnectionStatus[] = [];
    stream = subscribeScanStreamInWorker({ onConnection: (s) => statuses.push(s) }, { mode: { mode: 'lookup' } });
    expect(statuses).to.deep.equal(['connecting']);
  });
});
