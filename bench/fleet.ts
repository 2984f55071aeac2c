/**
 * bench:fleet — daily bundles from simulated shops (demand from the reorder
 * demand simulator), signed and posted to a real collector (its own process,
 * `fleet/main.ts`) on a throw-away PostgreSQL 15 with its durable defaults
 * (fsync and synchronous commit on); then the district overview and one
 * shop's page, each the median of 7 requests.
 *   npm run bench:fleet [-- --terminals N --days N --products N --clients N --sample N --tcp]
 * All shops are in one district: the overview reads every one of them.
 *
 * Sampling: a year of 1,000 shops is 365,000 bundles and ~66 million product
 * rows (~12 GB), half an hour of ingest at the target rate and more disk than
 * a shared machine should give a benchmark. So `--sample` shops (default 24)
 * send their whole `--days` through HTTP: the ingest rate, the CPU per bundle
 * and the storage per shop-year are measured on them. The other shops are then
 * filled inside PostgreSQL by copying the sampled shops' day totals, visits
 * and bundle records (not their product rows, which neither page reads), so
 * that the overview and the shop page are timed on a district of
 * `--terminals` shops with a year each. The header lines say so.
 * Prints last: bench:fleet terminals=… days=… products=… ingest_per_s=… overview_ms=… shop_open_ms=… mb_per_shop_year=…
 */
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { simulate } from '../src/domain/demand-simulator.ts';
import { FLEET_BUNDLE_FORMAT, FLEET_BUNDLE_SCHEMA_VERSION, type DailyRollup, type FleetBundle } from '../src/domain/fleet-bundle.ts';
import { generateTerminalKeys, keyFingerprint, signBundle } from '../fleet/keys.ts';
import { migrate } from '../fleet/db.ts';
import { startPgCluster } from '../fleet/pg-cluster.ts';
import { benchArgs } from './args.ts';

const args = benchArgs({ terminals: 1000, days: 365, products: 300, clients: 4, sample: 24 }, ['tcp']);
const { terminals, days, products, clients } = args;
const sample = Math.min(terminals, args.sample);
const DISTRICT = 'bench-district';
const START_DAY = '2025-12-01';
const ADMIN_TOKEN = 'bench-admin-token';
const keepAlive = new Agent({ keepAlive: true, maxSockets: clients });
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

const cluster = await startPgCluster({ log, durable: true });
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
      // The collector beside its database talks to it over the Unix socket (--tcp: over loopback TCP, to compare).
      args.tcp ? cluster.url : cluster.socketUrl,
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
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /collector on (http:\/\/[\d.:]+)/.exec(out);
      if (m) {
        // Its line a bundle is not ours to keep: read and dropped, not piled into one growing string.
        collectorProcess!.stdout!.off('data', read).resume();
        resolve(m[1]!);
      }
    };
    collectorProcess!.stdout!.on('data', read);
    collectorProcess!.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${out}`)));
  });
  log(`collector ${base}; ${terminals} terminals × ${days} days × ${products} products, ${clients} clients posting`);
  log(
    sample < terminals
      ? `sampled: ${sample} shops post all ${days} days through HTTP (ingest rate, CPU, storage measured on them); the other ${terminals - sample} are copied from them inside PostgreSQL (day totals, visits, bundle records; no product rows) before the pages are timed`
      : `not sampled: all ${terminals} shops post all ${days} days through HTTP`,
  );
  const postmasterPid = Number(readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const cpu0 = {
    collector: processCpuSeconds(collectorProcess.pid!),
    postgres: postgresCpuSeconds(postmasterPid),
    bench: process.cpuUsage(),
  };

  let posted = 0;
  let rows = 0;
  let nextTerminal = 0;
  let busyMs = 0;
  const started = performance.now();

  async function oneTerminal(index: number): Promise<void> {
    const terminalId = terminalIdOf(index);
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
      const r = await postBundle(`${base}/bundles`, `${terminalId}-${day + 1}`, body);
      busyMs += performance.now() - t0;
      if (r.status !== 201) throw new Error(`bundle ${terminalId} #${day + 1}: ${r.status} ${r.text}`);
      posted++;
      rows += daily.length;
    }
  }

  let progressAt = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (nextTerminal < sample) {
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
  const benchCpu = process.cpuUsage(cpu0.bench);
  const cpuMs = {
    collector: ((processCpuSeconds(collectorProcess.pid!) - cpu0.collector) * 1000) / posted,
    postgres: ((postgresCpuSeconds(postmasterPid) - cpu0.postgres) * 1000) / posted,
    client: (benchCpu.user + benchCpu.system) / 1000 / posted,
  };
  log(
    `ingested ${posted} bundles, ${rows} rows (${(rows / posted).toFixed(0)} rows a bundle) in ${seconds.toFixed(1)} s (incl. generating and signing; ${((busyMs / 1000 / clients / seconds) * 100).toFixed(0)}% of the time waiting on the collector)`,
  );
  // The wall-clock rate depends on what else runs on the machine; CPU time per bundle does much less.
  log(
    `CPU per bundle: collector ${cpuMs.collector.toFixed(2)} ms, PostgreSQL ${cpuMs.postgres.toFixed(2)} ms, this client (simulating, signing, posting) ${cpuMs.client.toFixed(2)} ms; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  log(
    `→ a collector with its database alone on 2 free cores: ≈ ${Math.round(2000 / (cpuMs.collector + cpuMs.postgres))} bundles/s (CPU-bound estimate, clients elsewhere)`,
  );

  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  // Storage per shop-year from the shops that went through HTTP only.
  await client.query('VACUUM ANALYZE');
  const size = await client.query(
    `SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'pgmigrations'`,
  );
  const detail = await client.query(
    `SELECT coalesce(i.inhparent::regclass::text, c.relname) AS t, sum(pg_total_relation_size(c.oid)) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
      WHERE n.nspname = 'public' AND c.relkind = 'r' GROUP BY 1 ORDER BY 2 DESC`,
  );
  log(
    `storage of the ${sample} ingested shops: ${detail.rows.map((r) => `${r.t} ${(Number(r.bytes) / 1048576).toFixed(1)} MB`).join(', ')}`,
  );
  const mbPerShopYear = (Number(size.rows[0].bytes) / 1048576 / sample) * (365 / days);

  if (sample < terminals) {
    const t0 = performance.now();
    await fillCopies(client);
    await client.query('VACUUM ANALYZE');
    log(`copied ${terminals - sample} shops from the sampled ones in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const lastTerminal = terminalIdOf(terminals - 1);

  const asOf = sim_lastDay(START_DAY, days);
  // The pages need a session: the district's manager's.
  const account = {
    login: 'bench-manager',
    district: DISTRICT,
    role: 'manager',
    displayName: '片区经理',
    password: 'bench-manager-password',
  };
  const made = await fetch(`${base}/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(account),
  });
  if (made.status !== 200) throw new Error(`account: ${made.status} ${await made.text()}`);
  const signedIn = await fetch(`${base}/login`, {
    method: 'POST',
    body: JSON.stringify({ login: account.login, password: account.password }),
  });
  if (signedIn.status !== 200) throw new Error(`login: ${signedIn.status} ${await signedIn.text()}`);
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const median = async (url: string) => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const r = await fetch(url, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
      await r.arrayBuffer();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[3]!;
  };
  const overviewMs = await median(`${base}/overview?district=${DISTRICT}&asOf=${asOf}`);
  const shopMs = await median(`${base}/shop?district=${DISTRICT}&terminal=${lastTerminal}&asOf=${asOf}`);
  const shops = await client.query(`SELECT count(*) AS n FROM terminals WHERE district_id = $1`, [DISTRICT]);
  log(`overview of ${shops.rows[0].n} shops: ${overviewMs.toFixed(0)} ms; a shop's page: ${shopMs.toFixed(0)} ms (medians of 7)`);
  await client.end();
  console.log(
    `bench:fleet terminals=${terminals} days=${days} products=${products} ingest_per_s=${ingestPerS.toFixed(0)} overview_ms=${overviewMs.toFixed(0)} shop_open_ms=${shopMs.toFixed(0)} mb_per_shop_year=${mbPerShopYear.toFixed(2)}`,
  );
} finally {
  collectorProcess?.kill('SIGTERM');
  await cluster.stop();
}

/**
 * One bundle through node:http on kept-alive connections, one a client: the
 * terminals' HTTP, without fetch's WHATWG machinery (Request, Headers,
 * streams), which cost this client about 1 ms of CPU a bundle.
 */
function postBundle(url: string, idempotencyKey: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      agent: keepAlive,
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, 'content-length': Buffer.byteLength(body) },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.once('error', reject);
    });
    req.end(body);
  });
}

