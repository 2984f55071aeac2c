/**
 * The owner's 数据安全 panel in real Chromium and real IndexedDB, with the
 * terminal service played by a fake (the real service's endpoints are tested
 * in test/device/backups.test.ts and the e2e suite): back up now with its
 * progress, the list of bundles, a restore with what it holds, the owner's
 * PIN, the checksum and its result, a damaged bundle refused with nothing
 * changed, storage, clock and version; and the clock's warning on the main screen.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { setViewport } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../src/screens/kiosk-maintenance-panel.ts';
import '../../src/kiosk-app.ts';
import type { KioskMaintenancePanel } from '../../src/screens/kiosk-maintenance-panel.ts';
import { AFTER_START_AT_MOST_MS, type KioskApp } from '../../src/kiosk-app.ts';
import { KioskPinEnteredEvent } from '../../src/components/kiosk-pin-pad.ts';
import { createBackup, readBackupHeader, storeContentHashes } from '../../src/data/backup.ts';
import { deleteKioskDb, getDb } from '../../src/data/db.ts';
import { signOut } from '../../src/data/roles.ts';
import type { ClockReport, ListedBackup, MaintenanceService, VersionReport } from '../../src/data/maintenance-service.ts';
import { setLocale } from '../../src/localization.ts';
import { seedShop } from '../helpers/backup-seed.ts';
import { deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { freshShopWithOwner, openOwnerSession, TEST_OWNER_PIN } from './shop-fixtures.ts';
import { FakeService } from './fakes.ts';

const SYNCED: ClockReport = { synchronized: true, source: 'timesyncd', implausible: false, jumps: [], warn: false, now: Date.now() };

/** The service's end of /backups, /clock and /update, in memory. */
class FakeMaintenance implements MaintenanceService {
  files = new Map<string, { listed: ListedBackup; bytes: Uint8Array }>();
  clockReport: ClockReport | undefined = SYNCED;
  versionReport: VersionReport | undefined = { version: '0.1.0', result: null, progress: null, bundles: [] };
  /** Set to hold a save until released (to see the progress). */
  holdSave?: Promise<void>;
  /** What readBackup hands back instead of the kept bytes (a damaged copy). */
  tamper?: (bytes: Uint8Array) => Uint8Array;

  async listBackups() {
    return [...this.files.values()].map((f) => f.listed).sort((a, b) => b.name.localeCompare(a.name));
  }
  async saveBackup(bytes: Uint8Array) {
    await this.holdSave;
    const { header } = readBackupHeader(bytes);
    const name = `shop-backup-${header.createdAt}.shopbackup`;
    this.files.set(name, { listed: { name, where: 'terminal', size: bytes.byteLength, header }, bytes });
    return { name, usb: [] };
  }
  async readBackup(name: string) {
    const bytes = this.files.get(name)!.bytes;
    return this.tamper ? this.tamper(bytes) : bytes;
  }
  async clock() {
    return this.clockReport;
  }
  async version() {
    return this.versionReport;
  }
  async installUpdate() {}
}

function shopHashes(hashes: Record<string, string>): Record<string, string> {
  for (const name of ['staff', 'audit', 'security']) delete hashes[name];
  return hashes;
}

async function panelWith(service: FakeMaintenance): Promise<KioskMaintenancePanel> {
  const panel = await fixture<KioskMaintenancePanel>(html`<kiosk-maintenance-panel .service=${service}></kiosk-maintenance-panel>`);
  await waitFor(() => maybeDeep(panel, '[data-kind="backups"] table, [data-kind="no-backups"]'), 'the backups are not listed');
  return panel;
}

function click(root: Element, ...selectors: string[]): void {
  deep<HTMLButtonElement>(root, ...selectors).click();
}

/** Restores the listed backup as the owner would: restore, confirm, the owner's PIN. */
async function restoreNewestWithOwnerPin(panel: KioskMaintenancePanel): Promise<void> {
  click(panel, 'tr[data-kind="backup"] button[name="restore"]');
  await waitFor(() => maybeDeep(panel, 'button[name="restore-confirm"]'));
  click(panel, 'button[name="restore-confirm"]');
  await waitFor(() => maybeDeep(panel, 'kiosk-pin-pad'));
  deep(panel, 'kiosk-pin-pad').dispatchEvent(new KioskPinEnteredEvent(TEST_OWNER_PIN));
}

