/**
 * The kiosk's Chromium policy (kiosk/chromium-policy/shop-kiosk.json) makes the
 * terminal's own page an "important site", so the browser grants it persistent
 * storage and never evicts the shop's database when the disk fills. Checked
 * with Debian's Chromium: a fresh profile on a loopback page is refused
 * persist() without the policy and granted it with the policy's
 * NotificationsAllowedForUrls installed where Chromium reads managed policies
 * (/etc/chromium/policies/managed, so this needs root, as on CI; the file is
 * removed afterwards). Only that key is installed: the rest of the kiosk's
 * policy (no dev tools) would stop the test's own browser control.
 */
import { access, constants, mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const POLICY_DIR = '/etc/chromium/policies/managed';
const TEST_POLICY = join(POLICY_DIR, `zz-shop-terminal-test-${process.pid}.json`);

let server: Server;
let url: string;
/** Debian's chromium package leaves the directory to the administrator: root makes it (and removes it after). */
const dirExisted = await access(POLICY_DIR).then(
  () => true,
  () => false,
);
const writable =
  process.getuid?.() === 0 ||
  (dirExisted &&
    (await access(POLICY_DIR, constants.W_OK).then(
      () => true,
      () => false,
    )));

/** persist() on the page, in a fresh profile (a first visit, no history that could make the site important). */
async function persistGranted(): Promise<boolean> {
  const profile = await mkdtemp(join(tmpdir(), 'persist-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate(() => navigator.storage.persist());
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

describe.skipIf(!writable)(`the kiosk policy grants the terminal's page persistent storage (needs root or ${POLICY_DIR} writable)`, () => {
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await mkdir(POLICY_DIR, { recursive: true });
  });
  afterAll(async () => {
    await rm(TEST_POLICY, { force: true });
    if (!dirExisted) await rmdir(POLICY_DIR).catch(() => {});
    await new Promise((resolve) => server.close(resolve));
  });

  it('refused without the policy, granted with it', async () => {
    expect(await persistGranted(), 'a fresh profile without the policy').toBe(false);
    const policy = JSON.parse(await readFile(join(ROOT, 'kiosk/chromium-policy/shop-kiosk.json'), 'utf8')) as Record<string, unknown>;
    expect(policy.NotificationsAllowedForUrls).toEqual(expect.arrayContaining(['http://127.0.0.1']));
    await writeFile(TEST_POLICY, JSON.stringify({ NotificationsAllowedForUrls: policy.NotificationsAllowedForUrls }));
    try {
      expect(await persistGranted(), 'with the kiosk policy').toBe(true);
    } finally {
      await rm(TEST_POLICY, { force: true });
    }
  });
});
