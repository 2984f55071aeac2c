/**
 * The collector's migrations against a real PostgreSQL 15 that this file
 * starts (a throw-away cluster in a temporary directory) and removes afterwards:
 * an empty database built, and one of the first slice's schema brought up to date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { migrate, MIGRATIONS_DIR } from '../../fleet/db.ts';
import { startPgCluster, type PgCluster } from '../../fleet/pg-cluster.ts';
import { fakeTerminal, makeBundle } from './fleet-helpers.ts';

let cluster: PgCluster;

beforeAll(async () => {
  cluster = await startPgCluster();
});

afterAll(async () => {
  await cluster?.stop();
});

/** The migrations in the order they run: the first two are the schema as the first slice shipped it. */
const MIGRATIONS = [
  '1764532800000_fleet-schema',
  '1764720000000_evaluations',
  '1764900000000_write-bundle-function',
  '1764900000001_overview-indexes',
  '1764900000002_accounts',
  '1765000000000_board',
  '1765100000000_pending-terminals',
  '1765200000000_board-messages',
  '1765300000000_owner-replies',
];

/** A new database `name` in the test cluster, with nothing in it; its URL. */
async function emptyDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

describe('migrations', () => {
  it('build the schema in an empty database, record it, and have nothing left to do the second time', async () => {
    const url = await emptyDatabase('fresh');
    expect(await migrate(url)).toEqual(MIGRATIONS);
    expect(await migrate(url)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const partitioned = await client.query(
        `SELECT c.relname FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid ORDER BY 1`,
      );
      expect(partitioned.rows.map((r) => r.relname)).toEqual(['daily_sales', 'shop_days', 'visits']);
      // Citus-ready: every primary key starts with the district.
      const keys = await client.query(
        `SELECT t.relname, a.attname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
          WHERE i.indisprimary AND t.relname IN ('shops', 'terminals', 'bundles', 'shop_days', 'daily_sales', 'visits', 'board_acks', 'board_items')`,
      );
      expect(keys.rows.length).toBe(8);
      for (const r of keys.rows) expect(r.attname, r.relname).toBe('district_id');
      await client.query(`SELECT fleet_ensure_month_partitions('2026-01-15', '2026-02-01')`);
      const parts = await client.query(
        `SELECT relname FROM pg_class WHERE relname LIKE 'daily_sales_y2026m%' AND relkind = 'r' ORDER BY 1`,
      );
      expect(parts.rows.map((r) => r.relname)).toEqual(['daily_sales_y2026m01', 'daily_sales_y2026m02']);
    } finally {
      await client.end();
    }
  });

  it('bring a database of the previous version, with its data, up to this one; the old rows are read and written by the new code', async () => {
    const url = await emptyDatabase('previous');
    // The schema as the first slice shipped it (two migrations), with a shop's day in it.
    const old = await runner({
      databaseUrl: url,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      count: 2,
      migrationsTable: 'pgmigrations',
      log: () => {},
    });
    expect(old.map((m) => m.name)).toEqual(MIGRATIONS.slice(0, 2));
    const t = fakeTerminal('T-prev', 'D-prev');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO districts VALUES ('D-prev', 'D-prev')`);
      await client.query(`INSERT INTO shops VALUES ('D-prev', $1, '老店', '便利店', 'rep-old')`, [t.shopId]);
      await client.query(
        `INSERT INTO terminals (district_id, terminal_id, shop_id, public_key, fingerprint) VALUES ('D-prev', $1, $2, $3, 'fp')`,
        [t.terminalId, t.shopId, t.keys.publicKey],
      );
      await client.query(`SELECT fleet_ensure_month_partitions('2026-10-01', '2026-10-31')`);
      await client.query(`INSERT INTO shop_days VALUES ('D-prev', '2026-10-01', $1, 1, 1, 500, 400, 5)`, [t.terminalId]);

      expect(await migrate(url)).toEqual(MIGRATIONS.slice(2));
      // Enrolled before the pending-terminals migration: found by id and key for an 'unassigned' bundle.
      const found = await client.query('SELECT district_id FROM terminals WHERE terminal_id = $1 AND public_key = $2', [
        t.terminalId,
        t.keys.publicKey,
      ]);
      expect(found.rows).toEqual([{ district_id: 'D-prev' }]);
      expect((await client.query('SELECT count(*)::int AS n FROM pending_terminals')).rows[0].n).toBe(0);
      // The old day is kept, and the new write function honours it: sequence 3 does not replace sequence 5's day.
      const written = await client.query(
        `SELECT * FROM fleet_write_bundle('D-prev', $1, 3, 'k3', 2, '2026-10-01', '2026-10-02', '\\x01', $2, NULL, NULL, '[]', NULL)`,
        [t.terminalId, JSON.stringify(makeBundle(t, 3, '2026-10-01', '2026-10-02').daily)],
      );
      expect(written.rows[0]).toEqual({ outcome: 'stored', days_taken: 1, days_kept: 1 });
      const days = await client.query('SELECT sale_date, sales_cents, bundle_sequence FROM shop_days ORDER BY sale_date');
      expect(days.rows).toEqual([
        { sale_date: '2026-10-01', sales_cents: 500, bundle_sequence: 5 },
        { sale_date: '2026-10-02', sales_cents: 3 * 2300 + 1500, bundle_sequence: 3 },
      ]);
    } finally {
      await client.end();
    }
  });
});
