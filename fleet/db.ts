/**
 * The collector's database: a pg pool and the versioned migrations in
 * fleet/migrations (plain SQL files applied by node-pg-migrate, which records
 * them in its pgmigrations table and takes an advisory lock so that two
 * collectors starting together do not both migrate).
 */
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

// bigint columns hold cents and sequences far below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (s) => Number(s));
// A date is a calendar day in the shop, never shifted through a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (s) => s);

export function createPool(url: string, max = 8): pg.Pool {
  return new pg.Pool({ connectionString: url, max });
}

/** Applies the migrations not yet applied; returns their names. */
export async function migrate(url: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const applied = await runner({
    databaseUrl: url,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    log,
    verbose: false,
    checkOrder: true,
  });
  return applied.map((m) => m.name);
}