async function shopIsEmpty(): Promise<boolean> {
  const db = await getDb();
  for (const name of ['products', 'movements', 'scans', 'dailyTotals'] as const) if ((await db.count(name)) > 0) return false;
  return true;
}

describe('<kiosk-maintenance-panel>', () => {
  freshShopWithOwner();
  afterEach(() => setLocale('zh-Hans'));

  it('backs up now, shows the progress, and lists the bundle with what it holds', async () => {
    await seedShop({ products: 12, movements: 300, scans: 50 });
    const service = new FakeMaintenance();
    let release!: () => void;
    service.holdSave = new Promise((resolve) => (release = resolve));
    const panel = await panelWith(service);
    expect(maybeDeep(panel, '[data-kind="no-backups"]')).to.not.equal(null);

    click(panel, 'button[name="back-up-now"]');
    await waitFor(() => deepText(panel).includes('正在保存到终端和 U 盘'), 'no progress while the service saves');
    expect(deep<HTMLButtonElement>(panel, 'button[name="back-up-now"]').disabled).to.equal(true);
    release();
    await waitFor(() => maybeDeep(panel, '[data-kind="backup-done"]'), 'the backup is not reported done');
    await waitFor(() => maybeDeep(panel, 'tr[data-kind="backup"]'), 'the new bundle is not listed');
    const row = deep(panel, 'tr[data-kind="backup"]');
    expect(deepText(row)).to.contain('12'); // products
    expect(deepText(row)).to.contain('300'); // movements
    expect(service.files.size).to.equal(1);
  });

  it('restores a bundle into an empty terminal: what it holds, the owner PIN, the checksum, identical data', async function () {
    this.timeout(30_000);
    await seedShop({ products: 8, movements: 400, scans: 60 });
    const before = shopHashes(await storeContentHashes());
    const service = new FakeMaintenance();
    await service.saveBackup((await createBackup(Date.UTC(2026, 10, 1, 12))).bytes);
    // A new terminal: empty, its owner signed in.
    await deleteKioskDb();
    await openOwnerSession();

    const panel = await panelWith(service);
    click(panel, 'tr[data-kind="backup"] button[name="restore"]');
    await waitFor(() => maybeDeep(panel, '[data-kind="restore-preview"]'));
    const holds = deepText(deep(panel, '[data-kind="backup-holds"]'));
    expect(holds).to.contain('8'); // products
    expect(holds).to.contain('400'); // movements
    expect(holds).to.contain('60'); // scans
    expect(holds).to.match(/\d{4}-\d{2}-\d{2} 0690/); // the last sale: day and code

    click(panel, 'button[name="restore-confirm"]');
    await waitFor(() => maybeDeep(panel, 'kiosk-pin-pad'));
    deep(panel, 'kiosk-pin-pad').dispatchEvent(new KioskPinEnteredEvent('0000'));
    await waitForText(panel, '店主密码不对');
    expect(await shopIsEmpty()).to.equal(true);

    deep(panel, 'kiosk-pin-pad').dispatchEvent(new KioskPinEnteredEvent(TEST_OWNER_PIN));
    await waitFor(() => maybeDeep(panel, '[data-kind="restore-done"]'), `no result: ${deepText(panel).slice(0, 300)}`, {
      timeout: 20_000,
    });
    expect(deepText(panel)).to.contain('校验和正确');
    expect(shopHashes(await storeContentHashes())).to.deep.equal(before);

    let restarted = 0;
    panel.addEventListener('kiosk-restored', () => restarted++);
    click(panel, 'button[name="restart-after-restore"]');
    expect(restarted).to.equal(1);
    // Leaving the panel any other way after a restore restarts the page too (no screen keeps stale data).
    click(panel, 'button[name="close-maintenance"]');
    expect(restarted).to.equal(2);
  });

  it('refuses a damaged bundle with a clear message and changes nothing', async () => {
    await seedShop({ products: 5, movements: 100, scans: 20 });
    const service = new FakeMaintenance();
    await service.saveBackup((await createBackup()).bytes);
    service.tamper = (bytes) => {
      const copy = bytes.slice();
      copy[copy.length - 50] = copy[copy.length - 50]! ^ 0xff;
      return copy;
    };
    await deleteKioskDb();
    await openOwnerSession();

    const panel = await panelWith(service);
    await restoreNewestWithOwnerPin(panel);
    await waitFor(() => maybeDeep(panel, '[data-kind="restore-failed"]'), 'the damaged bundle was not refused');
    expect(deepText(panel)).to.contain('备份文件损坏');
    expect(deepText(panel)).to.contain('什么都没有改动');
    expect(await shopIsEmpty()).to.equal(true);
  });

  it('says a terminal holding data cannot be restored into, and leaves its data alone', async () => {
    await seedShop({ products: 4, movements: 30, scans: 10 });
    const hashes = shopHashes(await storeContentHashes());
    const service = new FakeMaintenance();
    await service.saveBackup((await createBackup()).bytes);
    const panel = await panelWith(service);
    await restoreNewestWithOwnerPin(panel);
    await waitFor(() => maybeDeep(panel, '[data-kind="restore-failed"]'));
    expect(deepText(panel)).to.contain('只能恢复到空的终端');
    expect(shopHashes(await storeContentHashes())).to.deep.equal(hashes);
  });

  it('shows storage (warned at 80%), the clock and the last update, in English too', async () => {
    const service = new FakeMaintenance();
    service.clockReport = {
      synchronized: false,
      source: 'timedatectl',
      implausible: false,
      jumps: [{ at: Date.now() - 60_000, byMs: 3 * 3_600_000 }],
      warn: true,
      now: Date.now(),
    };
    service.versionReport = {
      version: '0.1.0',
      result: { outcome: 'rolled-back', running: '0.1.0', offered: '0.2.0', message: 'not healthy', at: new Date().toISOString() },
      progress: null,
      bundles: [],
    };
    const estimate = navigator.storage.estimate;
    navigator.storage.estimate = async () => ({ usage: 850e6, quota: 1000e6 });
    try {
      const panel = await panelWith(service);
      await waitFor(() => maybeDeep(panel, '[data-kind="storage-warn"]'), 'no storage warning at 85%');
      expect(deepText(deep(panel, '[data-kind="storage"]'))).to.contain('850.0 MB');
      expect(deepText(deep(panel, '[data-kind="storage-warn"]'))).to.contain('85%');
      expect(maybeDeep(panel, '[data-kind="clock-unsynced"]')).to.not.equal(null);
      expect(deepText(deep(panel, '[data-kind="clock-jump"]'))).to.contain('向前 3 小时');
      await waitFor(() => maybeDeep(panel, 'kiosk-software-update', '[data-kind="update-rolled-back"]'), 'the last update is not shown');
      expect(deepText(deep(panel, 'kiosk-software-update', '[data-kind="update-rolled-back"]'))).to.contain('0.2.0');

      await setLocale('en');
      await waitForText(panel, 'Back up now');
      expect(deepText(panel)).to.contain('rolled back');

      navigator.storage.estimate = async () => ({ usage: 100e6, quota: 1000e6 });
      await panel.refresh();
      await panel.updateComplete;
      expect(maybeDeep(panel, '[data-kind="storage-warn"]')).to.equal(null);
    } finally {
      navigator.storage.estimate = estimate;
    }
  });

  it('closes when the owner session does', async () => {
    const panel = await panelWith(new FakeMaintenance());
    let closed = false;
    panel.addEventListener('kiosk-maintenance-panel-closed', () => (closed = true));
    await signOut('lock-button');
    expect(closed).to.equal(true);
  });

  it('fits the 800×480 screen: back up now, 返回 and a bundle’s 恢复 in view', async () => {
    await setViewport({ width: 800, height: 480 });
    try {
      await seedShop({ products: 3, movements: 10, scans: 5 });
      const service = new FakeMaintenance();
      service.clockReport = { ...SYNCED, synchronized: false, warn: true };
      for (let i = 0; i < 3; i++) await service.saveBackup((await createBackup(Date.UTC(2026, 10, 1 + i))).bytes);
      const panel = await panelWith(service);
      for (const selector of ['button[name="back-up-now"]', 'button[name="close-maintenance"]']) {
        const r = deep(panel, selector).getBoundingClientRect();
        expect(r.bottom <= 480 && r.right <= 800 && r.top >= 0 && r.left >= 0, `${selector} outside: ${JSON.stringify(r)}`).to.equal(true);
        expect(r.height).to.be.at.least(48);
      }
      // Storage, the clock and the software version: one row of cards, lined up (the version's card is an element of its own).
      const facts = [...deep(panel, '.facts').children].map((el) => (el.shadowRoot?.querySelector('.card') ?? el).getBoundingClientRect());
      expect(facts.map((f) => Math.round(f.top))).to.deep.equal(facts.map(() => Math.round(facts[0]!.top)));
      expect(facts.map((f) => Math.round(f.bottom))).to.deep.equal(facts.map(() => Math.round(facts[0]!.bottom)));
      const restore = deep(panel, 'tr[data-kind="backup"] button[name="restore"]');
      restore.scrollIntoView();
      const r = restore.getBoundingClientRect();
      expect(r.right <= 800 && r.height >= 48, `restore: ${JSON.stringify(r)}`).to.equal(true);
      expect(document.documentElement.scrollWidth).to.be.at.most(800);

      // The restore's PIN step: the pad's 确定 and 取消 without scrolling.
      restore.click();
      await waitFor(() => maybeDeep(panel, 'button[name="restore-confirm"]'));
      click(panel, 'button[name="restore-confirm"]');
      await waitFor(() => maybeDeep(panel, 'kiosk-pin-pad'));
      await (deep(panel, 'kiosk-pin-pad') as LitElement).updateComplete;
      for (const el of [deep(panel, 'kiosk-pin-pad', 'button[name="ok"]'), deep(panel, 'button[name="restore-cancel"]')]) {
        const box = el.getBoundingClientRect();
        expect(
          box.top >= 0 && box.bottom <= 480 && box.left >= 0 && box.right <= 800,
          `${el.getAttribute('name')}: ${JSON.stringify(box)}`,
        ).to.equal(true);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});

describe('the clock on the main screen', () => {
  freshShopWithOwner();

  async function appWith(service: FakeMaintenance): Promise<KioskApp> {
    return fixture<KioskApp>(
      html`<kiosk-app
        style="position:fixed;inset:0"
        .maintenanceService=${service}
        .streamOptions=${{ url: 'ws://kiosk.test/scans', WebSocket: FakeService }}
      ></kiosk-app>`,
    );
  }

  it('warns everyone at the counter when the clock is not synchronised, and not when it is', async () => {
    const service = new FakeMaintenance();
    service.clockReport = { ...SYNCED, synchronized: false, warn: true };
    const app = await appWith(service);
    // The first clock check waits for the first screen and an idle moment (at most AFTER_START_AT_MOST_MS).
    await waitFor(() => maybeDeep(app, 'kiosk-banner[data-kind="clock"]'), 'no clock warning on the main screen', {
      timeout: AFTER_START_AT_MOST_MS + 1000,
    });
    expect(deepText(deep(app, 'kiosk-banner[data-kind="clock"]'))).to.contain('时钟还没有同步');

    service.clockReport = SYNCED;
    await app.checkClock();
    await app.updateComplete;
    expect(maybeDeep(app, 'kiosk-banner[data-kind="clock"]')).to.equal(null);

    service.clockReport = { ...SYNCED, jumps: [{ at: Date.now() - 1000, byMs: -7_200_000 }] };
    await app.checkClock();
    await app.updateComplete;
    expect(deepText(deep(app, 'kiosk-banner[data-kind="clock"]'))).to.contain('跳变');
  });

  it('opens the 数据安全 panel from the owner’s 管理 panel', async () => {
    const app = await appWith(new FakeMaintenance());
    await waitFor(() => maybeDeep(app, 'kiosk-top-bar', 'kiosk-session-chip', 'button[name="manage"]'));
    click(app, 'kiosk-top-bar', 'kiosk-session-chip', 'button[name="manage"]');
    await waitFor(() => maybeDeep(app, 'kiosk-staff-panel', 'button[name="maintenance"]'));
    click(app, 'kiosk-staff-panel', 'button[name="maintenance"]');
    await waitFor(() => maybeDeep(app, 'kiosk-maintenance-panel', '[data-kind="backups"]'), 'the panel did not open');
    expect(maybeDeep(app, 'kiosk-staff-panel')).to.equal(null);
    click(app, 'kiosk-maintenance-panel', 'button[name="close-maintenance"]');
    await waitFor(() => !maybeDeep(app, 'kiosk-maintenance-panel'));
  });
});
