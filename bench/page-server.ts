/**
 * What the in-browser benches share: their page (a TypeScript module bundled
 * with esbuild) served on loopback — IndexedDB needs a real origin, as the
 * kiosk has — a time-stamped log line, and the median of runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

/** Bundle `entry` and serve it as the only script of a blank page; `url` is that page. */
export async function servePage(entry: URL, title: string): Promise<{ url: string; close: () => void }> {
  const bundle = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="margin:0"><script type="module" src="/bench.js"></script></body>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** A progress line on stdout ("# HH:MM:SS …"): the figure line stays the last one. */
export function log(line: string): void {
  console.log(`# ${new Date().toISOString().slice(11, 19)} ${line}`);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The options of the benches that seed a ledger (bench:report, bench:visit):
 *   --products N --movements N --days N --runs N --throttle N
 */
export function ledgerBenchOptions(defaultDays: number): {
  size: { products: number; movements: number; days: number };
  runs: number;
  throttle: number;
} {
  const { values } = parseArgs({
    options: {
      products: { type: 'string' },
      movements: { type: 'string' },
      days: { type: 'string' },
      runs: { type: 'string' },
      throttle: { type: 'string' },
    },
  });
  return {
    size: {
      products: Number(values.products ?? 500),
      movements: Number(values.movements ?? 1_000_000),
      days: Number(values.days ?? defaultDays),
    },
    runs: Number(values.runs ?? 5),
    throttle: Number(values.throttle ?? 4),
  };
}
