/**
 * Which serial port is the barcode scanner, when the config says path: 'auto'.
 */

/**
 * A port-list entry, as serialport's `list()` returns it. Declared here because
 * @serialport/bindings-interface's package exports carry no "types" condition,
 * so under moduleResolution "bundler" its own declaration resolves to `any`.
 */
export interface PortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  locationId?: string | undefined;
  /** Lower-case hex without 0x, e.g. "0c2e". */
  vendorId?: string | undefined;
  productId?: string | undefined;
}

/**
 * USB vendor ids of barcode-scanner makers (lower-case hex, as udev reports
 * them). Only makers whose id means "a scanner" are listed: cheap scanners
 * built on generic USB-serial chips (CH340 1a86, CP210x 10c4, FTDI 0403,
 * PL2303 067b) show up as /dev/ttyUSB* and are found by path instead.
 */
export const SCANNER_VENDORS: ReadonlyArray<{ vendorId: string; name: string }> = [
  { vendorId: '0c2e', name: 'Honeywell (Metrologic, Youjie)' },
  { vendorId: '0536', name: 'Honeywell (Hand Held Products)' },
  { vendorId: '05e0', name: 'Zebra (Symbol Technologies)' },
  { vendorId: '05f9', name: 'Datalogic (PSC)' },
  { vendorId: '1eab', name: 'Newland Auto-ID' },
  { vendorId: '065a', name: 'Opticon' },
];

const KNOWN_VENDOR_IDS = new Set(SCANNER_VENDORS.map((v) => v.vendorId));

/**
 * Lower is better. Built-in UARTs (/dev/ttyS*, /dev/ttyAMA* — on a Pi the
 * Bluetooth module or the serial console) rank last and are never picked by
 * pickScannerPort: they always exist, so taking one while the real scanner is
 * merely unplugged would show "connected" with nothing behind it. A scanner
 * wired to a UART is configured by its path.
 */
export function rankPort(port: PortInfo): number {
  if (port.vendorId && KNOWN_VENDOR_IDS.has(port.vendorId.toLowerCase())) return 0;
  if (/^\/dev\/ttyACM\d+$/.test(port.path)) return 1; // USB CDC-ACM: most scanners' "USB COM port" mode
  if (/^\/dev\/ttyUSB\d+$/.test(port.path)) return 2; // USB-serial adapters and scanners built on them
  if (isBuiltInUart(port.path)) return 4;
  return 3;
}

export function isBuiltInUart(path: string): boolean {
  return /^\/dev\/tty(S|AMA)\d+$/.test(path);
}

/**
 * The port most likely to be a barcode scanner, skipping `exclude` (paths other
 * scanners already use) and built-in UARTs. Ties go to the lowest device
 * number, so the choice is stable from one call to the next.
 */
export function pickScannerPort(ports: PortInfo[], exclude: string[] = []): PortInfo | undefined {
  const excluded = new Set(exclude);
  const candidates = ports.filter((p) => p.path && !excluded.has(p.path) && !isBuiltInUart(p.path));
  candidates.sort((a, b) => rankPort(a) - rankPort(b) || comparePaths(a.path, b.path));
  return candidates[0];
}

/** "/dev/ttyACM2" before "/dev/ttyACM10". */
function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
