/**
 * SerialScanner on the real serialport binding and a real socat pty pair at
 * 9600 baud: codes written to the sim end arrive as reads, bad input is
 * rejected with its reason, and stopping/restarting socat (unplug/replug) is
 * followed without recreating the scanner.
 */
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScannerState } from '../../src/domain/scan-protocol.ts';
import { SerialScanner, type ScannerRead } from '../../device/scanner/scanner.ts';
import { byteTimeMs, openSimEnd, startPtyPair, writeLine, type PtyPair } from '../helpers/pty.ts';
import { waitFor } from '../helpers/wait-for.ts';

let dir: string;
let pairs: PtyPair[];
let scanner: SerialScanner | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scanner-pty-'));
  pairs = [];
});

afterEach(async () => {
  await scanner?.stop();
  scanner = undefined;
  await Promise.all(pairs.map((pair) => pair.close()));
  await rm(dir, { recursive: true, force: true });
});

async function plugIn(): Promise<PtyPair> {
  const pair = await startPtyPair(dir);
  pairs.push(pair);
  return pair;
}

describe('writeLine', () => {
  it('paces bytes like a 9600-baud line and returns a cross-process timestamp', async () => {
    const pair = await plugIn();
    const sim = await openSimEnd(pair.simPath);
    try {
      const start = performance.timeOrigin + performance.now();
      const sentAt = await writeLine(sim, '6901028075831', { ending: 'CRLF', baud: 9600 });
      // 15 bytes at ~1.04 ms each: the last one cannot go out before ~14.6 ms.
      expect(byteTimeMs(9600)).toBeCloseTo(1.0417, 3);
      expect(sentAt - start).toBeGreaterThanOrEqual(14 * byteTimeMs(9600));
      expect(sentAt).toBeLessThanOrEqual(performance.timeOrigin + performance.now());
    } finally {
      await sim.close();
    }
  });
});

describe('SerialScanner on a socat pty', () => {
  it('reads codes, rejects bad ones with reasons, and survives unplug and replug', async () => {
    const pair = await plugIn();
    expect(pair.devicePath).toBe(join(dir, 'scanner-device'));
    expect(pair.simPath).toBe(join(dir, 'scanner-sim'));

    const states: ScannerState[] = [];
    const reads: ScannerRead[] = [];
    const log: string[] = [];
    scanner = new SerialScanner(
      { id: 'counter', path: pair.devicePath, baudRate: 9600, lineEnding: 'any', doubleReadMs: 300 },
      { log: (line) => log.push(line) },
    );
    scanner.on('state', (state) => states.push(state));
    scanner.on('read', (read) => reads.push(read));
    scanner.start();
    await waitFor('connected', () => scanner!.state.status === 'connected');

    const sim = await openSimEnd(pair.simPath);
    try {
      const before = performance.now();
      await writeLine(sim, '6901028075831', { ending: 'CRLF', baud: 9600 });
      const first = await waitFor('the first read', () => reads[0]);
      expect(first.result).toMatchObject({ ok: true, code: '06901028075831', symbology: 'ean13', verified: true });
      expect(first.monotonicMs).toBeGreaterThanOrEqual(before);

      // A raw fd works as well as a FileHandle.
      const fd = openSync(pair.simPath, constants.O_WRONLY | constants.O_NOCTTY);
      try {
        await writeLine(fd, '6901028075832', { ending: 'CR' }); // wrong check digit
      } finally {
        closeSync(fd);
      }
      await writeLine(sim, Buffer.from([0x1b, 0x5b, 0x41, 0x00, 0xff, 0x31]), { ending: 'LF' }); // line noise
      await writeLine(sim, '4006381333931', { ending: 'CRLF' });
      await waitFor('four reads', () => reads.length >= 4);
      expect(reads.map((r) => (r.result.ok ? r.result.code : r.result.reason))).toEqual([
        '06901028075831',
        'bad-check-digit',
        'control-bytes',
        '04006381333931',
      ]);
    } finally {
      await sim.close();
    }

    // Unplug: socat goes away and takes the device end with it.
    await pair.close();
    const unplugged = await waitFor('disconnected', () => (scanner!.state.status === 'disconnected' ? scanner!.state : undefined));
    expect(unplugged).toMatchObject({ cause: 'unplugged', path: pair.devicePath });

    // Replug: a new socat with the same links; the same SerialScanner picks it up.
    const again = await plugIn();
    await waitFor('connected again', () => scanner!.state.status === 'connected');
    await writeLine(again.simPath, '6901028075831', { ending: 'CRLF' });
    await waitFor('a read after the replug', () => reads.length >= 5);
    expect(reads[4]?.result).toMatchObject({ ok: true, code: '06901028075831' });

    const statuses = states.map((s) => s.status);
    expect(statuses.slice(0, 2)).toEqual(['connecting', 'connected']);
    expect(statuses.indexOf('disconnected')).toBeGreaterThan(1);
    expect(statuses.at(-1)).toBe('connected');
  }, 60_000);

  it('reports not-found with a hint when nothing is at the path, then connects when it appears', async () => {
    const states: ScannerState[] = [];
    scanner = new SerialScanner({ id: 'counter', path: join(dir, 'scanner-device'), lineEnding: 'any' });
    scanner.on('state', (state) => states.push(state));
    scanner.start();
    const failed = await waitFor('not-found', () => (scanner!.state.status === 'error' ? scanner!.state : undefined));
    expect(failed).toMatchObject({ cause: 'not-found' });
    expect(failed.hint).toContain('ls /dev/ttyACM*');

    await plugIn();
    await waitFor('connected', () => scanner!.state.status === 'connected');
    expect(states.filter((s) => s.status === 'error')).toHaveLength(1); // retries do not repeat the same state
  }, 60_000);
});
