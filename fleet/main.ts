/**
 * The supplier's collector: `npm run fleet:start -- [options]`.
 *   --database URL    PostgreSQL (default: $DATABASE_URL)
 *   --temp-db         start a throw-away PostgreSQL 15 cluster instead (a demo; removed on exit)
 *   --port N          default 8790
 *   --host H          default 127.0.0.1 (loopback only)
 *   --admin-token T   guards POST /terminals (default: $FLEET_ADMIN_TOKEN, or a random one printed at start)
 *   --board-key FILE  the collector's Ed25519 key that signs the board (default: $FLEET_BOARD_KEY;
 *                     made there on first start; without it, a key for this run only)
 * Migrations are applied at start; the pages (fleet/web/) are built when missing or older than their sources.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createPool, migrate } from './db.ts';
import { startPgCluster, type PgCluster } from './pg-cluster.ts';
import { LOOPBACK_HOST, startCollector } from './server.ts';
import { buildFleetPagesIfStale, FLEET_PAGES_DIR } from './pages.ts';
import { generateBoardKey, loadOrCreateBoardKey } from './board.ts';

function log(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      'temp-db': { type: 'boolean', default: false },
      port: { type: 'string', default: '8790' },
      host: { type: 'string', default: LOOPBACK_HOST },
      'admin-token': { type: 'string' },
      'board-key': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  let cluster: PgCluster | undefined;
  let url = values.database ?? process.env['DATABASE_URL'];
  if (values['temp-db']) {
    cluster = await startPgCluster({ log });
    url = cluster.url;
  }
  if (!url) throw new Error('give --database URL (or DATABASE_URL), or --temp-db for a throw-away database');
  try {
    const applied = await migrate(url, () => {});
    log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is current');
    const pool = createPool(url);
    let adminToken = values['admin-token'] ?? process.env['FLEET_ADMIN_TOKEN'];
    if (!adminToken) {
      adminToken = randomBytes(18).toString('base64url');
      log(`admin token for POST /terminals (this run only): ${adminToken}`);
    }
    await buildFleetPagesIfStale(log);
    const boardKeyFile = values['board-key'] ?? process.env['FLEET_BOARD_KEY'];
    const board = boardKeyFile ? loadOrCreateBoardKey(boardKeyFile) : { key: generateBoardKey(), created: true };
    if (!boardKeyFile) log('board key: none given (--board-key FILE); a key for this run only — terminals cannot pin it');
    else if (board.created) log(`board key made in ${boardKeyFile}`);
    log(`board public key (terminals pin it: --collector-key): ${board.key.publicKey}  fingerprint ${board.key.fingerprint}`);
    const collector = await startCollector({
      pool,
      port,
      host: values.host,
      adminToken,
      log,
      pagesDir: FLEET_PAGES_DIR,
      boardKey: board.key,
    });
    log(`collector on ${collector.url} — sign in at ${collector.url}/login`);
    const shutdown = async () => {
      await collector.close();
      await pool.end();
      await cluster?.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  } catch (err) {
    await cluster?.stop();
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(`error: ${(err as Error).message}`);
  process.exit(1);
});
