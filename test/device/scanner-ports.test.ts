/** Which port a scanner opens: path 'auto' choosing among the ports, two scanners sharing them, and no udevadm. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createScanners } from '../../device/scanners.ts';
import type { BindingInterface } from '../../device/scanner/binding.ts';
import type { SerialScanner } from '../../device/scanner/scanner.ts';
import {
  MockBinding,
  autoScanner,
  advanceUntilStatus,
  flushUntil,
  makeScanner,
  recordingBinding,
  unplugByReadError,
  useMockBindingAndFakeTimers,
} from './mock-scanner.ts';

useMockBindingAndFakeTimers();

/** Started, the 'auto' scanner finds no port it would open: not-found, and no open tried. */
async function expectNoPortChosen(scanner: SerialScanner, rec: ReturnType<typeof recordingBinding>): Promise<void> {
  scanner.start();
  await flushUntil(() => scanner.state.status === 'error');
  expect(scanner.state).toMatchObject({ status: 'error', cause: 'not-found', path: null });
  expect(rec.attempts).toHaveLength(0);
}

describe("SerialScanner with path 'auto' on MockBinding", () => {
  it("with path 'auto' picks the likeliest port, skips ports in use and re-detects after an unplug", async () => {
    MockBinding.createPort('/dev/ttyS0');
    MockBinding.createPort('/dev/ttyUSB0');
    MockBinding.createPort('/dev/ttyACM0');
    MockBinding.createPort('/dev/ttyACM1');
    const rec = recordingBinding();
    const { scanner } = autoScanner(rec, { inUse: () => ['/dev/ttyACM0'] });
    expect(scanner.state.path).toBeNull();
    scanner.start();
    await flushUntil(() => scanner.state.status === 'connected');
    expect(scanner.state).toMatchObject({ status: 'connected', path: '/dev/ttyACM1' });

    // The scanner comes back on another node after the replug.
    MockBinding.reset();
    unplugByReadError(rec.last());
    await flushUntil(() => scanner.state.status === 'disconnected');
    expect(scanner.state).toMatchObject({ status: 'disconnected', path: '/dev/ttyACM1' });
    MockBinding.createPort('/dev/ttyACM0');
    MockBinding.createPort('/dev/ttyACM2', { vendorId: '05f9', productId: '4204' });
    await advanceUntilStatus(scanner, 250, 'connected');
    expect(scanner.state).toMatchObject({ status: 'connected', path: '/dev/ttyACM2' });
    await scanner.stop();
  });

  it("with path 'auto' never settles on a built-in UART", async () => {
    MockBinding.createPort('/dev/ttyAMA0');
    const rec = recordingBinding();
    const { scanner } = autoScanner(rec);
    await expectNoPortChosen(scanner, rec);
    await scanner.stop();
  });

  it("with path 'auto' leaves an unlikely port it settled on once a likelier port appears", async () => {
    MockBinding.createPort('/dev/rfcomm0');
    const rec = recordingBinding();
    const { scanner } = autoScanner(rec);
    scanner.start();
    await flushUntil(() => scanner.state.status === 'connected');
    expect(scanner.state.path).toBe('/dev/rfcomm0');
    const unlikely = rec.last();
    MockBinding.createPort('/dev/ttyACM0');
    await vi.advanceTimersByTimeAsync(2000);
    await flushUntil(() => scanner.state.path === '/dev/ttyACM0' && scanner.state.status === 'connected');
    expect(scanner.state).toMatchObject({ status: 'connected', path: '/dev/ttyACM0' });
    expect(unlikely.isOpen).toBe(false);
    await scanner.stop();
  });

  it("with path 'auto' and no port at all reports not-found, then connects when one appears", async () => {
    const rec = recordingBinding();
    const { scanner } = autoScanner(rec);
    await expectNoPortChosen(scanner, rec);
    expect(scanner.state.hint).toContain('ls /dev/ttyACM* /dev/ttyUSB*');
    MockBinding.createPort('/dev/ttyUSB0');
    await advanceUntilStatus(scanner, 250, 'connected');
    expect(scanner.state).toMatchObject({ status: 'connected', path: '/dev/ttyUSB0' });
    await scanner.stop();
  });
});

describe('scanners wired together, and the port list without udevadm', () => {
  it("README's two-scanner example: display=auto leaves counter's fixed /dev/ttyACM0 alone", async () => {
    MockBinding.createPort('/dev/ttyACM0');
    MockBinding.createPort('/dev/ttyACM1');
    const rec = recordingBinding();
    const [counter, display] = createScanners(
      [
        { id: 'counter', role: 'counter', path: '/dev/ttyACM0', baudRate: 9600, lineEnding: 'any', doubleReadMs: 300 },
        { id: 'display', role: 'display', path: 'auto', baudRate: 9600, lineEnding: 'any', doubleReadMs: 300 },
      ],
      { binding: rec.binding, list: () => MockBinding.list() },
    );
    // The auto one starts first: the fixed one has not opened its port yet.
    display!.start();
    await flushUntil(() => display!.state.status === 'connected');
    counter!.start();
    await flushUntil(() => counter!.state.status === 'connected');
    expect(display!.state.path).toBe('/dev/ttyACM1');
    expect(counter!.state.path).toBe('/dev/ttyACM0');
    await display!.stop();
    await counter!.stop();
  });

  it('without udevadm, finds ports by their device nodes, and says "no scanner plugged in" when there is none', async () => {
    const dev = mkdtempSync(join(tmpdir(), 'dev-'));
    try {
      mkdirSync(join(dev, 'serial', 'by-id'), { recursive: true });
      const noUdev: BindingInterface = {
        list: () => Promise.reject(new Error('Command failed: udevadm info -e (spawn udevadm ENOENT)')),
        open: (options) => MockBinding.open(options),
      };
      const { scanner } = makeScanner({ path: 'auto' }, { binding: noUdev, deviceDirs: { dev, byId: join(dev, 'serial', 'by-id') } });
      scanner.start();
      await flushUntil(() => scanner.state.status === 'error');
      expect(scanner.state).toMatchObject({ status: 'error', cause: 'not-found', message: 'No scanner plugged in', path: null });
      const acm = join(dev, 'ttyACM0');
      writeFileSync(acm, '');
      MockBinding.createPort(acm);
      await advanceUntilStatus(scanner, 250, 'connected');
      expect(scanner.state.path).toBe(acm);
      await scanner.stop();
    } finally {
      rmSync(dev, { recursive: true, force: true });
    }
  });
});
