/**
 * bench:fleet — daily bundles from simulated shops (demand from the reorder
 * demand simulator), signed and posted to a real collector (its own process,
 * `fleet/main.ts`) on a throw-away PostgreSQL 15; then the district overview
 * and one shop's page, each the median of 7 requests.
 *   npm run bench:fleet [-- --terminals N --days N --products N --clients N]
 * All shops are in one district: the overview reads every one of them.
 * Prints last: bench:fleet terminals=… days=… products=… ingest_per_s=… overview_ms=… shop_open_ms=… mb_per_shop_year=…
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { simulate } from '../src/domain/demand-simulator.ts';
import { FLEET_BUNDLE_FORMAT, FLEET_BUNDLE_SCHEMA_VERSION, type DailyRollup, type FleetBundle } from '../src/domain/fleet-bundle.ts';
import { generateTerminalKeys, keyFingerprint, signBundle } from '../fleet/keys.ts';
import { migrate } from '../fleet/db.ts';
import { startPgCluster } from '../fleet/pg-cluster.ts';

const { values } = parseArgs({
  options: {
    terminals: { type: 'string' },
    days: { type: 'string' },
    products: { type: 'string' },
    clients: { type: 'string' },
  },
});
const terminals = Number(values.terminals ?? 1000);
const days = Number(values.days ?? 365);
const products = Number(values.products ?? 300);
const clients = Number(values.clients ?? 4);
const DISTRICT = 'bench-district';
const START_DAY = '2025-12-01';
const ADMIN_TOKEN = 'bench-admin-token';
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

const cluster = await startPgCluster({ log });
let collectorProcess: ReturnType<typeof spawn> | undefined;
try {
  await migrate(cluster.url);
  collectorProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../fleet/main.ts', import.meta.url)),
      '--database',
      cluster.url,
      '--port',
      '0',
      '--admin-token',
      ADMIN_TOKEN,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    collectorProcess!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /collector on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    collectorProcess!.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${out}`)));
  });
  log(`collector ${base}; ${terminals} terminals × ${days} days × ${products} products, ${clients} clients posting`);

  let posted = 0;
  let rows = 0;
  let lastTerminal = '';
  let nextTerminal = 0;
  let busyMs = 0;
  const started = performance.now();

  async function oneTerminal(index: number): Promise<void> {
    const terminalId = `T${String(index).padStart(6, '0')}`;
    const keys = generateTerminalKeys();
    const res = await fetch(`${base}/terminals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        district: DISTRICT,
        shopId: `S${index}`,
        shopName: `店${index}`,
        businessFormat: index % 5 === 0 ? '食杂店' : '便利店',
        terminalId,
        publicKey: keys.publicKey,
        fingerprint: keyFingerprint(keys.publicKey),
      }),
    });
    if (res.status !== 201) throw new Error(`enrolment ${res.status}: ${await res.text()}`);
    const sim = simulate({ seed: 1000 + index, products, days, startDay: START_DAY, tail: 0 });
    const stock = sim.products.map(() => 30);
    for (let day = 0; day < days; day++) {
      const date = sim.dayStrings[day]!;
      const daily: DailyRollup[] = [];
      sim.products.forEach((p, i) => {
        const sold = Math.min(sim.demand[i]![day]!, stock[i]!);
        const restocked = stock[i]! - sold < 5;
        stock[i] = stock[i]! - sold + (restocked ? p.packsPerCarton * 2 : 0);
        // A day's rollup names the products that moved (sold or received): the rest are as the day before.
        if (sold > 0 || restocked) {
          daily.push({
            date,
            productCode: p.code,
            packsSold: sold,
            salesCents: sold * p.priceCents,
            costCents: sold * p.costCents,
            stock: stock[i]!,
          });
        }
      });
      const weekly = day % 7 === 3;
      const bundle: FleetBundle = {
        format: FLEET_BUNDLE_FORMAT,
        schemaVersion: FLEET_BUNDLE_SCHEMA_VERSION,
        terminalId,
        publicKey: keys.publicKey,
        district: DISTRICT,
        businessFormat: index % 5 === 0 ? '食杂店' : '便利店',
        sequence: day + 1,
        period: { from: date, to: date },
        daily,
        visit: weekly
          ? { date, rep: 'rep-bench', grade: null, stockErrorBasisPoints: 300 + (day % 900), priceTagsMissing: day % 5, notes: '' }
          : null,
        boardAcks: [],
        evaluation: null,
        stocktakes: [],
        orders: [],
        feedbackWeeks: [],
      };
      const body = JSON.stringify(signBundle(bundle, keys));
      const t0 = performance.now();
      const r = await fetch(`${base}/bundles`, { method: 'POST', headers: { 'idempotency-key': `${terminalId}-${day + 1}` }, body });
      busyMs += performance.now() - t0;
      if (r.status !== 201) throw new Error(`bundle ${terminalId} #${day + 1}: ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
      posted++;
      rows += daily.length;
    }
    lastTerminal = terminalId;
  }

  let progressAt = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (nextTerminal < terminals) {
        await oneTerminal(nextTerminal++);
        if (performance.now() - progressAt > 15_000) {
          progressAt = performance.now();
          log(`${posted} bundles (${rows} rows), ${Math.round(posted / ((performance.now() - started) / 1000))}/s`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const ingestPerS = posted / seconds;
  log(
    `ingested ${posted} bundles, ${rows} rows (${(rows / posted).toFixed(0)} rows a bundle) in ${seconds.toFixed(1)} s (incl. generating and signing; ${((busyMs / 1000 / clients / seconds) * 100).toFixed(0)}% of the time waiting on the collector)`,
  );

  const asOf = sim_lastDay(START_DAY, days);
  const median = async (url: string) => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const r = await fetch(url);
      if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
      await r.arrayBuffer();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[3]!;
  };
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  const overviewMs = await median(`${base}/overview?district=${DISTRICT}&asOf=${asOf}`);
  const shopMs = await median(`${base}/shop?district=${DISTRICT}&terminal=${lastTerminal}&asOf=${asOf}`);
  const size = await client.query(
    `SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'pgmigrations'`,
  );
  const detail = await client.query(
    `SELECT coalesce(i.inhparent::regclass::text, c.relname) AS t, sum(pg_total_relation_size(c.oid)) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
      WHERE n.nspname = 'public' AND c.relkind = 'r' GROUP BY 1 ORDER BY 2 DESC`,
  );
  await client.end();
  log(`storage: ${detail.rows.map((r) => `${r.t} ${(Number(r.bytes) / 1048576).toFixed(1)} MB`).join(', ')}`);
  const mbPerShopYear = (Number(size.rows[0].bytes) / 1048576 / terminals) * (365 / days);
  console.log(
    `bench:fleet terminals=${terminals} days=${days} products=${products} ingest_per_s=${ingestPerS.toFixed(0)} overview_ms=${overviewMs.toFixed(0)} shop_open_ms=${shopMs.toFixed(0)} mb_per_shop_year=${mbPerShopYear.toFixed(2)}`,
  );
} finally {
  collectorProcess?.kill('SIGTERM');
  await cluster.stop();
}

function sim_lastDay(start: string, n: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + (n - 1) * 86_400_000).toISOString().slice(0, 10);
}
