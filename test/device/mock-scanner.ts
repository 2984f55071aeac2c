/**
 * The scanner tests' MockBinding (binding-mock) port, its fake timers and a
 * scanner made on it: shared by scanner.test.ts and scanner-ports.test.ts.
 */
// @ts-expect-error -- the package's exports map has no "types" condition, so under
// moduleResolution "bundler" its declarations are not found; typed below instead.
import { MockBinding as UntypedMockBinding } from '@serialport/binding-mock';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { ScannerState } from '../../src/domain/scan-protocol.ts';
import type { PortInfo } from '../../device/scanner/auto-detect.ts';
import { SerialScanner, type ScannerConfig, type ScannerDeps, type ScannerRead } from '../../device/scanner/scanner.ts';
import type { BindingInterface } from '../../device/scanner/binding.ts';

/** The part of binding-mock these tests use (see its dist/index.d.ts). */
export interface MockPortBinding {
  isOpen: boolean;
  emitData(data: Buffer | string): void;
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
  close(): Promise<void>;
}
interface MockBindingApi {
  reset(): void;
  createPort(path: string, options?: { echo?: boolean; record?: boolean; vendorId?: string; productId?: string }): void;
  list(): Promise<PortInfo[]>;
  open(options: { path: string; baudRate: number }): Promise<MockPortBinding>;
}
export const MockBinding = UntypedMockBinding as MockBindingApi;

/** Wait (in real time) for file-system work the fake timers do not drive. */
export async function flushUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await flush(1);
}

// Only timers are faked: binding-mock and the stream run on nextTick and
// promises, which flush() lets run with the real setImmediate.
const realSetImmediate = globalThis.setImmediate;
export const realSetTimeout = globalThis.setTimeout;
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => realSetImmediate(resolve));
}

/** MockBinding, counting open attempts and keeping each opened port. */
export function recordingBinding(overrides: { open?: (options: { path: string }) => Promise<unknown> } = {}) {
  const opened: MockPortBinding[] = [];
  const attempts: string[] = [];
  const binding: BindingInterface = {
    list: () => MockBinding.list(),
    async open(options) {
      attempts.push(options.path);
      if (overrides.open) return overrides.open(options);
      const port = await MockBinding.open(options);
      opened.push(port);
      return port;
    },
  };
  return { binding, opened, attempts, last: () => opened.at(-1)! };
}

export function makeScanner(config: Partial<ScannerConfig>, deps: ScannerDeps) {
  const clock = { now: 1000 };
  const scanner = new SerialScanner(
    { id: 'counter', path: '/dev/ttyACM0', baudRate: 9600, lineEnding: 'any', doubleReadMs: 300, ...config },
    { now: () => clock.now, ...deps },
  );
  const states: ScannerState[] = [];
  const reads: ScannerRead[] = [];
  scanner.on('state', (state) => states.push(state));
  scanner.on('read', (read) => reads.push(read));
  return { scanner, states, reads, clock };
}

/** A scanner on /dev/ttyACM0 whose ports are recorded, started and past its first open. */
export async function startedScanner(config: Partial<ScannerConfig> = {}) {
  MockBinding.createPort('/dev/ttyACM0');
  const rec = recordingBinding();
  const made = makeScanner(config, { binding: rec.binding });
  made.scanner.start();
  await flushUntil(() => made.scanner.state.status !== 'connecting');
  return { ...made, rec };
}

/** Lets `ms` of fake time pass, then waits (in real time) until the scanner's status is `status`. */
export async function advanceUntilStatus(scanner: SerialScanner, ms: number, status: ScannerState['status']): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await flushUntil(() => scanner.state.status === status);
}

/** The scanner went disconnected for an unplug, then came back after the first retry. */
export async function expectUnpluggedThenBack(scanner: SerialScanner, between: () => void = () => {}): Promise<void> {
  await flushUntil(() => scanner.state.status === 'disconnected');
  expect(scanner.state).toMatchObject({ status: 'disconnected', cause: 'unplugged' });
  between();
  await advanceUntilStatus(scanner, 250, 'connected');
  expect(scanner.state.status).toBe('connected');
}

/** A read failing with EIO, as bindings-cpp reports a USB unplug: the stream closes with a DisconnectedError. */
export function unplugByReadError(port: MockPortBinding): void {
  port.read = async () => {
    throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
  };
  port.emitData(Buffer.alloc(0)); // wakes the pending read, which now fails
}

/** A scanner with path 'auto' choosing among MockBinding's ports, its ports recorded. */
export function autoScanner(rec: ReturnType<typeof recordingBinding>, deps: Partial<ScannerDeps> = {}) {
  return makeScanner({ path: 'auto' }, { binding: rec.binding, list: () => MockBinding.list(), ...deps });
}

/** Each test starts with no MockBinding port and fake timers (only timers: see flush()). */
export function useMockBindingAndFakeTimers(): void {
  beforeEach(() => {
    MockBinding.reset();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });
}
