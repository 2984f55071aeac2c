/**
 * Real socat ptys for the integration and e2e tests and the benchmark. The
 * socat and pacing code lives in device/sim/pty.ts, shared with the sim CLIs.
 */
import { join } from 'node:path';
import { startSocatPair, type PtyPair } from '../../device/sim/pty.ts';

export { openSimEnd, writeLine, byteTimeMs, type PtyPair, type WriteLineOptions } from '../../device/sim/pty.ts';

/**
 * Start a pty pair with stable links `<dir>/scanner-device` (open this as the
 * scanner) and `<dir>/scanner-sim` (write codes here). Calling it again with the
 * same dir after close() is a replug: same paths, new ptys.
 */
export function startPtyPair(dir: string): Promise<PtyPair> {
  return startSocatPair({ devicePath: join(dir, 'scanner-device'), simPath: join(dir, 'scanner-sim') });
}
