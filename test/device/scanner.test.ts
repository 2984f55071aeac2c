import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SerialScanner } from '../../device/scanner/scanner.ts';
import { explainOpenError } from '../../device/scanner/open-errors.ts';
import {
  MockBinding,
  expectUnpluggedThenBack,
  flush,
  advanceUntilStatus,
  flushUntil,
  makeScanner,
  realSetTimeout,
  recordingBinding,
  startedScanner,
  unplugByReadError,
  useMockBindingAndFakeTimers,
} from './mock-scanner.ts';

useMockBindingAndFakeTimers();

describe('SerialScanner on MockBinding', () => {
  it('connects and reports accepted and rejected codes, without double reads', async () => {
    MockBinding.createPort('/dev/ttyACM0', { echo: false, record: true });
    const rec = recordingBinding();
    const { scanner, states, reads, clock } = makeScanner({}, { binding: rec.binding });
    expect(scanner.state.status).toBe('off');
    scanner.start();
    await flushUntil(() => scanner.state.status !== 'connecting');
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected']);
    expect(scanner.state).toEqual({ id: 'counter', path: '/dev/ttyACM0', status: 'connected' });

    const port = rec.last();
    port.emitData('690102807');
    port.emitData('5831\r\n');
    await flush();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toEqual({
      result: { ok: true, code: '06901028075831', text: '6901028075831', symbology: 'ean13', verified: true },
      monotonicMs: 1000,
    });

    clock.now = 1150; // the scanner re-reads the same label
    port.emitData('6901028075831\r\n');
    clock.now = 1200;
    port.emitData('6901028075832\r\n\u0001\u0002garbage\r\n' + 'X'.repeat(600) + '\r\n');
    await flush();
    clock.now = 2000; // the same pack scanned again on purpose
    port.emitData('6901028075831\r');
    await flush();
    expect(reads.map((r) => (r.result.ok ? r.result.code : r.result.reason))).toEqual([
      '06901028075831',
      'bad-check-digit',
      'control-bytes',
      'too-long',
      '06901028075831',
    ]);
    expect(reads.at(-1)?.monotonicMs).toBe(2000);
    await scanner.stop();
  });

  it('strips the configured prefix and suffix', async () => {
    const { scanner, reads, rec } = await startedScanner({ prefix: '<', suffix: '>' });
    rec.last().emitData('<4006381333931>\r');
    await flush();
    expect(reads[0]?.result).toMatchObject({ ok: true, text: '4006381333931' });
    await scanner.stop();
  });

  it('goes disconnected on unplug, retries with backoff and resumes on replug', async () => {
    MockBinding.createPort('/dev/ttyACM0');
    const rec = recordingBinding();
    const { scanner, states, reads } = makeScanner({}, { binding: rec.binding });
    scanner.start();
    await flushUntil(() => scanner.state.status === 'connected');
    expect(scanner.state.status).toBe('connected');
    expect(rec.attempts).toHaveLength(1);

    // A half-sent code at the moment of the unplug must not become a scan.
    rec.last().emitData('69010');
    await flush();
    MockBinding.reset(); // the device is gone: reopening finds nothing
    unplugByReadError(rec.last());
    await flushUntil(() => scanner.state.status === 'disconnected');
    expect(scanner.state).toMatchObject({ status: 'disconnected', cause: 'unplugged', path: '/dev/ttyACM0' });
    expect(scanner.state.hint).toMatch(/plug/);

    // Backoff: 250, 500, 1000, 2000, 4000, then capped at 5000 ms.
    const expectAttemptsAfter = async (ms: number, attempts: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      await flush();
      expect(rec.attempts).toHaveLength(attempts);
    };
    await expectAttemptsAfter(249, 1);
    await expectAttemptsAfter(1, 2);
    await expectAttemptsAfter(499, 2);
    await expectAttemptsAfter(1, 3);
    await expectAttemptsAfter(999, 3);
    await expectAttemptsAfter(1, 4);
    await expectAttemptsAfter(2000, 5);
    await expectAttemptsAfter(4000, 6);
    await expectAttemptsAfter(4999, 6);
    await expectAttemptsAfter(1, 7);
    await expectAttemptsAfter(5000, 8);
    // "Not found" while unplugged is expected: still 'disconnected', not an error.
    expect(scanner.state).toMatchObject({ status: 'disconnected', cause: 'unplugged' });

    MockBinding.createPort('/dev/ttyACM0'); // replug
    await expectAttemptsAfter(5000, 9);
    await flushUntil(() => scanner.state.status === 'connected');
    expect(scanner.state).toEqual({ id: 'counter', path: '/dev/ttyACM0', status: 'connected' });
    rec.last().emitData('5831\r4006381333931\r');
    await flush();
    // "5831" alone: the "69010" sent before the unplug was dropped, not glued on.
    expect(reads.map((r) => r.result.text)).toEqual(['5831', '4006381333931']);

    // A successful open resets the backoff: the next unplug retries after 250 ms again.
    unplugByReadError(rec.last());
    await flushUntil(() => scanner.state.status === 'disconnected');
    expect(scanner.state.status).toBe('disconnected');
    await expectAttemptsAfter(250, 10);
    await flushUntil(() => scanner.state.status === 'connected');
    expect(scanner.state.status).toBe('connected');
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected', 'disconnected', 'connected', 'disconnected', 'connected']);
    await scanner.stop();
  });

  it("treats 'end' from a zero-byte read as an unplug", async () => {
    const { scanner, rec } = await startedScanner();
    const port = rec.last();
    port.read = async (buffer: Buffer) => ({ bytesRead: 0, buffer });
    port.emitData(Buffer.alloc(0));
    // The old port was closed (its lock released), so the retry can reopen it.
    await expectUnpluggedThenBack(scanner, () => expect(port.isOpen).toBe(false));
    expect(rec.opened).toHaveLength(2);
    await scanner.stop();
  });

  it("treats an 'error' event as an unplug", async () => {
    const { scanner, rec } = await startedScanner();
    const port = rec.last();
    // The stream's own close after the failed read fails too: it emits 'error', not 'close'.
    const close = port.close.bind(port);
    port.close = async () => {
      port.close = close;
      throw new Error('EIO: close failed');
    };
    unplugByReadError(port);
    await expectUnpluggedThenBack(scanner);
    await scanner.stop();
  });

  it('notices a device gone from the port list even when the stream stays quiet', async () => {
    MockBinding.createPort('/dev/ttyACM0', { vendorId: '0c2e', productId: '0b61' });
    const rec = recordingBinding();
    const { scanner } = makeScanner({}, { binding: rec.binding, list: () => MockBinding.list() });
    scanner.start();
    await flushUntil(() => scanner.state.status === 'connected');
    expect(scanner.state.status).toBe('connected');
    await vi.advanceTimersByTimeAsync(2000);
    await flush();
    expect(scanner.state.status).toBe('connected'); // still listed: nothing happens

    // Another device now answers at the same path: that is a vanish too.
    MockBinding.reset();
    MockBinding.createPort('/dev/ttyACM0', { vendorId: '1a86', productId: '7523' });
    await advanceUntilStatus(scanner, 2000, 'disconnected');
    expect(scanner.state).toMatchObject({ status: 'disconnected', cause: 'unplugged' });
    await scanner.stop();
  });

  it('notices its device link gone or re-created even when the stream and the list stay quiet', async () => {
    // A real symlink stands in for socat's link (or /dev/serial/by-id/…);
    // MockBinding does the serial part under the same path.
    const dir = await mkdtemp(join(tmpdir(), 'scanner-node-'));
    try {
      const node = join(dir, 'pts-0');
      const path = join(dir, 'scanner-device');
      await writeFile(node, '');
      await symlink(node, path);
      MockBinding.createPort(path);
      const rec = recordingBinding();
      const { scanner } = makeScanner({ path }, { binding: rec.binding, list: async () => [] });
      scanner.start();
      await flushUntil(() => scanner.state.status === 'connected');
      expect(scanner.state.status).toBe('connected');

      await rm(path);
      await vi.advanceTimersByTimeAsync(2000);
      await flushUntil(() => scanner.state.status !== 'connected');
      expect(scanner.state).toMatchObject({ status: 'disconnected', cause: 'unplugged', path });

      await symlink(node, path); // replugged
      await advanceUntilStatus(scanner, 250, 'connected');
      expect(scanner.state.status).toBe('connected');

      // Unplugged and replugged between two polls: same target, but a new link.
      await new Promise((resolve) => realSetTimeout(resolve, 5)); // a ctime that differs
      await rm(path);
      await symlink(node, path);
      await vi.advanceTimersByTimeAsync(2000);
      await flushUntil(() => scanner.state.status !== 'connected');
      expect(scanner.state).toMatchObject({ status: 'disconnected', cause: 'unplugged' });
      await scanner.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps a quiet, present device connected across polls', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scanner-node-'));
    try {
      const path = join(dir, 'ttyACM0');
      await writeFile(path, '');
      MockBinding.createPort(path);
      const rec = recordingBinding();
      const { scanner, states } = makeScanner({ path }, { binding: rec.binding, list: async () => [] });
      scanner.start();
      await flushUntil(() => scanner.state.status === 'connected');
      for (let i = 0; i < 3; i++) {
        await vi.advanceTimersByTimeAsync(2000);
        await new Promise((resolve) => realSetTimeout(resolve, 20)); // let the poll's stat finish
      }
      expect(states.map((s) => s.status)).toEqual(['connecting', 'connected']);
      expect(rec.attempts).toHaveLength(1);
      await scanner.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explains open failures in the state and keeps retrying instead of crashing', async () => {
    // Not plugged in.
    const rec = recordingBinding();
    const missing = makeScanner({}, { binding: rec.binding });
    missing.scanner.start();
    await flushUntil(() => missing.scanner.state.status === 'error');
    expect(missing.scanner.state).toMatchObject({ status: 'error', cause: 'not-found', path: '/dev/ttyACM0' });
    MockBinding.createPort('/dev/ttyACM0');
    await vi.advanceTimersByTimeAsync(250);
    await flushUntil(() => missing.scanner.state.status === 'connected');
    expect(missing.scanner.state.status).toBe('connected');

    // Busy: the first scanner holds the (locked) port.
    const busy = makeScanner({ id: 'second' }, { binding: recordingBinding().binding });
    busy.scanner.start();
    await flushUntil(() => busy.scanner.state.status === 'error');
    expect(busy.scanner.state).toMatchObject({ status: 'error', cause: 'busy' });
    expect(busy.scanner.state.hint).toContain('ModemManager');

    // Once the other holder lets go, the retry gets it.
    await missing.scanner.stop();
    await vi.advanceTimersByTimeAsync(250);
    await flushUntil(() => busy.scanner.state.status === 'connected');
    expect(busy.scanner.state.status).toBe('connected');
    await busy.scanner.stop();

    // Permission, as bindings-cpp words it.
    const denied = makeScanner(
      { id: 'third' },
      {
        binding: recordingBinding({
          open: async () => {
            throw new Error('Error: Permission denied, cannot open /dev/ttyACM0');
          },
        }).binding,
      },
    );
    denied.scanner.start();
    await flushUntil(() => denied.scanner.state.status === 'error');
    expect(denied.scanner.state).toMatchObject({ status: 'error', cause: 'permission' });
    expect(denied.scanner.state.hint).toContain('sudo usermod -aG dialout $USER');
    await denied.scanner.stop();
    expect(denied.scanner.state.status).toBe('off');
  });

  it('stop() closes the port, cancels retries and ends in off', async () => {
    const { scanner, states, rec } = await startedScanner();
    const port = rec.last();
    await scanner.stop();
    expect(port.isOpen).toBe(false);
    expect(scanner.state.status).toBe('off');
    expect(states.at(-1)?.status).toBe('off');
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(rec.attempts).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() during an open leaves nothing open', async () => {
    MockBinding.createPort('/dev/ttyACM0');
    const rec = recordingBinding();
    const { scanner } = makeScanner({}, { binding: rec.binding });
    scanner.start();
    const stopped = scanner.stop(); // the open is still in flight
    await stopped;
    await flushUntil(() => scanner.state.status === 'off');
    expect(scanner.state.status).toBe('off');
    expect(rec.opened.every((p) => !p.isOpen)).toBe(true);
  });

  it('rejects bad config at construction', () => {
    expect(() => new SerialScanner({ id: 'x', path: '/dev/ttyACM0', baudRate: 0 })).toThrow(/baudRate/);
    expect(() => new SerialScanner({ id: 'x', path: '/dev/ttyACM0', lineEnding: 'CRCR' as never })).toThrow(/lineEnding/);
    expect(() => new SerialScanner({ id: 'x', path: '' })).toThrow(/path/);
  });
});

