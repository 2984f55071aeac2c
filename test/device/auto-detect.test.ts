import { describe, expect, it } from 'vitest';
import { pickScannerPort, SCANNER_VENDORS, type PortInfo } from '../../device/scanner/auto-detect.ts';

const port = (path: string, vendorId?: string, productId?: string): PortInfo => ({ path, vendorId, productId });

describe('pickScannerPort', () => {
  it('finds nothing in an empty list', () => {
    expect(pickScannerPort([])).toBeUndefined();
  });

  it('prefers a known scanner vendor over any path', () => {
    const honeywell = port('/dev/ttyUSB3', '0c2e', '0b61');
    expect(pickScannerPort([port('/dev/ttyACM0', '2341'), honeywell, port('/dev/ttyS0')])).toBe(honeywell);
    // udev ids are lower-case, but do not depend on it.
    const zebra = port('/dev/ttyACM4', '05E0', '1701');
    expect(pickScannerPort([port('/dev/ttyACM0'), zebra])).toBe(zebra);
  });

  it('lists each vendor once with a name', () => {
    const ids = SCANNER_VENDORS.map((v) => v.vendorId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const vendor of SCANNER_VENDORS) {
      expect(vendor.vendorId).toMatch(/^[0-9a-f]{4}$/);
      expect(vendor.name.length).toBeGreaterThan(0);
      expect(pickScannerPort([port('/dev/ttyACM0'), port('/dev/ttyUSB0', vendor.vendorId)])?.path).toBe('/dev/ttyUSB0');
    }
  });

  it('then ttyACM, then ttyUSB, lowest number first', () => {
    expect(pickScannerPort([port('/dev/ttyUSB0'), port('/dev/ttyACM10'), port('/dev/ttyACM2')])?.path).toBe('/dev/ttyACM2');
    expect(pickScannerPort([port('/dev/ttyS0'), port('/dev/ttyUSB1'), port('/dev/ttyUSB0')])?.path).toBe('/dev/ttyUSB0');
  });

  it('never takes a built-in UART (the Pi always has them; a scanner there is configured by path)', () => {
    expect(pickScannerPort([port('/dev/ttyAMA0'), port('/dev/rfcomm0')])?.path).toBe('/dev/rfcomm0');
    expect(pickScannerPort([port('/dev/ttyS1'), port('/dev/ttyAMA0'), port('/dev/ttyS0')])).toBeUndefined();
  });

  it('skips paths other scanners use', () => {
    const ports = [port('/dev/ttyACM0', '0c2e'), port('/dev/ttyACM1', '05f9'), port('/dev/ttyUSB0')];
    expect(pickScannerPort(ports, ['/dev/ttyACM0'])?.path).toBe('/dev/ttyACM1');
    expect(pickScannerPort(ports, ['/dev/ttyACM0', '/dev/ttyACM1'])?.path).toBe('/dev/ttyUSB0');
    expect(pickScannerPort(ports, ['/dev/ttyACM0', '/dev/ttyACM1', '/dev/ttyUSB0'])).toBeUndefined();
  });

  it('does not reorder the caller’s list', () => {
    const ports = [port('/dev/ttyUSB0'), port('/dev/ttyACM0')];
    pickScannerPort(ports);
    expect(ports.map((p) => p.path)).toEqual(['/dev/ttyUSB0', '/dev/ttyACM0']);
  });
});
