/**
 * Why a scanner port would not open, in words for the owner, with what to do
 * about it.
 */

export type OpenFailureCause = 'not-found' | 'busy' | 'permission' | 'other';

export interface OpenFailure {
  cause: OpenFailureCause;
  message: string;
  hint: string;
}

export const HINTS = {
  'not-found': 'scanner not plugged in or wrong path; check `ls /dev/ttyACM* /dev/ttyUSB*`',
  permission: 'add this user to the dialout group: `sudo usermod -aG dialout $USER`, then log out and in again',
  busy: 'another program, e.g. ModemManager, holds the port: `sudo systemctl disable --now ModemManager`, or close that program',
  other: "check the scanner's cable, the configured path and baud rate",
  unplugged: 'plug the scanner back in; it reconnects by itself',
} as const;

/**
 * Turn an open failure into words for the owner. bindings-cpp gives no error
 * codes, only strerror text ("Error: No such file or directory, cannot open
 * /dev/ttyACM0", "Error Resource temporarily unavailable Cannot lock port"), so
 * both the code and the message are matched.
 */
export function explainOpenError(error: unknown, path: string | null): OpenFailure {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const text = `${code} ${errorText(error)}`;
  const where = path ?? 'the scanner port';
  if (/EACCES|EPERM|permission denied|operation not permitted/i.test(text)) {
    return { cause: 'permission', message: `No permission to open ${where}`, hint: HINTS.permission };
  }
  if (/EBUSY|resource busy|cannot lock port|is locked/i.test(text)) {
    return { cause: 'busy', message: `${where} is in use by another program`, hint: HINTS.busy };
  }
  if (/ENOENT|ENODEV|ENXIO|no such file|no such device|not found|does not exist/i.test(text)) {
    return { cause: 'not-found', message: `No scanner at ${where}`, hint: HINTS['not-found'] };
  }
  const detail = errorText(error).replace(/^Error:?\s*/, '');
  return { cause: 'other', message: `Cannot open ${where}: ${detail}`, hint: HINTS.other };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
