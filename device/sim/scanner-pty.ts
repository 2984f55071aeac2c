/**
 * `npm run sim:scanner`: a pretend serial scanner for trying the terminal
 * without hardware. Creates a linked pty pair and stays up until Ctrl-C.
 *
 *   npm run sim:scanner -- [--data-dir DIR] [--device PATH] [--sim PATH]
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SocatMissingError, startSocatPair } from './pty.ts';

const USAGE = `Usage: npm run sim:scanner -- [options]
  --data-dir DIR   where the links go (default .kiosk-data; env KIOSK_DATA_DIR)
  --device PATH    the end the service opens as a scanner (default <data-dir>/scanner-device)
  --sim PATH       the end codes are written to (default <data-dir>/scanner-sim)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      device: { type: 'string' },
      sim: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dataDir = resolve(values['data-dir'] ?? process.env.KIOSK_DATA_DIR ?? '.kiosk-data');
  const devicePath = resolve(values.device ?? join(dataDir, 'scanner-device'));
  const simPath = resolve(values.sim ?? join(dataDir, 'scanner-sim'));
  await mkdir(dataDir, { recursive: true });

  const pair = await startSocatPair({ devicePath, simPath });
  console.log(`simulated scanner ready (9600 baud, like a real one)
  scanner device: ${devicePath}
      start the service on it:  npm start -- --scanner ${devicePath}
  write codes to: ${simPath}
      send codes with:          npm run sim:send -- 6901028075831 4006381333931 --to ${simPath}
Ctrl-C stops it; to the service that looks like the scanner being unplugged.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await pair.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const exit = await pair.exited;
  if (!stopping) {
    console.error(`error: socat stopped on its own (code ${exit.code ?? exit.signal}); the simulated scanner is gone`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  if (err instanceof SocatMissingError) console.error(`error: ${err.message}`);
  else console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
