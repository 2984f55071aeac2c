/**
 * A pretend serial scanner: a socat pseudo-terminal pair plus a writer that
 * sends codes at serial-line speed. Shared by the sim CLIs, the integration and
 * e2e tests and the benchmark, so they all exercise the same thing.
 *
 * socat links two ptys: the service opens one end (`devicePath`) as if it were
 * /dev/ttyACM0, and whatever is written to the other end (`simPath`) arrives
 * there. Stopping socat makes the device end go away, like pulling the USB
 * cable; starting it again with the same link paths is plugging it back in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants, existsSync, write as writeFd } from 'node:fs';
import { lstat, open, rm, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export const SOCAT_INSTALL_HINT = 'sudo apt-get install socat';

export interface PtyPair {
  /** What the service opens as the scanner. */
  devicePath: string;
  /** Where codes are written. */
  simPath: string;
  /** Stop socat (the scanner is "unplugged"); both links are gone afterwards. */
  close(): Promise<void>;
  /** Settles when socat exits, for whatever reason, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export class SocatMissingError extends Error {
  constructor() {
    super(`socat is not installed; install it with: ${SOCAT_INSTALL_HINT}`);
    this.name = 'SocatMissingError';
  }
}

export interface SocatPairOptions {
  devicePath: string;
  simPath: string;
  /** How long to wait for both links; socat needs a few ms, a loaded CI box more. */
  timeoutMs?: number;
  /** socat's own diagnostics (-d -d), line by line. */
  log?: (line: string) => void;
}

export async function startSocatPair(options: SocatPairOptions): Promise<PtyPair> {
  const { devicePath, simPath, timeoutMs = 10_000, log } = options;
  // A socat killed with SIGKILL leaves its links behind; one pointing at a pty
  // that now belongs to someone else would make the wait below succeed at once.
  await removeStaleLink(devicePath);
  await removeStaleLink(simPath);

  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simPath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
    if (log) for (const line of text.split('\n')) if (line.trim()) log(line);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (existsSync(devicePath) && existsSync(simPath)) break;
    const early = await Promise.race([
      spawnError.then((err) => ({ err })),
      exited.then((exit) => ({ exit })),
      sleep(20).then(() => undefined),
    ]);
    if (early && 'err' in early) {
      if ((early.err as NodeJS.ErrnoException).code === 'ENOENT') throw new SocatMissingError();
      throw early.err;
    }
    if (early && 'exit' in early) {
      throw new Error(`socat exited before the ptys were ready (code ${early.exit.code}): ${stderr.trim()}`);
    }
    if (performance.now() > deadline) {
      await stopSocat(child, exited);
      throw new Error(`socat did not create ${devicePath} and ${simPath} within ${timeoutMs} ms: ${stderr.trim()}`);
    }
  }

  let closing: Promise<void> | undefined;
  return {
    devicePath,
    simPath,
    exited,
    close() {
      closing ??= (async () => {
        await stopSocat(child, exited);
        await removeStaleLink(devicePath);
        await removeStaleLink(simPath);
      })();
      return closing;
    },
  };
}

async function stopSocat(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGTERM lets socat remove its links itself.
  child.kill('SIGTERM');
  const patience = new AbortController();
  const done = await Promise.race([exited.then(() => true), sleep(3000, false, { signal: patience.signal }).catch(() => false)]);
  patience.abort();
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function removeStaleLink(path: string): Promise<void> {
  try {
    const stat = await lstat(path);
    // Only ever remove a symlink: a regular file at that path is someone else's.
    if (stat.isSymbolicLink()) await rm(path, { force: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

export type LineTerminator = 'CR' | 'LF' | 'CRLF';

export const TERMINATORS: Record<LineTerminator, string> = { CR: '\r', LF: '\n', CRLF: '\r\n' };

export interface WriteLineOptions {
  /** Bytes sent after the text; a terminator name or literal bytes. Default CRLF. */
  ending?: LineTerminator | string;
  /** Line speed to pace the bytes at. Default 9600. */
  baud?: number;
}

/** 8N1 framing: a start bit, eight data bits and a stop bit per byte. */
const BITS_PER_BYTE = 10;

/** How long one byte takes on the wire: ~1.04 ms at 9600 baud. */
export function byteTimeMs(baud: number): number {
  return (BITS_PER_BYTE / baud) * 1000;
}

/**
 * Write `text` + terminator paced like a real serial line. Resolves with the
 * moment the last byte was handed to the pty, as
 * `performance.timeOrigin + performance.now()`: high resolution and, unlike
 * performance.now() alone, comparable with another process's timestamps.
 *
 * `target` is the sim end's path (opened and closed for this line), or a
 * FileHandle from openSimEnd() or a raw fd kept open across lines.
 */
export async function writeLine(
  target: string | FileHandle | number,
  text: string | Buffer,
  options: WriteLineOptions = {},
): Promise<number> {
  const ending = options.ending ?? 'CRLF';
  const terminator = ending in TERMINATORS ? TERMINATORS[ending as LineTerminator] : ending;
  // A Buffer is sent as is (raw garbage for tests); text goes out as UTF-8.
  const bytes = Buffer.concat([typeof text === 'string' ? Buffer.from(text, 'utf8') : text, Buffer.from(terminator, 'latin1')]);
  const baud = options.baud ?? 9600;
  if (typeof target === 'number') return writePaced(fdWriter(target), bytes, baud);
  const handle = typeof target === 'string' ? await openSimEnd(target) : target;
  try {
    return await writePaced(handle, bytes, baud);
  } finally {
    if (typeof target === 'string') await handle.close();
  }
}

type Writer = Pick<FileHandle, 'write'>;

function fdWriter(fd: number): Writer {
  return {
    write: ((buffer: Buffer, offset: number, length: number) =>
      new Promise((resolve, reject) =>
        writeFd(fd, buffer, offset, length, null, (err, bytesWritten) => (err ? reject(err) : resolve({ bytesWritten, buffer }))),
      )) as FileHandle['write'],
  };
}

/** Open the sim end for writing several lines. */
export function openSimEnd(simPath: string): Promise<FileHandle> {
  // O_NOCTTY: never let the pty become this process's controlling terminal.
  return open(simPath, fsConstants.O_WRONLY | fsConstants.O_NOCTTY);
}

async function writePaced(handle: Writer, bytes: Buffer, baud: number): Promise<number> {
  const perByte = byteTimeMs(baud);
  const start = performance.now();
  let sent = 0;
  while (sent < bytes.length) {
    // Timers are coarser than a byte time, so send whatever is due by now:
    // the average rate matches the line even when a timer fires late.
    const due = Math.min(bytes.length, Math.floor((performance.now() - start) / perByte) + 1);
    if (due > sent) {
      await writeAll(handle, bytes.subarray(sent, due));
      sent = due;
    }
    if (sent < bytes.length) await sleep(Math.max(1, start + sent * perByte - performance.now()));
  }
  return performance.timeOrigin + performance.now();
}

async function writeAll(handle: Writer, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
