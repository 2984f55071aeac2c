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

export interface DeviceDirs {
  /** Default /dev. */
  dev: string;
  /** Default /dev/serial/by-id. */
  byId: string;
}

/**
 * The port list without udev: serialport's list() runs `udevadm`, missing in
 * containers and minimal images. USB scanners show up as ttyACM*, ttyUSB* or a
 * /dev/serial/by-id link to one of them; each is listed once, by its real path.
 */
export async function listPortsByGlob(dirs: DeviceDirs = { dev: '/dev', byId: '/dev/serial/by-id' }): Promise<PortInfo[]> {
  const { readdir, realpath } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const paths = new Set<string>();
  const names = await readdir(dirs.dev).catch(() => [] as string[]);
  for (const name of names) if (/^tty(ACM|USB)\d+$/.test(name)) paths.add(join(dirs.dev, name));
  const links = await readdir(dirs.byId).catch(() => [] as string[]);
  for (const link of links) {
    const real = await realpath(join(dirs.byId, link)).catch(() => undefined);
    if (real) paths.add(real);
  }
  return [...paths].map((path) => ({ path }));
}

/**
 * Paths an 'auto' scanner must leave alone: the fixed paths of the other
 * scanners (and what their /dev/serial/by-id links point to, as the port list
 * names them) and whatever the others have open now.
 */
export async function takenPorts(fixedPaths: readonly string[], openPaths: ReadonlyArray<string | null>): Promise<string[]> {
  const { realpath } = await import('node:fs/promises');
  const taken = new Set<string>();
  for (const path of fixedPaths) {
    taken.add(path);
    const real = await realpath(path).catch(() => undefined);
    if (real) taken.add(real);
  }
  for (const path of openPaths) if (path) taken.add(path);
  return [...taken];
}
