/**
 * Resetting a forgotten owner PIN from the terminal itself (issue 10):
 * physical access to the Pi is ownership. `npm run reset-owner-pin` leaves a
 * one-shot file in the data directory; the service hands it to its own page
 * once (POST /owner-pin-reset, from the page's own origin only) and deletes
 * it, and the page then lets the owner set a new PIN and logs it. No UI here:
 * the service only says yes or no.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const OWNER_PIN_RESET_FILE = 'owner-pin-reset';

/** Leave the one-shot reset for the page; returns the file written. */
export function requestOwnerPinReset(dataDir: string, now = Date.now()): string {
  const path = join(dataDir, OWNER_PIN_RESET_FILE);
  writeFileSync(path, JSON.stringify({ token: randomUUID(), requestedAt: now }) + '\n', { mode: 0o600 });
  return path;
}

/**
 * Claim the reset, once: true if it was there. Deleting is the claim, so two
 * pages asking at once cannot both get it (only one unlink succeeds).
 */
export function claimOwnerPinReset(dataDir: string): boolean {
  const path = join(dataDir, OWNER_PIN_RESET_FILE);
  try {
    readFileSync(path);
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}
