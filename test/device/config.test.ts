import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DOUBLE_READ_MS, parseScannerSpec, parseServiceConfig } from '../../device/config.ts';

const defaults = { baudRate: 9600, lineEnding: 'any' as const, doubleReadMs: 300 };

describe('service configuration', () => {
  it('defaults to one auto-detected counter scanner on port 8080', () => {
    const config = parseServiceConfig([], {});
    if (config === 'help') throw new Error('unexpected help');
    expect(config.port).toBe(8080);
    expect(config.scanners).toEqual([
      { id: 'counter', role: 'counter', path: 'auto', baudRate: 9600, lineEnding: 'any', doubleReadMs: DEFAULT_DOUBLE_READ_MS },
    ]);
    expect(config.simulate).toBe('auto');
  });

  it('takes the collector the outbox pushes to, from the flag or KIOSK_COLLECTOR, and refuses what is not an http(s) URL', () => {
    const none = parseServiceConfig([], {});
    if (none === 'help') throw new Error('unexpected help');
    expect(none.collector).toBeUndefined();
    const flag = parseServiceConfig(['--collector', 'https://collector.example:8790'], { KIOSK_COLLECTOR: 'http://other' });
    if (flag === 'help') throw new Error('unexpected help');
    expect(flag.collector).toBe('https://collector.example:8790/');
    const env = parseServiceConfig([], { KIOSK_COLLECTOR: 'http://127.0.0.1:8790' });
    if (env === 'help') throw new Error('unexpected help');
    expect(env.collector).toBe('http://127.0.0.1:8790/');
    expect(() => parseServiceConfig(['--collector', 'ftp://x'], {})).toThrow(ConfigError);
    expect(() => parseServiceConfig(['--collector', 'not a url'], {})).toThrow(ConfigError);
  });

  it('reads flags before environment', () => {
    const config = parseServiceConfig(['--port', '9000', '--baud', '115200'], { KIOSK_PORT: '7000', KIOSK_DATA_DIR: '/var/lib/kiosk' });
    if (config === 'help') throw new Error('unexpected help');
    expect(config.port).toBe(9000);
    expect(config.dataDir).toBe('/var/lib/kiosk');
    expect(config.scanners[0]?.baudRate).toBe(115200);
  });

  it('takes several scanners, each with its own settings', () => {
    const config = parseServiceConfig(
      ['--scanner', 'counter=/dev/ttyACM0', '--scanner', 'id=display,path=auto,baud=115200,ending=CR,prefix=]E0'],
      {},
    );
    if (config === 'help') throw new Error('unexpected help');
    expect(config.scanners.map((s) => [s.id, s.path, s.baudRate, s.lineEnding, s.prefix])).toEqual([
      ['counter', '/dev/ttyACM0', 9600, 'any', undefined],
      ['display', 'auto', 115200, 'CR', ']E0'],
    ]);
  });

  it('allows no serial scanner at all', () => {
    const config = parseServiceConfig(['--scanner', 'none'], {});
    if (config === 'help') throw new Error('unexpected help');
    expect(config.scanners).toEqual([]);
  });

  it.each([
    [['--port', 'eighty']],
    [['--port', '70000']],
    [['--line-ending', 'NUL']],
    [['--scanner', 'id=a,path=/dev/ttyACM0', '--scanner', 'id=a,path=/dev/ttyACM1']],
    [['--scanner', 'id=x,speed=9']],
    [['--simulate', 'sometimes']],
  ])('refuses %j with a message', (argv) => {
    expect(() => parseServiceConfig(argv, {})).toThrow(ConfigError);
  });

  it('reads a bare path as the counter scanner', () => {
    expect(parseScannerSpec('/dev/ttyUSB0', defaults)).toMatchObject({ id: 'counter', path: '/dev/ttyUSB0' });
    expect(parseScannerSpec('/dev/ttyUSB1', defaults, 1)).toMatchObject({ id: 'scanner2' });
  });

  it('gives each scanner a role: "display" by name or role=display, otherwise counter', () => {
    const config = parseServiceConfig(
      ['--scanner', 'counter=/dev/ttyACM0', '--scanner', 'display=auto', '--scanner', 'id=door,path=/dev/ttyUSB0,role=display'],
      {},
    );
    if (config === 'help') throw new Error('unexpected help');
    expect(config.scanners.map((s) => [s.id, s.role])).toEqual([
      ['counter', 'counter'],
      ['display', 'display'],
      ['door', 'display'],
    ]);
    expect(() => parseScannerSpec('id=x,path=auto,role=kitchen', defaults)).toThrow(ConfigError);
  });
});
