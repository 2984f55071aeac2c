/**
 * One terminal per data directory. Two instances on one directory would both
 * replay and rewrite the same scan journal, so the second must stop before it
 * touches it.
 *
 * The lock is an abstract Unix socket named after the directory's device and
 * inode: the kernel frees it the moment the holder dies, SIGKILL and power cut
 * included, so there is never a stale lock to clean up, and two paths to one
 * directory (a symlink) name the same lock. A pid file beside it is only for
 * the message. (Abstract sockets are per network namespace: two containers with
 * their own network sharing one data directory are not covered.)
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

const PID_FILE = 'terminal.pid';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `another shop terminal is already running on the data directory ${dir}` +
        (holderPid ? ` (pid ${holderPid})` : '') +
        ': stop it first (e.g. `systemctl stop shop-terminal`), or give this one its own --data-dir',
    );
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/** Takes the lock on `dir` (which must exist), or throws DataDirLockedError. */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const { dev, ino } = statSync(dir);
  const name = `\0shop-terminal-data-${dev}-${ino}`;
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new DataDirLockedError(dir, readHolder(dir)));
      else reject(error);
    });
    server.listen(name, () => resolve());
  });
  // The lock must not keep the process alive on its own.
  server.unref();
  try {
    writeFileSync(join(dir, PID_FILE), `${process.pid}\n`);
  } catch {
    // A full or read-only disk: the lock holds without the pid file.
  }
  return {
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readHolder(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, PID_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
