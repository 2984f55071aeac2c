/**
 * `npm run sim:send -- 6901028075831 [more codes…]`: type codes into the
 * simulated scanner, paced like a 9600-baud line.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSimEnd, TERMINATORS, writeLine, type LineTerminator } from './pty.ts';

const USAGE = `Usage: npm run sim:send -- CODE [CODE…] [options]
  --to PATH        the simulator's write end (default <data-dir>/scanner-sim)
  --data-dir DIR   (default .kiosk-data; env KIOSK_DATA_DIR)
  --interval MS    pause between codes (default 500: longer than the 300 ms
                   double-read window, so a repeated code counts twice)
  --ending E       CR | LF | CRLF (default CRLF)
  --baud N         line speed to pace at (default 9600)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      to: { type: 'string' },
      'data-dir': { type: 'string' },
      interval: { type: 'string' },
      ending: { type: 'string' },
      baud: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const dataDir = values['data-dir'] ?? process.env.KIOSK_DATA_DIR ?? '.kiosk-data';
  const to = resolve(values.to ?? join(dataDir, 'scanner-sim'));
  const interval = wholeNumber('--interval', values.interval ?? '500');
  const baud = wholeNumber('--baud', values.baud ?? '9600');
  const ending = (values.ending ?? 'CRLF').toUpperCase();
  if (!(ending in TERMINATORS)) throw new Error(`--ending must be CR, LF or CRLF, not "${values.ending}"`);
  if (baud <= 0) throw new Error('--baud must be above 0');
  if (!existsSync(to)) {
    throw new Error(
      `no simulated scanner at ${to}: start one with \`npm run sim:scanner\` ` +
        '(`npm start` starts one by itself when no scanner is plugged in)',
    );
  }

  const sim = await openSimEnd(to);
  try {
    for (const [i, code] of positionals.entries()) {
      if (i > 0) await sleep(interval);
      await writeLine(sim, code, { ending: ending as LineTerminator, baud });
      console.log(`sent ${code}`);
    }
  } finally {
    await sim.close();
  }
  return 0;
}

function wholeNumber(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, not "${text}"`);
  return Number(text);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
