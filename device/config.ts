/**
 * Command line and environment for the terminal service. Every flag has an
 * environment twin (KIOSK_PORT, KIOSK_SCANNER, …) so a systemd unit can set them.
 */
import { parseArgs } from 'node:util';
import type { ScannerRole } from '../src/domain/scan-protocol.ts';
import { DEFAULT_DOUBLE_READ_MS } from './scanner/double-read.ts';

export type LineEnding = 'CR' | 'LF' | 'CRLF' | 'any';

export interface ScannerConfig {
  id: string;
  /** Which page gets its scans: 'counter', or 'display' (the customer display). */
  role: ScannerRole;
  /** A device path, or 'auto' to pick the likeliest scanner port (and keep looking). */
  path: string;
  baudRate: number;
  lineEnding: LineEnding;
  prefix?: string;
  suffix?: string;
  doubleReadMs: number;
}

export interface ServiceConfig {
  port: number;
  dataDir: string;
  scanners: ScannerConfig[];
  /** Start a pty scanner simulator when no hardware scanner is found. */
  simulate: 'auto' | 'always' | 'never';
  /** Open Chromium in kiosk mode when a display is available. */
  browser: boolean;
  buildIfNeeded: boolean;
  /** Open the demo shop (its own database in the page) instead of the shop's data. */
  demo: boolean;
  /** The supplier's collector the outbox pushes bundles to; absent: bundles wait for the USB stick. */
  collector?: string;
  /** The collector's Ed25519 public key (raw, base64) that board items must be signed with; absent: none accepted. */
  collectorKey?: string;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_BAUD = 9600;
export { DEFAULT_DOUBLE_READ_MS };

const USAGE = `Usage: npm start -- [options]
  --port N              HTTP port on 127.0.0.1 (default ${DEFAULT_PORT}; env KIOSK_PORT)
  --scanner SPEC        a scanner; repeat for several (env KIOSK_SCANNER, comma-separated with ';')
                        SPEC is PATH | auto | none | ID=PATH | key=value,… with keys
                        id, path, role (counter|display), baud, ending (CR|LF|CRLF|any), prefix,
                        suffix, double-read-ms (default: one scanner "counter" on auto).
                        role: which page gets its scans; a scanner named "display" is role display
  --baud N              default baud rate (default ${DEFAULT_BAUD}; env KIOSK_BAUD)
  --line-ending E       default line ending CR|LF|CRLF|any (default any; env KIOSK_LINE_ENDING)
  --double-read-ms N    one read of a code repeated within N ms is one scan (default ${DEFAULT_DOUBLE_READ_MS})
  --data-dir DIR        journal and browser profile (default .kiosk-data; env KIOSK_DATA_DIR)
  --simulate auto|always|never   pty scanner simulator (default auto: when no scanner is found)
  --no-browser          do not open Chromium in kiosk mode
  --demo                open the demo shop (simulated, in its own database; env KIOSK_DEMO=1)
  --collector URL       push the signed bundles in the outbox to the supplier's collector
                        (http or https; env KIOSK_COLLECTOR); without it they wait for the USB stick
  --collector-key KEY   the collector's public key (base64, from its start-up log or GET /board-key):
                        board items must carry its signature (env KIOSK_COLLECTOR_KEY)
  --help`;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function usage(): string {
  return USAGE;
}

export function parseServiceConfig(argv: string[], env: Record<string, string | undefined> = process.env): ServiceConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      scanner: { type: 'string', multiple: true },
      baud: { type: 'string' },
      'line-ending': { type: 'string' },
      'double-read-ms': { type: 'string' },
      'data-dir': { type: 'string' },
      simulate: { type: 'string' },
      'no-browser': { type: 'boolean' },
      demo: { type: 'boolean' },
      collector: { type: 'string' },
      'collector-key': { type: 'string' },
      'build-if-needed': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';

