/**
 * Where scans meet: scanners (serial and keyboard wedge) feed reads in, the
 * journal makes accepted ones durable, and every connected page is offered the
 * scans it has not acknowledged yet.
 */
import { readCode, type ReadCode } from '../src/domain/barcode.ts';
import {
  parseClientMessage,
  type ScannerState,
  type Scan,
  type ServerMessage,
} from '../src/domain/scan-protocol.ts';
import type { ScanJournal } from './journal.ts';
import { DoubleReadFilter } from './scanner/double-read.ts';

/** What the hub needs of a scanner: its reads and its connection state. */
export interface ScannerSource {
  readonly state: ScannerState;
  on(event: 'read', listener: (read: { result: ReadCode; monotonicMs: number }) => void): unknown;
  on(event: 'state', listener: (state: ScannerState) => void): unknown;
}

export interface HubClient {
  send(message: ServerMessage): void;
}

export interface ScanHubOptions {
  version: string;
  /** Double-read window for keyboard-wedge scanners (serial scanners filter their own). */
  doubleReadMs: number;
  log?: (line: string) => void;
  now?: () => number;
}

export const KEYBOARD_SCANNER_ID = 'keyboard';

export class ScanHub {
  private readonly _clients = new Set<HubClient>();
  private readonly _scanners = new Map<string, ScannerState>();
  private readonly _wedgeFilter: DoubleReadFilter;
  private readonly _log: (line: string) => void;
  private readonly _now: () => number;

  constructor(
    private readonly _journal: ScanJournal,
    private readonly _options: ScanHubOptions,
  ) {
    this._wedgeFilter = new DoubleReadFilter(_options.doubleReadMs);
    this._log = _options.log ?? (() => {});
    this._now = _options.now ?? Date.now;
  }

  get bootId(): string {
    return this._journal.bootId;
  }

  get pendingCount(): number {
    return this._journal.pendingCount;
  }

  get scansThisBoot(): number {
    return this._journal.appendedThisBoot;
  }

  addScanner(scanner: ScannerSource): void {
    this.updateScanner(scanner.state);
    scanner.on('state', (state) => this.updateScanner(state));
    scanner.on('read', ({ result }) => this.acceptRead(scanner.state.id, result));
  }

  scannerStates(): ScannerState[] {
    return [...this._scanners.values()];
  }

  /** A page connected: greet it and offer every scan it may not have stored yet. */
  connect(client: HubClient): () => void {
    this._clients.add(client);
    client.send({
      type: 'hello',
      bootId: this._journal.bootId,
      version: this._options.version,
      scanners: this.scannerStates(),
    });
    for (const scan of this._journal.pending()) client.send({ type: 'scan', scan });
    return () => this._clients.delete(client);
  }

  /** A message from a page; anything malformed is logged and dropped. */
  receive(data: string): void {
    const message = parseClientMessage(data);
    if (!message) {
      this._log(`dropped a malformed message from the page (${data.length} bytes)`);
      return;
    }
    switch (message.type) {
      case 'ack':
        this._journal.acknowledge(message.ids);
        break;
      case 'wedge': {
        const result = readCode(message.line);
        if (result.ok && !this._wedgeFilter.accept(result.code, performance.now())) return;
        this.acceptRead(KEYBOARD_SCANNER_ID, result);
        break;
      }
    }
  }

  acceptRead(scannerId: string, result: ReadCode): Scan | undefined {
    const receivedAt = this._now();
    if (!result.ok) {
      this._log(`rejected scan from ${scannerId}: ${result.reason} "${result.text}"`);
      this.broadcast({ type: 'rejected', rejected: { scannerId, reason: result.reason, text: result.text, receivedAt } });
      return undefined;
    }
    const scan = this._journal.append({
      scannerId,
      code: result.code,
      text: result.text,
      symbology: result.symbology,
      verified: result.verified,
      receivedAt,
    });
    this.broadcast({ type: 'scan', scan });
    return scan;
  }

  private updateScanner(state: ScannerState): void {
    // Scanners log their own state changes; the hub only passes them on.
    this._scanners.set(state.id, state);
    this.broadcast({ type: 'scanner', scanner: state });
  }

  private broadcast(message: ServerMessage): void {
    for (const client of this._clients) client.send(message);
  }
}
