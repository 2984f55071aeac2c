/**
 * The configured serial scanners, wired so that an 'auto' scanner never takes
 * a port another scanner is configured for or holds (the README's
 * `counter=/dev/ttyACM0` plus `display=auto`).
 */
import type { ScannerConfig } from './config.ts';
import { takenPorts } from './scanner/auto-detect.ts';
import { SerialScanner, type ScannerDeps } from './scanner/scanner.ts';

export function createScanners(configs: readonly ScannerConfig[], deps: Omit<ScannerDeps, 'inUse'> = {}): SerialScanner[] {
  const scanners: SerialScanner[] = [];
  for (const config of configs) {
    const others = () => scanners.filter((s) => s.config.id !== config.id);
    const scanner = new SerialScanner(config, {
      ...deps,
      inUse: () =>
        takenPorts(
          configs.filter((c) => c.id !== config.id && c.path !== 'auto').map((c) => c.path),
          others().map((s) => s.state.path),
        ),
    });
    scanners.push(scanner);
  }
  return scanners;
}
