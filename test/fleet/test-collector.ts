/** A collector for one test file: a throw-away PostgreSQL 15 cluster, migrated, and the HTTP service on a free port. */
import type pg from 'pg';
import { createPool, migrate } from '../../fleet/db.ts';
import { startPgCluster, type PgCluster } from '../../fleet/pg-cluster.ts';
import { startCollector, type Collector } from '../../fleet/server.ts';
import { ADMIN_TOKEN } from './fleet-helpers.ts';

export interface TestCollector {
  cluster: PgCluster;
  pool: pg.Pool;
  collector: Collector;
  base: string;
  stop(): Promise<void>;
}

/** The overview's "today" is fixed, so that tests do not depend on the day they run. */
export async function startTestCollector(today = '2026-11-30', pagesDir?: string): Promise<TestCollector> {
  const cluster = await startPgCluster();
  try {
    await migrate(cluster.url);
    const pool = createPool(cluster.url, 4);
    const collector = await startCollector({ pool, port: 0, adminToken: ADMIN_TOKEN, today: () => today, pagesDir });
    return {
      cluster,
      pool,
      collector,
      base: collector.url,
      stop: async () => {
        await collector.close();
        await pool.end();
        await cluster.stop();
      },
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
