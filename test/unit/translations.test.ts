/**
 * Every message the app shows in Chinese has its English (the kiosk switches
 * language in place, and a message missing from xliff/en.xlf shows in Chinese
 * to an English reader), and the committed files are what lit-localize makes
 * from the source today. lit-localize itself extracts and builds into a
 * temporary folder, starting from the committed translations.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const LIT_LOCALIZE = join(ROOT, 'node_modules/.bin/lit-localize');

let work: string;

/** Trans-unit ids, and those without an English target (with their Chinese). */
function units(xliff: string): { ids: string[]; untranslated: string[] } {
  const found = [...xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)];
  return {
    ids: found.map((m) => m[1]!).sort(),
    untranslated: found
      .filter((m) => !/<target>[\s\S]*?\S[\s\S]*?<\/target>/.test(m[2]!))
      .map((m) => `${m[1]} “${/<source>([\s\S]*?)<\/source>/.exec(m[2]!)?.[1] ?? ''}”`),
  };
}

/** Nouns an English count is read with; after a count that can be 1 they need a one/other pair of ids. */
const COUNTED =
  'orders|products|pictures|items|rows|records|sales|files|notices|customers|days|weeks|packs|cartons|lines|months|points|votes|scans|visits|tags|prices';

/**
 * Counts that are never 1, or not whole: a carton holds more than one pack, a
 * progress total or a "show all" list is over the rows already shown, a
 * forecast has a decimal ("1.0 packs"), and "1 of 1 stocked products" reads well.
 */
const NEVER_ONE = new Set([
  '${line.multiplier}',
  '${line.quantity * line.multiplier}',
  '${ppc}',
  '${p.packsPerCarton}',
  '${link.multiplier}',
  '${carton.multiplier}',
  '${total}',
  '${b.total}',
  '${r.total}',
  '${this.rows.length}',
  '${n(s.forecast)}',
  '${m.stocked}',
]);

/** "1 orders": an English target with a count that can be 1 and a plural noun after it. */
function pluralAfterOne(xliff: string): string[] {
  const found: string[] = [];
  for (const [, id, target] of xliff.matchAll(/<trans-unit id="([^"]+)">[\s\S]*?<target>([\s\S]*?)<\/target>/g)) {
    if (id!.endsWith('-other')) continue;
    for (const [, count, noun] of target!.matchAll(new RegExp(`<x id="\\d+" equiv-text="([^"]*)"/> (?:[a-z]+ )?(${COUNTED})\\b`, 'g'))) {
      // A constant (MAX_NAME_LENGTH) is a limit, never 1.
      if (/^\$\{[A-Z_]+\}$/.test(count!) || NEVER_ONE.has(count!)) continue;
      found.push(`${id}: “${count} ${noun}”`);
    }
  }
  return found;
}

describe('translations', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'translations-'));
    const config = JSON.parse(await readFile(join(ROOT, 'lit-localize.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    await cp(join(ROOT, 'xliff'), join(work, 'xliff'), { recursive: true });
    config.inputFiles = [join(ROOT, 'src/**/*.ts')] as unknown as Record<string, unknown>;
    config.output = {
      ...config.output,
      outputDir: join(work, 'generated/locales'),
      localeCodesModule: join(work, 'generated/locale-codes.ts'),
    };
    config.interchange = { ...config.interchange, xliffDir: join(work, 'xliff') };
    await writeFile(join(work, 'lit-localize.json'), JSON.stringify(config));
    await run(LIT_LOCALIZE, ['extract', '--config', join(work, 'lit-localize.json')], { cwd: ROOT });
    await run(LIT_LOCALIZE, ['build', '--config', join(work, 'lit-localize.json')], { cwd: ROOT });
  }, 120_000);
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('every message in the source has its English in xliff/en.xlf', async () => {
    const extracted = units(await readFile(join(work, 'xliff/en.xlf'), 'utf8'));
    expect(extracted.ids.length).toBeGreaterThan(500);
    expect(
      extracted.untranslated,
      'messages without English: add a <target> in xliff/en.xlf (npm run localize:extract lists them)',
    ).toEqual([]);
  });

  it('no English count can read “1 orders”: a count that can be 1 has one/other ids, or is said as “Orders: 1”', async () => {
    const xliff = await readFile(join(ROOT, 'xliff/en.xlf'), 'utf8');
    expect(
      pluralAfterOne('<trans-unit id="x"><source>s</source><target><x id="0" equiv-text="${n}"/> orders</target></trans-unit>'),
    ).toEqual(['x: “${n} orders”']);
    expect(pluralAfterOne(xliff), 'say it as “Orders: N”, or give the message one/other ids (see daysText)').toEqual([]);
  });

  it('xliff/en.xlf and src/generated are what npm run localize:extract and localize:build make today', async () => {
    const committed = units(await readFile(join(ROOT, 'xliff/en.xlf'), 'utf8'));
    const extracted = units(await readFile(join(work, 'xliff/en.xlf'), 'utf8'));
    expect(committed.ids, 'run npm run localize:extract').toEqual(extracted.ids);
    expect(await readFile(join(ROOT, 'src/generated/locales/en.ts'), 'utf8'), 'run npm run localize:build').toEqual(
      await readFile(join(work, 'generated/locales/en.ts'), 'utf8'),
    );
  });
});
