import { expect, fixture, html } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import '../../src/components/kiosk-scanner-status.ts';
import type { KioskScannerStatus } from '../../src/components/kiosk-scanner-status.ts';
import { connectionContext, scannerStatesContext, type ServiceConnection } from '../../src/context.ts';
import type { ScannerState } from '../../src/domain/scan-protocol.ts';
import { deepText } from './shadow-dom.ts';

function pills(el: KioskScannerStatus) {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('.pill')];
}

describe('kiosk-scanner-status', () => {
  it('follows the scanner states and the connection provided by the root', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><kiosk-scanner-status></kiosk-scanner-status></div>`);
    const scanners = new ContextProvider(root, { context: scannerStatesContext, initialValue: [] as ScannerState[] });
    const connection = new ContextProvider(root, { context: connectionContext, initialValue: 'connecting' as ServiceConnection });
    // The element asked for its contexts when it connected, before the providers existed: re-attach it.
    const status = root.querySelector('kiosk-scanner-status')!;
    status.remove();
    root.append(status);
    await status.updateComplete;
    expect(deepText(status)).to.include('正在连接终端服务');

    connection.setValue('open');
    scanners.setValue([{ id: 'counter', path: '/dev/ttyACM0', status: 'connected' }]);
    await status.updateComplete;
    expect(pills(status)).to.have.length(1);
    expect(pills(status)[0]!.classList.contains('ok')).to.equal(true);
    expect(deepText(status)).to.include('扫描枪 已连接');

    connection.setValue('closed');
    await status.updateComplete;
    expect(deepText(status)).to.include('终端服务已断开，正在重连…');
    expect(pills(status)[0]!.classList.contains('error')).to.equal(true);
  });

  it('shows each scanner in words and colour, with what to do about a problem', async () => {
    const el = await fixture<KioskScannerStatus>(html`<kiosk-scanner-status></kiosk-scanner-status>`);
    el.connection = 'open';
    el.scanners = [
      { id: 'counter', path: '/dev/ttyACM0', status: 'connected' },
      { id: 'door', path: null, status: 'connecting' },
      {
        id: 'back',
        path: '/dev/ttyUSB0',
        status: 'error',
        cause: 'permission',
        message: 'Permission denied',
        hint: 'add the user to the dialout group',
      },
      { id: 'spare', path: '/dev/ttyUSB1', status: 'disconnected', cause: 'unplugged' },
    ];
    await el.updateComplete;
    const [counter, door, back, spare] = pills(el);
    expect(counter!.className).to.include('ok');
    expect(counter!.textContent).to.include('扫描枪 counter 已连接');
    expect(door!.className).to.include('warn');
    expect(door!.textContent).to.include('正在连接');
    expect(back!.className).to.include('error');
    expect(back!.textContent).to.include('无法打开');
    expect(back!.textContent).to.include('请把用户加入 dialout 组');
    expect(spare!.textContent).to.include('已断开');
    expect(spare!.textContent).to.include('请重新插好');
    // Colour is never the only signal.
    expect(getComputedStyle(counter!).color).to.not.equal(getComputedStyle(back!).color);
  });

  it("says 'no scanner plugged in' (not a red error) when 'auto' finds no port, and shows a scan NOT recorded", async () => {
    const el = await fixture<KioskScannerStatus>(html`<kiosk-scanner-status></kiosk-scanner-status>`);
    el.connection = 'open';
    el.scanners = [
      { id: 'counter', path: null, status: 'error', cause: 'not-found', message: 'No scanner plugged in' },
      { id: 'door', path: '/dev/ttyACM1', status: 'error', cause: 'disk-full' },
    ];
    await el.updateComplete;
    const [counter, door] = pills(el);
    expect(counter!.textContent).to.include('未连接扫码枪');
    expect(counter!.className).to.include('warn');
    expect(door!.textContent).to.include('磁盘已满：这次扫码没有记录');
  });

  it('says so when the service reports no scanner at all', async () => {
    const el = await fixture<KioskScannerStatus>(html`<kiosk-scanner-status></kiosk-scanner-status>`);
    el.connection = 'open';
    el.scanners = [];
    await el.updateComplete;
    expect(deepText(el)).to.include('没有找到扫描枪');
  });
});