describe('explainOpenError', () => {
  const cases: Array<[string, unknown, string]> = [
    ['bindings-cpp ENOENT', new Error('Error: No such file or directory, cannot open /dev/ttyACM0'), 'not-found'],
    ['errno code', Object.assign(new Error('open failed'), { code: 'ENOENT' }), 'not-found'],
    ['binding-mock missing', new Error("Port does not exist - please call MockBinding.createPort('/x') first"), 'not-found'],
    ['bindings-cpp EACCES', new Error('Error: Permission denied, cannot open /dev/ttyACM0'), 'permission'],
    ['errno EACCES', Object.assign(new Error('x'), { code: 'EACCES' }), 'permission'],
    ['bindings-cpp lock', new Error('Error Resource temporarily unavailable Cannot lock port'), 'busy'],
    ['EBUSY', new Error('Error: Device or resource busy, cannot open /dev/ttyUSB0'), 'busy'],
    ['binding-mock lock', new Error('Port is locked cannot open'), 'busy'],
    ['anything else', new Error('Error: Inappropriate ioctl for device setting custom baud rate of 9600'), 'other'],
    ['not an Error', 'weird', 'other'],
  ];
  it.each(cases)('%s', (_name, error, cause) => {
    const explained = explainOpenError(error, '/dev/ttyACM0');
    expect(explained.cause).toBe(cause);
    expect(explained.message).toContain('/dev/ttyACM0');
    expect(explained.hint.length).toBeGreaterThan(10);
  });

  it('gives the fix for each cause', () => {
    expect(explainOpenError(new Error('No such file or directory'), '/dev/ttyACM0').hint).toBe(
      'scanner not plugged in or wrong path; check `ls /dev/ttyACM* /dev/ttyUSB*`',
    );
    expect(explainOpenError(new Error('Permission denied'), '/dev/ttyACM0').hint).toMatch(
      /sudo usermod -aG dialout \$USER.*log out and in/,
    );
    expect(explainOpenError(new Error('Cannot lock port'), '/dev/ttyACM0').hint).toContain('sudo systemctl disable --now ModemManager');
    expect(explainOpenError(new Error('Error: Inappropriate ioctl for device'), '/dev/ttyACM0').message).toBe(
      'Cannot open /dev/ttyACM0: Inappropriate ioctl for device',
    );
  });
});
