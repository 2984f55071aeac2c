/**
 * A throw-away PostgreSQL 15 cluster from Debian's binaries, in a temporary
 * directory on a free loopback port: for the tests, the benchmark and
 * `npm run fleet:start -- --temp-db`. Run as root (CI, the lead's machine), the
 * server is run as the `postgres` user, which PostgreSQL insists on; the
 * directory is given to that user. `stop()` kills the server and removes the
 * directory, and is safe to call twice.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** The same server over its Unix socket (in `dir`): a collector on the database's machine skips loopback TCP. */
  socketUrl: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

export interface PgClusterOptions {
  log?: (line: string) => void;
  /**
   * Keep PostgreSQL's durable defaults (fsync, synchronous commit, full-page
   * writes), as a production collector runs: the benchmark, so that a 201
   * costs what it will cost. Tests leave them off.
   */
  durable?: boolean;
}

export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const log = options.log ?? (() => {});
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/postgres): run scripts/ensure-system-deps.sh postgresql-15`);
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'fleet-pg-'));
  const data = join(dir, 'data');
  // As root, every command goes through runuser so that files belong to postgres.
  const pg = (cmd: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args]) : run(join(PG_BIN, cmd), args);
  let started = false;
  const stop = async () => {
    if (started) {
      started = false;
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '60', 'stop']).catch((err: Error) =>
        log(`pg_ctl stop: ${err.message}`),
      );
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (asRoot) {
      const { uid, gid } = await postgresIds();
      chownSync(dir, uid, gid);
    }
    await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    // A port asked for can be taken by someone else before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const settings = [
        `-p ${port}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        // A throw-away cluster for tests: durability buys nothing and costs seconds on a shared disk.
        options.durable ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
      ]
        .filter(Boolean)
        .join(' ');
      try {
        await pg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '120', 'start']);
        started = true;
        log(`PostgreSQL 15 on 127.0.0.1:${port} in ${dir}`);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          socketUrl: `postgres://postgres@/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
          port,
          dir,
          stop,
        };
      } catch (err) {
        if (attempt >= 3) throw err;
        log(`pg_ctl start on port ${port} failed, trying another: ${(err as Error).message}`);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
}