  const port = parseInteger('--port', values.port ?? env.KIOSK_PORT, DEFAULT_PORT, 0, 65535);
  const baudRate = parseInteger('--baud', values.baud ?? env.KIOSK_BAUD, DEFAULT_BAUD, 50, 4_000_000);
  const lineEnding = parseLineEnding(values['line-ending'] ?? env.KIOSK_LINE_ENDING ?? 'any');
  const doubleReadMs = parseInteger(
    '--double-read-ms',
    values['double-read-ms'] ?? env.KIOSK_DOUBLE_READ_MS,
    DEFAULT_DOUBLE_READ_MS,
    0,
    10_000,
  );
  const simulate = values.simulate ?? env.KIOSK_SIMULATE ?? 'auto';
  if (simulate !== 'auto' && simulate !== 'always' && simulate !== 'never') {
    throw new ConfigError(`--simulate must be auto, always or never, not "${simulate}"`);
  }
  const specs = values.scanner ?? env.KIOSK_SCANNER?.split(';').filter(Boolean) ?? ['auto'];
  const defaults = { baudRate, lineEnding, doubleReadMs };
  const scanners: ScannerConfig[] = [];
  for (const spec of specs) {
    const scanner = parseScannerSpec(spec, defaults, scanners.length);
    if (scanner === 'none') continue;
    if (scanners.some((s) => s.id === scanner.id)) throw new ConfigError(`two scanners are named "${scanner.id}"`);
    scanners.push(scanner);
  }
  const collector = parseCollector(values.collector ?? env.KIOSK_COLLECTOR);
  const collectorKey = parseCollectorKey(values['collector-key'] ?? env.KIOSK_COLLECTOR_KEY);
  return {
    ...(collector ? { collector } : {}),
    ...(collectorKey ? { collectorKey } : {}),
    port,
    dataDir: values['data-dir'] ?? env.KIOSK_DATA_DIR ?? '.kiosk-data',
    scanners,
    simulate,
    browser: !values['no-browser'] && env.KIOSK_BROWSER !== '0',
    buildIfNeeded: values['build-if-needed'] ?? false,
    demo: (values.demo ?? false) || env.KIOSK_DEMO === '1',
  };
}

export function parseScannerSpec(
  spec: string,
  defaults: Pick<ScannerConfig, 'baudRate' | 'lineEnding' | 'doubleReadMs'>,
  index = 0,
): ScannerConfig | 'none' {
  const text = spec.trim();
  if (text === '' || text === 'none') return 'none';
  const defaultId = index === 0 ? 'counter' : `scanner${index + 1}`;
  if (!text.includes('=')) return { id: defaultId, role: 'counter', path: text, ...defaults };
  const fields = new Map<string, string>();
  if (!text.includes(',') && !/^(id|path|role|baud|ending|prefix|suffix|double-read-ms)=/.test(text)) {
    // ID=PATH shorthand, e.g. display=/dev/ttyACM1
    const [id, path] = splitOnce(text, '=');
    fields.set('id', id).set('path', path);
  } else {
    for (const part of text.split(',')) {
      const [key, value] = splitOnce(part, '=');
      fields.set(key.trim(), value);
    }
  }
  for (const key of fields.keys()) {
    if (!['id', 'path', 'role', 'baud', 'ending', 'prefix', 'suffix', 'double-read-ms'].includes(key)) {
      throw new ConfigError(`unknown scanner setting "${key}" in "${spec}"`);
    }
  }
  const path = fields.get('path');
  if (!path) throw new ConfigError(`scanner "${spec}" has no path (use path=/dev/ttyACM0 or path=auto)`);
  if (path === 'none') return 'none';
  const id = fields.get('id') || defaultId;
  if (!/^[a-z0-9_-]{1,32}$/i.test(id)) throw new ConfigError(`scanner id "${id}" must be letters, digits, - or _`);
  const role = fields.get('role') ?? (id === 'display' ? 'display' : 'counter');
  if (role !== 'counter' && role !== 'display') throw new ConfigError(`scanner role must be counter or display, not "${role}"`);
  const scanner: ScannerConfig = {
    id,
    role,
    path,
    baudRate: parseInteger('baud', fields.get('baud'), defaults.baudRate, 50, 4_000_000),
    lineEnding: fields.has('ending') ? parseLineEnding(fields.get('ending')!) : defaults.lineEnding,
    doubleReadMs: parseInteger('double-read-ms', fields.get('double-read-ms'), defaults.doubleReadMs, 0, 10_000),
  };
  const prefix = fields.get('prefix');
  const suffix = fields.get('suffix');
  if (prefix) scanner.prefix = prefix;
  if (suffix) scanner.suffix = suffix;
  return scanner;
}

function parseCollector(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConfigError(`--collector must be a URL such as https://collector.example/, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`--collector must be http or https, not ${url.protocol}`);
  return url.href;
}

function parseCollectorKey(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const key = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(key))
    throw new ConfigError("--collector-key must be the collector's Ed25519 public key: 32 bytes in base64 (44 characters)");
  return key;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

function parseInteger(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text.trim())) throw new ConfigError(`${name} must be a whole number, not "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, not ${value}`);
  return value;
}

function parseLineEnding(text: string): LineEnding {
  const upper = text.toUpperCase();
  if (upper === 'CR' || upper === 'LF' || upper === 'CRLF') return upper;
  if (text.toLowerCase() === 'any') return 'any';
  throw new ConfigError(`line ending must be CR, LF, CRLF or any, not "${text}"`);
}
