/**
 * The service's side of backups: a bundle from the page is checked, kept with
 * 7 daily + 4 weekly retention, copied to a USB stick, listed and served back;
 * a damaged one is refused and nothing is kept.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BackupStore, backupName, retained } from '../../device/backups.ts';
import { BACKUP_MAGIC, type BackupHeader } from '../../src/domain/backup-format.ts';
import { localServerPerTest } from '../helpers/local-server.ts';

function bundle(createdAt: number, products = 3): Buffer {
  const payload = gzipSync(
    `{"store":"products","count":${products}}\n` +
      Array.from({ length: products }, (_, i) => JSON.stringify({ code: `c${i}`, name: `香烟 ${i}` })).join('\n') +
      '\n',
  );
  const header: BackupHeader = {
    format: 1,
    database: 'shop-terminal',
    dbVersion: 3,
    createdAt,
    stores: { products },
    summary: { products, movements: 0, scans: 0, lastSale: null },
    payloadBytes: payload.byteLength,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
  };
  return Buffer.concat([Buffer.from(`${BACKUP_MAGIC}${JSON.stringify(header)}\n`), payload]);
}

let usb: string;
let store: BackupStore;
const local = localServerPerTest('backups-', (dir) => {
  usb = join(dir, 'stick');
  mkdirSync(usb);
  store = new BackupStore({ dir: join(dir, 'backups'), usbTargets: async () => [usb] });
  return { backups: store };
});

describe('backups on the service', () => {
  it('keeps a bundle from the page, copies it to the stick, lists it and serves it back', async () => {
    const bytes = bundle(Date.UTC(2026, 0, 30, 14, 15, 0));
    const put = await fetch(`${local.server.url}backups`, { method: 'PUT', body: new Uint8Array(bytes) });
    expect(put.status).toBe(200);
    const saved = (await put.json()) as { name: string; usb: string[] };
    expect(saved.name).toBe('shop-backup-20260130-141500.shopbackup');
    expect(readFileSync(join(local.dir, 'backups', saved.name))).toEqual(bytes);
    expect(readFileSync(join(usb, 'shop-terminal-backups', saved.name))).toEqual(bytes);

    const list = (await (await fetch(`${local.server.url}backups`)).json()) as {
      backups: { name: string; where: string; header: BackupHeader }[];
    };
    expect(list.backups.map((b) => [b.name, b.where])).toEqual([
      [saved.name, 'terminal'],
      [saved.name, 'usb'],
    ]);
    expect(list.backups[0]!.header.summary.products).toBe(3);

    const back = await fetch(`${local.server.url}backups/file?name=${saved.name}&where=usb`);
    expect(Buffer.from(await back.arrayBuffer())).toEqual(bytes);
    expect((await fetch(`${local.server.url}backups/file?name=../../etc/passwd`)).status).toBe(404);
  });

  it('refuses a damaged bundle and keeps nothing', async () => {
    const bytes = bundle(Date.UTC(2026, 0, 30));
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    const put = await fetch(`${local.server.url}backups`, { method: 'PUT', body: new Uint8Array(bytes) });
    expect(put.status).toBe(400);
    expect(((await put.json()) as { error: string }).error).toBe('damaged');
    expect(readdirSync(join(local.dir, 'backups'))).toEqual([]);
    expect(readdirSync(usb)).toEqual([]);

    const notBackup = await fetch(`${local.server.url}backups`, { method: 'PUT', body: 'code,name\n' });
    expect(((await notBackup.json()) as { error: string }).error).toBe('not-a-backup');
  });

  it('refuses pages from another origin', async () => {
    const res = await fetch(`${local.server.url}backups`, { headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('keeps 7 daily and 4 weekly backups', async () => {
    // One backup a day (two on the last day) from Thu 1 Jan to Mon 9 Feb 2026.
    const names: string[] = [];
    for (let d = 0; d < 40; d++) names.push(backupName(Date.UTC(2026, 0, 1 + d, 13, 0, 0)));
    names.push(backupName(Date.UTC(2026, 1, 9, 20, 0, 0)));
    const newestFirst = [...names].sort().reverse();
    expect(retained(newestFirst)).toEqual([
      'shop-backup-20260209-200000.shopbackup', // newest of Mon 9 Feb (week 7)
      'shop-backup-20260208-130000.shopbackup', // Sun 8 Feb, newest of week 6
      'shop-backup-20260207-130000.shopbackup',
      'shop-backup-20260206-130000.shopbackup',
      'shop-backup-20260205-130000.shopbackup',
      'shop-backup-20260204-130000.shopbackup',
      'shop-backup-20260203-130000.shopbackup',
      'shop-backup-20260201-130000.shopbackup', // Sun 1 Feb, newest of week 5
      'shop-backup-20260125-130000.shopbackup', // Sun 25 Jan, newest of week 4
    ]);

    mkdirSync(join(local.dir, 'backups'), { recursive: true });
    for (const name of names) writeFileSync(join(local.dir, 'backups', name), 'x');
    const removed = await store.prune();
    expect(removed).toHaveLength(names.length - 9);
    expect(readdirSync(join(local.dir, 'backups')).sort().reverse()).toEqual(retained(newestFirst));
  });
});
