/** The service's /outbox: the page hands it bundles; other origins may not. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../device/outbox.ts';
import { ScanHub } from '../../device/scan-hub.ts';
import { startKioskServer } from '../../device/server.ts';
import { HttpOutboxService, OutboxError } from '../../src/data/outbox.ts';
import { localServerPerTest } from '../helpers/local-server.ts';

describe('/outbox', () => {
  let outbox: Outbox;
  const local = localServerPerTest('server-outbox-', (dir) => {
    outbox = new Outbox({ dir: join(dir, 'outbox') });
    return { outbox };
  });

  const put = (name: string, origin?: string) =>
    fetch(`${local.server.url}outbox?name=${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: { origin: origin ?? `http://127.0.0.1:${local.server.port}`, 'content-type': 'application/gzip' },
      body: new Uint8Array([0x1f, 0x8b, 1, 2, 3]),
    });

  it('keeps a bundle the page hands in and lists it as waiting', async () => {
    expect((await put('T1-2026-Q4-3.fleet.json.gz')).status).toBe(202);
    expect(readdirSync(join(local.dir, 'outbox', 'pending'))).toEqual(['T1-2026-Q4-3.fleet.json.gz']);
    const state = await (await fetch(`${local.server.url}outbox`)).json();
    expect(state).toMatchObject({ collector: null, pending: ['T1-2026-Q4-3.fleet.json.gz'], refused: [] });
  });

  it('refuses another origin and a name that is not a bundle’s', async () => {
    expect((await put('T1-2026-Q4-3.fleet.json.gz', 'http://evil.example')).status).toBe(403);
    expect((await put('../../journal/x.fleet.json')).status).toBe(400);
    expect(readdirSync(join(local.dir, 'outbox', 'pending'))).toEqual([]);
  });

  it('takes what the page’s client hands in, and the client reports a refusal and a service that is gone in the rep’s terms', async () => {
    const client = new HttpOutboxService(local.server.url.replace(/\/$/, ''));
    await client.put('T1-2026-Q4-4.fleet.json.gz', new Uint8Array([0x1f, 0x8b, 4]));
    expect(await client.state()).toMatchObject({
      collector: null,
      pending: ['T1-2026-Q4-4.fleet.json.gz'],
      refused: [],
      failures: 0,
      district: null,
    });
    // The district a delivery's answer named (device/outbox.ts keeps it there): the page names it in its bundles.
    writeFileSync(join(local.dir, 'outbox', 'district.json'), JSON.stringify({ district: 'D-east' }));
    expect((await client.state())?.district).toBe('D-east');
    const refused = await client.put('not-a-bundle.txt', new Uint8Array([1])).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutboxError);
    expect(refused).toMatchObject({ kind: 'refused' });
    await local.server.close();
    const gone = await client.put('T1-2026-Q4-5.fleet.json.gz', new Uint8Array([1])).catch((e: unknown) => e);
    expect(gone).toMatchObject({ kind: 'unreachable' });
    expect(await client.state()).toBeUndefined();
    // Started again for afterEach to close.
    local.server = await startKioskServer({
      hub: new ScanHub(local.journal, { version: '9.9.9', doubleReadMs: 300 }),
      port: 0,
      version: '9.9.9',
      outbox,
    });
  });
});
