/**
 * 安装更新 in the owner's 数据安全 panel, in real Chromium against a fake
 * terminal service that plays an update's steps (the service's end is tested in
 * test/device/updates.test.ts, the updater's in test/integration/update.test.ts):
 * the bundle on the stick, a confirmation, each step with its progress, the
 * service unreachable while it restarts, and the result — installed (reload the
 * page), rolled back with the old version running again or not, refused.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { setViewport } from '@web/test-runner-commands';
import '../../src/screens/kiosk-software-update.ts';
import type { KioskSoftwareUpdate } from '../../src/screens/kiosk-software-update.ts';
import type { MaintenanceService, UpdateReport, VersionReport } from '../../src/data/maintenance-service.ts';
import { MaintenanceServiceError } from '../../src/data/maintenance-service.ts';
import { setLocale } from '../../src/localization.ts';
import { deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';

const BUNDLE = 'shop-terminal-0.2.0-x64.shoprelease';
const at = '2026-12-01T01:00:00.000Z';

/** GET /update answers from a script, one report per call (undefined: the service is restarting); the last one stays. */
class FakeUpdates implements Pick<MaintenanceService, 'version' | 'installUpdate'> {
  script: (VersionReport | undefined)[] = [];
  current: VersionReport | undefined = { version: '0.1.0', result: null, progress: null, bundles: [BUNDLE] };
  installed: string[] = [];
  refuse?: MaintenanceServiceError;
  async version() {
    if (this.script.length > 0) this.current = this.script.shift();
    return this.current;
  }
  async installUpdate(name: string) {
    if (this.refuse) throw this.refuse;
    this.installed.push(name);
  }
}

function report(progress: VersionReport['progress'], result: UpdateReport | null = null, version = '0.1.0'): VersionReport {
  return { version, result, progress, bundles: [BUNDLE] };
}

async function elementWith(service: FakeUpdates): Promise<KioskSoftwareUpdate> {
  const el = await fixture<KioskSoftwareUpdate>(
    html`<kiosk-software-update .service=${service as unknown as MaintenanceService} .pollMs=${5}></kiosk-software-update>`,
  );
  await waitFor(() => maybeDeep(el, '[data-kind="update-bundles"]'), 'the bundle on the stick is not listed');
  return el;
}

async function startInstall(el: KioskSoftwareUpdate): Promise<void> {
  deep(el, 'button[name="install-update"]').click();
  await el.updateComplete;
  expect(deepText(deep(el, '[data-kind="update-confirm"]'))).to.contain(BUNDLE);
  deep(el, 'button[name="install-update-confirm"]').click();
}

afterEach(async () => {
  await setLocale('zh-Hans');
});

describe('kiosk-software-update', () => {
  it('installs a bundle from the stick: confirm, each step, the restart, the result, then the page reloads', async () => {
    const service = new FakeUpdates();
    const el = await elementWith(service);
    expect(deepText(el)).to.contain('正在运行：0.1.0');
    // Held on each step until the test has seen it.
    let release: (() => void) | undefined;
    service.version = async () => {
      await new Promise<void>((resolve) => (release = resolve));
      if (service.script.length > 0) service.current = service.script.shift();
      return service.current;
    };
    service.script = [
      report({ step: 'waiting', offered: BUNDLE }),
      report({ step: 'checking', offered: BUNDLE }),
      report({ step: 'unpacking', offered: '0.2.0' }),
      undefined,
      report(null, { outcome: 'installed', running: '0.2.0', offered: '0.2.0', message: 'ok', at }, '0.2.0'),
    ];
    await startInstall(el);
    for (const expected of ['从 U 盘复制', '等待安装程序', '检查签名', '正在解压 0.2.0', '正在重新启动']) {
      await waitForText(el, expected);
      expect(maybeDeep(el, 'button[name="install-update"]'), 'no second install while one runs').to.equal(null);
      await waitFor(() => release !== undefined, 'the step is not asked about');
      const next = release!;
      release = undefined;
      next();
    }
    await waitFor(() => maybeDeep(el, '[data-kind="update-done-installed"]'), 'no result shown');
    expect(service.installed).to.deep.equal([BUNDLE]);
    expect(deepText(el)).to.contain('正在运行：0.2.0');
    expect(deepText(deep(el, '[data-kind="update-done-installed"]'))).to.contain('已安装 0.2.0');
    setTimeout(() => deep(el, 'button[name="reload-after-update"]').click());
    await oneEvent(el, 'kiosk-update-installed');
  });

  it('shows a rollback and whether the old version runs again; in English too', async () => {
    const service = new FakeUpdates();
    const el = await elementWith(service);
    service.script = [
      report({ step: 'starting', offered: '0.2.0' }),
      report({ step: 'rolling-back', offered: '0.2.0' }),
      report(null, { outcome: 'rolled-back', running: '0.1.0', offered: '0.2.0', message: 'x', at, rollback: 'healthy' }),
    ];
    await startInstall(el);
    await waitFor(() => maybeDeep(el, '[data-kind="update-done-rolled-back"]'), 'no rollback shown');
    expect(deepText(deep(el, '[data-kind="update-done-rolled-back"]'))).to.contain('已自动退回 0.1.0');
    expect(maybeDeep(el, 'button[name="reload-after-update"]')).to.equal(null);

    deep(el, 'button[name="update-dismiss"]').click();
    service.script = [
      report(null, {
        outcome: 'rolled-back',
        running: '0.1.0',
        offered: '0.2.0',
        message: 'x',
        at: '2026-12-01T02:00:00.000Z',
        rollback: 'unhealthy',
      }),
    ];
    await el.updateComplete;
    await setLocale('en');
    await startInstall(el);
    await waitFor(() => maybeDeep(el, '[data-kind="update-done-rolled-back"]'), 'no second rollback shown');
    expect(deepText(deep(el, '[data-kind="update-done-rolled-back"]'))).to.contain('technician');
  });

  it('says so when the service will not start the update, and when the bundle was refused', async () => {
    const service = new FakeUpdates();
    service.refuse = new MaintenanceServiceError(409, 'busy');
    const el = await elementWith(service);
    await startInstall(el);
    await waitFor(() => maybeDeep(el, '[data-kind="update-failed"]'), 'no failure shown');
    expect(deepText(el)).to.contain('busy');

    deep(el, 'button[name="update-dismiss"]').click();
    service.refuse = undefined;
    service.script = [report(null, { outcome: 'refused', running: '0.1.0', message: 'signature does not verify', at })];
    await el.updateComplete;
    await startInstall(el);
    await waitFor(() => maybeDeep(el, '[data-kind="update-done-refused"]'), 'no refusal shown');
    expect(deepText(el)).to.contain('signature does not verify');
  });

  it('follows an update already under way when the panel is opened, and fits 800×480', async () => {
    await setViewport({ width: 800, height: 480 });
    const service = new FakeUpdates();
    service.current = report({ step: 'unpacking', offered: '0.2.0' });
    service.script = [
      report({ step: 'unpacking', offered: '0.2.0' }),
      report(null, { outcome: 'installed', running: '0.2.0', offered: '0.2.0', message: 'ok', at }, '0.2.0'),
    ];
    const el = await fixture<KioskSoftwareUpdate>(
      html`<kiosk-software-update .service=${service as unknown as MaintenanceService} .pollMs=${5}></kiosk-software-update>`,
    );
    await waitFor(() => maybeDeep(el, '[data-kind="update-done-installed"]'), 'the running update was not followed');
    expect(el.getBoundingClientRect().width).to.be.at.most(800);
  });
});
