import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
  existsSync,
  readdirSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_USB_FILE_BYTES, MAX_USB_FILES, UsbFileError, UsbFiles, usbRootsFromEnv } from '../../device/usb-files.ts';
import { localServerPerTest } from '../helpers/local-server.ts';

function httpRequest(
  port: number,
  method: string,
  path: string,
  opts: { body?: Uint8Array; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Buffer; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('UsbFiles', () => {
  let dir: string;
  let media: string;
  let mnt: string;
  let outside: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'usb-'));
    media = join(dir, 'media');
    mnt = join(dir, 'mnt');
    outside = join(dir, 'secret');
    mkdirSync(join(media, 'pi', 'STICK', 'exports', 'deeper'), { recursive: true });
    mkdirSync(mnt);
    mkdirSync(outside);
    writeFileSync(join(outside, 'shadow.csv'), 'secret');
    writeFileSync(join(media, 'pi', 'STICK', 'catalog.csv'), '条码,商品名称,零售价\n');
    writeFileSync(join(media, 'pi', 'STICK', 'notes.txt'), 'not a csv');
    writeFileSync(join(media, 'pi', 'STICK', '.hidden.csv'), 'hidden');
    writeFileSync(join(media, 'pi', 'STICK', 'exports', 'old.CSV'), 'a,b\n');
    // Depth 4 below the root: beyond the walk.
    writeFileSync(join(media, 'pi', 'STICK', 'exports', 'deeper', 'too-deep.csv'), 'x');
    writeFileSync(join(mnt, 'top.csv'), 'top');
    utimesSync(join(mnt, 'top.csv'), new Date(2020, 0, 1), new Date(2020, 0, 1));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes its roots from KIOSK_USB_ROOTS, colon-separated, else /media and /mnt', () => {
    expect(usbRootsFromEnv({})).toEqual(['/media', '/mnt']);
    expect(usbRootsFromEnv({ KIOSK_USB_ROOTS: '/a:/b/c' })).toEqual(['/a', '/b/c']);
  });

  it('lists .csv files under the roots with size, mtime and an API path; skips hidden, other files and too deep', async () => {
    const usb = new UsbFiles([media, mnt]);
    const { files, truncated } = await usb.list();
    expect(truncated).toBe(false);
    const paths = files.map((f) => f.path).sort();
    expect(paths).toEqual(['media/pi/STICK/catalog.csv', 'media/pi/STICK/exports/old.CSV', 'mnt/top.csv']);
    const catalog = files.find((f) => f.name === 'catalog.csv')!;
    expect(catalog.size).toBe(Buffer.byteLength('条码,商品名称,零售价\n'));
    expect(typeof catalog.mtime).toBe('number');
    // Newest first: top.csv dates from 2020.
    expect(files.at(-1)!.name).toBe('top.csv');
  });

  it('does not follow a symlink out of the root while listing', async () => {
    symlinkSync(outside, join(media, 'pi', 'link'));
    const usb = new UsbFiles([media]);
    const { files } = await usb.list();
    expect(files.some((f) => f.name === 'shadow.csv')).toBe(false);
  });

  it('stops at MAX_USB_FILES and says the list is cut', async () => {
    const many = join(mnt, 'many');
    mkdirSync(many);
    for (let i = 0; i < MAX_USB_FILES + 5; i++) writeFileSync(join(many, `f${i}.csv`), '');
    const { files, truncated } = await new UsbFiles([mnt]).list();
    expect(files.length).toBe(MAX_USB_FILES);
    expect(truncated).toBe(true);
  });

  it('a missing root is skipped, not an error', async () => {
    const { files } = await new UsbFiles([join(dir, 'nope'), mnt]).list();
    expect(files.map((f) => f.path)).toEqual(['mnt/top.csv']);
  });

  it('lists and reads picture files by kind; a CSV read of a picture, or a picture read of a CSV, is refused', async () => {
    writeFileSync(join(media, 'pi', 'STICK', '6901028075862.JPG'), 'jpeg bytes');
    writeFileSync(join(media, 'pi', 'STICK', 'exports', '6901028075879.webp'), 'webp bytes');
    const usb = new UsbFiles([media, mnt]);
    const pictures = await usb.list('picture');
    expect(pictures.files.map((f) => f.path).sort()).toEqual([
      'media/pi/STICK/6901028075862.JPG',
      'media/pi/STICK/exports/6901028075879.webp',
    ]);
    expect((await usb.list()).files.map((f) => f.name)).not.toContain('6901028075862.JPG');
    expect(Buffer.from(await usb.read('media/pi/STICK/6901028075862.JPG', 'picture')).toString()).toBe('jpeg bytes');
    await expect(usb.read('media/pi/STICK/6901028075862.JPG')).rejects.toMatchObject({ reason: 'not-csv' });
    await expect(usb.read('media/pi/STICK/catalog.csv', 'picture')).rejects.toMatchObject({ reason: 'not-csv' });
  });

  it('reads a listed file', async () => {
    const usb = new UsbFiles([media, mnt]);
    const bytes = await usb.read('media/pi/STICK/catalog.csv');
    expect(Buffer.from(bytes).toString('utf8')).toBe('条码,商品名称,零售价\n');
  });

  it('refuses path traversal, absolute paths, unknown roots and symlink escapes', async () => {
    const usb = new UsbFiles([media, mnt]);
    symlinkSync(join(outside, 'shadow.csv'), join(media, 'pi', 'escape.csv'));
    symlinkSync(outside, join(media, 'pi', 'dirlink'));
    const cases: [string, UsbFileError['reason']][] = [
      ['media/../secret/shadow.csv', 'bad-path'],
      ['media/pi/../../secret/shadow.csv', 'bad-path'],
      [`/${outside}/shadow.csv`, 'bad-path'],
      ['secret/shadow.csv', 'outside-roots'],
      ['media/pi/escape.csv', 'outside-roots'],
      ['media/pi/dirlink/shadow.csv', 'outside-roots'],
      ['media/pi/STICK/notes.txt', 'not-csv'],
      ['media/pi/STICK/missing.csv', 'not-found'],
      ['media\\..\\secret\\shadow.csv', 'bad-path'],
      ['', 'bad-path'],
    ];
    for (const [path, reason] of cases) {
      const error = await usb.read(path).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, path).toBeInstanceOf(UsbFileError);
      expect((error as UsbFileError).reason, path).toBe(reason);
    }
  });

  it('refuses a file over the size bound', async () => {
    const big = join(mnt, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, MAX_USB_FILE_BYTES + 1);
    const error = await new UsbFiles([mnt]).read('mnt/big.csv').catch((e: unknown) => e);
    expect((error as UsbFileError).reason).toBe('too-large');
  });

  it('writes an export inside a root, replaces an older one, leaves no temporary file', async () => {
    const usb = new UsbFiles([media, mnt]);
    const saved = await usb.write('media/pi/STICK/stock-2024-05-01.csv', new TextEncoder().encode('a,b\r\n1,2\r\n'));
    expect(saved.path).toBe('media/pi/STICK/stock-2024-05-01.csv');
    expect(readFileSync(join(media, 'pi', 'STICK', 'stock-2024-05-01.csv'), 'utf8')).toBe('a,b\r\n1,2\r\n');
    await usb.write('media/pi/STICK/stock-2024-05-01.csv', new TextEncoder().encode('new'));
    expect(readFileSync(join(media, 'pi', 'STICK', 'stock-2024-05-01.csv'), 'utf8')).toBe('new');
    expect(readdirSync(join(media, 'pi', 'STICK')).filter((n) => n.startsWith('.kiosk'))).toEqual([]);
  });

  it('writes and reads back a signed visit bundle (.fleet.json), which the listing leaves out', async () => {
    const usb = new UsbFiles([media, mnt]);
    const text = '{"bundle":{},"signature":"x"}\n';
    const saved = await usb.write('media/pi/STICK/T1-2026-Q4-3.fleet.json', new TextEncoder().encode(text));
    expect(saved.name).toBe('T1-2026-Q4-3.fleet.json');
    expect(new TextDecoder().decode(await usb.read('media/pi/STICK/T1-2026-Q4-3.fleet.json'))).toBe(text);
    expect((await usb.list()).files.map((f) => f.name)).not.toContain('T1-2026-Q4-3.fleet.json');
    const gz = await usb.write('media/pi/STICK/T1-2026-Q4-4.fleet.json.gz', new Uint8Array([0x1f, 0x8b, 8]));
    expect(gz.size).toBe(3);
  });

  it('writes to a stick mounted directly at a root (/mnt, /media/usb0)', async () => {
    const usb = new UsbFiles([media, mnt]);
    const saved = await usb.write('mnt/stock.csv', new TextEncoder().encode('a\r\n'));
    expect(saved.path).toBe('mnt/stock.csv');
    expect(readFileSync(join(mnt, 'stock.csv'), 'utf8')).toBe('a\r\n');
  });

  it('refuses to write outside the roots, a non-.csv name, or into a missing folder', async () => {
    const usb = new UsbFiles([media, mnt]);
    symlinkSync(outside, join(media, 'pi', 'dirlink'));
    const bytes = new TextEncoder().encode('x');
    const reasons = async (path: string) => ((await usb.write(path, bytes).catch((e: unknown) => e)) as UsbFileError).reason;
    expect(await reasons('media/../secret/x.csv')).toBe('bad-path');
    expect(await reasons('media/pi/dirlink/x.csv')).toBe('outside-roots');
    expect(await reasons('media/pi/STICK/x.sh')).toBe('not-csv');
    expect(await reasons('media/pi/STICK/x.json')).toBe('not-csv');
    expect(await reasons('media/pi/NOSTICK/x.csv')).toBe('no-directory');
    expect(existsSync(join(outside, 'x.csv'))).toBe(false);
  });
});

