/**
 * `npm run fleet:import -- DIR [--collector URL]`: uploads the signed bundles
 * a rep brought on a USB stick (`*.fleet.json` and `*.fleet.json.gz`, in DIR
 * and its folders) to the collector, one by one, as the terminal's outbox
 * would have (same request, same Idempotency-Key: a bundle the terminal
 * already pushed is reported as already there, never stored twice).
 *   --collector URL   default $FLEET_COLLECTOR or http://127.0.0.1:8790
 * Exits 1 when any bundle was refused or the collector was not reached.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_FILE_NAME, uploadBundleFile } from '../device/collector-upload.ts';

/** Bundle files below `dir` (a stick's folders; not following symlinks), in name order. */
async function bundleFiles(dir: string, depth = 4): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) out.push(...(await bundleFiles(path, depth - 1)));
    else if (entry.isFile() && BUNDLE_FILE_NAME.test(entry.name)) out.push(path);
  }
  return out.sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b));
}

export async function importBundles(
  dir: string,
  collector: string,
  print: (line: string) => void,
): Promise<{ stored: number; already: number; refused: number; unreached: number }> {
  const counts = { stored: 0, already: 0, refused: 0, unreached: 0 };
  for (const path of await bundleFiles(dir)) {
    const outcome = await uploadBundleFile(collector, basename(path), await readFile(path));
    if (outcome.kind === 'delivered') {
      counts[outcome.duplicate ? 'already' : 'stored']++;
      print(`${outcome.duplicate ? '已有 already there' : '已接收 stored'}  ${path}`);
    } else if (outcome.kind === 'refused') {
      counts.refused++;
      print(`拒收 refused (${outcome.status} ${outcome.error})  ${path}: ${outcome.message}`);
    } else {
      counts.unreached++;
      print(`未送达 not reached  ${path}: ${outcome.message}`);
    }
  }
  return counts;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { collector: { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir || positionals.length > 1) {
    console.error('usage: npm run fleet:import -- DIR [--collector URL]');
    process.exit(2);
  }
  const collector = values.collector ?? process.env['FLEET_COLLECTOR'] ?? 'http://127.0.0.1:8790';
  const counts = await importBundles(dir, collector, (line) => console.log(line));
  console.log(
    `fleet:import ${counts.stored} stored, ${counts.already} already there, ${counts.refused} refused, ${counts.unreached} not reached (${collector})`,
  );
  if (counts.refused > 0 || counts.unreached > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  main().catch((error: unknown) => {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  });
}
