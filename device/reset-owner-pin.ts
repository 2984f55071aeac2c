/**
 * `npm run reset-owner-pin [-- --data-dir DIR]`: on the terminal, let the owner
 * set a new PIN. The kiosk page picks the reset up at its next load (restart
 * the terminal or reload the page) and shows the owner-PIN screen; the reset
 * is written to the audit log.
 */
import { resolve } from 'node:path';
import { parseServiceConfig } from './config.ts';
import { requestOwnerPinReset } from './owner-pin-reset.ts';

const config = parseServiceConfig(process.argv.slice(2));
if (config === 'help') {
  console.log('usage: npm run reset-owner-pin [-- --data-dir DIR]');
} else {
  const path = requestOwnerPinReset(resolve(config.dataDir));
  console.log(`owner PIN reset requested (${path}).`);
  console.log('Reload the kiosk page (or restart the terminal): it asks the owner for a new PIN, once.');
}
