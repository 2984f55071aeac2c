import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimOwnerPinReset, requestOwnerPinReset } from '../../device/owner-pin-reset.ts';
import { startLocalServer, stopLocalServer } from '../helpers/local-server.ts';

describe('npm run reset-owner-pin', () => {
  it('leaves a one-shot reset that is claimed once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pin-reset-'));
    try {
      expect(claimOwnerPinReset(dir)).toBe(false);
      requestOwnerPinReset(dir);
      expect(claimOwnerPinReset(dir)).toBe(true);
      expect(claimOwnerPinReset(dir)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is handed out by POST /owner-pin-reset to the kiosk page only, once', async () => {
    const local = await startLocalServer('pin-reset-', (dir) => ({ ownerPinResetDir: dir }));
    const { dir, server } = local;
    const origin = server.url.replace(/\/$/, '');
    const post = (headers: Record<string, string>) => fetch(`${server.url}owner-pin-reset`, { method: 'POST', headers });
    try {
      expect((await (await post({ origin })).json()) as unknown).toEqual({ reset: false });
      requestOwnerPinReset(dir);
      // Another page, or a program without an Origin: refused, and the reset stays.
      expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
      expect((await post({})).status).toBe(403);
      expect((await fetch(`${server.url}owner-pin-reset`, { headers: { origin } })).status).toBe(403);
      expect((await (await post({ origin })).json()) as unknown).toEqual({ reset: true });
      expect((await (await post({ origin })).json()) as unknown).toEqual({ reset: false });
    } finally {
      await stopLocalServer(local);
    }
  });
});
