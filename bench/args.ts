/**
 * The benches' command-line options: `--name N` for each number, the default
 * when it is not given, and on/off `--flag`s. An unknown option is refused
 * (parseArgs' strict mode).
 */
import { parseArgs } from 'node:util';

export function benchArgs<N extends string, F extends string = never>(
  defaults: Record<N, number>,
  flags: readonly F[] = [],
): Record<N, number> & Record<F, boolean> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of Object.keys(defaults)) options[name] = { type: 'string' };
  for (const name of flags) options[name] = { type: 'boolean' };
  const { values } = parseArgs({ options });
  const args: Record<string, number | boolean> = {};
  for (const [name, fallback] of Object.entries<number>(defaults)) args[name] = Number(values[name] ?? fallback);
  for (const name of flags) args[name] = values[name] === true;
  return args as Record<N, number> & Record<F, boolean>;
}