describe('USB endpoints of the local server', () => {
  let root: string;
  const local = localServerPerTest('usb-server-', (dir) => {
    root = join(dir, 'usb');
    mkdirSync(join(root, 'STICK'), { recursive: true });
    writeFileSync(join(root, 'STICK', 'catalog.csv'), Buffer.from([0xcc, 0xf5, 0xc2, 0xeb])); // "条码" in GB18030
    return { usb: new UsbFiles([root]) };
  });

  it('GET /usb/files lists, GET /usb/file returns the bytes unchanged', async () => {
    const list = await httpRequest(local.server.port, 'GET', '/usb/files');
    expect(list.status).toBe(200);
    const listing = JSON.parse(list.body.toString()) as { files: { path: string; size: number }[] };
    expect(listing.files).toEqual([expect.objectContaining({ path: 'usb/STICK/catalog.csv', size: 4 })]);

    const file = await httpRequest(local.server.port, 'GET', `/usb/file?path=${encodeURIComponent('usb/STICK/catalog.csv')}`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/octet-stream');
    expect([...file.body]).toEqual([0xcc, 0xf5, 0xc2, 0xeb]);
  });

  it('?kind=picture lists and reads pictures only', async () => {
    writeFileSync(join(root, 'STICK', '6901028075862.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const list = await httpRequest(local.server.port, 'GET', '/usb/files?kind=picture');
    const listing = JSON.parse(list.body.toString()) as { files: { path: string }[] };
    expect(listing.files.map((f) => f.path)).toEqual(['usb/STICK/6901028075862.png']);
    const file = await httpRequest(
      local.server.port,
      'GET',
      `/usb/file?kind=picture&path=${encodeURIComponent('usb/STICK/6901028075862.png')}`,
    );
    expect([...file.body]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const csvAsPicture = await httpRequest(
      local.server.port,
      'GET',
      `/usb/file?kind=picture&path=${encodeURIComponent('usb/STICK/catalog.csv')}`,
    );
    expect(csvAsPicture.status).toBe(400);
  });

  it('refuses traversal over HTTP, other hosts and other origins', async () => {
    const traversal = await httpRequest(local.server.port, 'GET', `/usb/file?path=${encodeURIComponent('usb/../journal/x.csv')}`);
    expect(traversal.status).toBe(400);
    expect(JSON.parse(traversal.body.toString())).toEqual({ error: 'bad-path' });

    const host = await httpRequest(local.server.port, 'GET', '/usb/files', { headers: { host: 'evil.example:80' } });
    expect(host.status).toBe(421);
    const origin = await httpRequest(local.server.port, 'GET', '/usb/files', { headers: { origin: 'http://evil.example' } });
    expect(origin.status).toBe(403);
    const put = await httpRequest(local.server.port, 'PUT', `/usb/file?path=${encodeURIComponent('usb/STICK/x.csv')}`, {
      body: new TextEncoder().encode('x'),
      headers: { origin: 'http://evil.example' },
    });
    expect(put.status).toBe(403);
    expect(existsSync(join(root, 'STICK', 'x.csv'))).toBe(false);
  });

  it('PUT /usb/file writes an export; a non-.csv name is refused', async () => {
    const body = new TextEncoder().encode('\ufeff条码,库存\r\n');
    const put = await httpRequest(local.server.port, 'PUT', `/usb/file?path=${encodeURIComponent('usb/STICK/stock.csv')}`, {
      body,
      headers: { origin: `http://127.0.0.1:${local.server.port}`, 'content-type': 'text/csv' },
    });
    expect(put.status).toBe(200);
    expect(readFileSync(join(root, 'STICK', 'stock.csv'))).toEqual(Buffer.from(body));

    const bad = await httpRequest(local.server.port, 'PUT', `/usb/file?path=${encodeURIComponent('usb/STICK/run.sh')}`, { body });
    expect(bad.status).toBe(400);
    expect(existsSync(join(root, 'STICK', 'run.sh'))).toBe(false);
  });

  it('refuses an upload over the size bound with 413', async () => {
    const big = new Uint8Array(MAX_USB_FILE_BYTES + 10);
    const put = await httpRequest(local.server.port, 'PUT', `/usb/file?path=${encodeURIComponent('usb/STICK/big.csv')}`, { body: big });
    expect(put.status).toBe(413);
    expect(existsSync(join(root, 'STICK', 'big.csv'))).toBe(false);
  });
});