function terminalIdOf(index: number): string {
  return `T${String(index).padStart(6, '0')}`;
}

/** The shops beyond the sample: shop k copies sampled shop k mod sample (its days, visits and bundle records). */
async function fillCopies(client: pg.Client): Promise<void> {
  const map = `SELECT k, 'T' || lpad(k::text, 6, '0') AS tid, 'T' || lpad((k % ${sample})::text, 6, '0') AS src
                 FROM generate_series(${sample}, ${terminals - 1}) AS k`;
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO shops (district_id, shop_id, name, business_format, rep)
     SELECT $1, 'S' || k, '店' || k, CASE WHEN k % 5 = 0 THEN '食杂店' ELSE '便利店' END, NULL FROM (${map}) m`,
    [DISTRICT],
  );
  await client.query(
    `INSERT INTO terminals (district_id, terminal_id, shop_id, public_key, fingerprint)
     SELECT t.district_id, m.tid, 'S' || m.k, t.public_key, t.fingerprint FROM (${map}) m JOIN terminals t ON t.terminal_id = m.src`,
  );
  await client.query(
    `INSERT INTO shop_days SELECT d.district_id, d.sale_date, m.tid, d.products, d.packs_sold, d.sales_cents, d.cost_cents, d.bundle_sequence
       FROM (${map}) m JOIN shop_days d ON d.terminal_id = m.src`,
  );
  await client.query(
    `INSERT INTO visits SELECT v.district_id, v.visit_date, m.tid, v.rep, v.grade, v.stock_error_bp, v.price_tags_missing, v.notes, v.bundle_sequence
       FROM (${map}) m JOIN visits v ON v.terminal_id = m.src`,
  );
  await client.query(
    `INSERT INTO bundles (district_id, terminal_id, sequence, idempotency_key, schema_version, period_start, period_end, body_sha256, daily_rows, days_taken, received_at)
     SELECT b.district_id, m.tid, b.sequence, m.tid || '-' || b.sequence, b.schema_version, b.period_start, b.period_end, b.body_sha256, b.daily_rows, b.days_taken, b.received_at
       FROM (${map}) m JOIN bundles b ON b.terminal_id = m.src`,
  );
  await client.query('COMMIT');
}

/** CPU seconds (user + system) of one process. */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of the PostgreSQL server: the postmaster, its live children and the children it has reaped. */
function postgresCpuSeconds(postmaster: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(entry) === postmaster) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      else if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / 100;
}

function sim_lastDay(start: string, n: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + (n - 1) * 86_400_000).toISOString().slice(0, 10);
}
