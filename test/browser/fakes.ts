/**
 * The terminal service, faked for browser tests: its end of the /scans socket,
 * a kiosk-app connected to it, and no USB service at all. Not a test file itself.
 */
import { fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import type { KioskApp } from '../../src/kiosk-app.ts';
import type { ScanStreamOptions } from '../../src/data/scan-stream.ts';
import type { ClientMessage, ScannerState, ServerMessage } from '../../src/domain/scan-protocol.ts';
import type { UsbService } from '../../src/data/usb-files.ts';

/** The terminal service is not there (wtr's dev server): screens must still work without USB sticks. */
export const noUsb: UsbService = {
  list: async () => undefined,
  read: async () => {
    throw new Error('no service');
  },
  write: async () => {
    throw new Error('no service');
  },
};

/**
 * Plays the terminal service's end of the /scans socket in place of the
 * browser WebSocket: the test opens the connection, sends server messages and
 * reads what the page sent.
 */
export class FakeService extends EventTarget {
  static last?: FakeService;
  static instances: FakeService[] = [];
  readyState = 0;
  binaryType: BinaryType = 'blob';
  readonly sent: ClientMessage[] = [];
  /** Called on each send, e.g. to check what is in IndexedDB at that moment. */
  onSend?: (message: ClientMessage) => void;
  constructor(readonly url: string) {
    super();
    FakeService.last = this;
    FakeService.instances.push(this);
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    const message = JSON.parse(data) as ClientMessage;
    this.sent.push(message);
    this.onSend?.(message);
  }
  close(): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code: 1000 }));
  }
  // The service's side:
  accept(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  deliver(message: ServerMessage | string): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  drop(): void {
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code: 1006 }));
  }
  ackedIds(): string[] {
    return this.sent.flatMap((m) => (m.type === 'ack' ? m.ids : []));
  }
}

/** A kiosk-app on a fake terminal service that has said hello (with these scanners). */
export async function connectedApp(scanners: ScannerState[] = [], options: Partial<ScanStreamOptions> = {}) {
  FakeService.last = undefined;
  const app = await fixture<KioskApp>(
    html`<kiosk-app .streamOptions=${{ url: 'ws://kiosk.test/scans', WebSocket: FakeService, ...options }}></kiosk-app>`,
  );
  await waitFor(() => FakeService.last !== undefined, 'no socket opened');
  const service = FakeService.last!;
  service.accept();
  service.deliver({ type: 'hello', bootId: 'b1', version: 'test', scanners });
  await waitFor(() => app.dataset.connection === 'open', 'not open');
  return { app, service };
}
