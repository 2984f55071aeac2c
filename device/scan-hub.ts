/**
 * Where scans meet: scanners (serial and keyboard wedge) feed reads in, the
 * journal makes accepted ones durable, and the one page subscribed to each
 * scanner role is offered the scans it has not acknowledged yet.
 *
 * Offers go out a bounded window at a time (more as acks come back), so a
 * backlog of 100,000 scans drains instead of flooding the socket. An ack counts
 * only for ids offered on that connection: another tab, origin or program
 * cannot acknowledge (and so delete) the kiosk's scans.
 */
import { readCode, type ReadCode } from '../src/domain/barcode.ts';
import {
  MAX_SCANS_PER_MESSAGE,
  parseClientMessage,
  type JournalState,
  type RejectedScan,
  type Scan,
  type ScannerRole,
  type ScannerState,
  type ServerMessage,
} from '../src/domain/scan-protocol.ts';
import { JournalWriteError } from './journal-file.ts';
import type { JournalHealth, ScanJournal } from './journal.ts';
import { DoubleReadFilter } from './scanner/double-read.ts';

/** What the hub needs of a scanner: its reads and its connection state. */
export interface ScannerSource {
  readonly state: ScannerState;
  on(event: 'read', listener: (read: { result: ReadCode; monotonicMs: number }) => void): unknown;
  on(event: 'state', listener: (state: ScannerState) => void): unknown;
}

export interface HubClient {
  send(message: ServerMessage): void;
  /** Bytes queued on the socket; offers pause above a bound. */
  bufferedAmount?(): number;
}

/** One page connection: what it sends goes through here. */
export interface HubConnection {
  receive(data: string): void;
  disconnect(): void;
}

export interface ScanHubOptions {
  version: string;
  /** Double-read window for keyboard-wedge scanners (serial scanners filter their own). */
  doubleReadMs: number;
  log?: (line: string) => void;
  now?: () => number;
  /** Scans offered and not yet acknowledged per connection, at most; default 256. */
  offerWindow?: number;
}

export const KEYBOARD_SCANNER_ID = 'keyboard';
const DEFAULT_OFFER_WINDOW = 256;
/** Offers wait while the socket holds more than this. */
const MAX_OFFER_BUFFERED_BYTES = 512 * 1024;

/** English for logs and /healthz; the page has its own words. */
export const JOURNAL_PROBLEM_TEXT = {
  'disk-full': 'disk full: this scan was NOT recorded, scan again after freeing space',
  'read-only': 'storage is read-only: this scan was NOT recorded; the SD card needs replacing, then scan again',
  'journal-error': 'storage error: this scan was NOT recorded, scan again',
} as const;

interface Connection {
  client: HubClient;
  role: ScannerRole | undefined;
  /** Ids offered on this connection and not yet acknowledged. */
  offered: Set<string>;
  /** Index into the role's queue of the next scan to offer. */
  next: number;
  pumpTimer: ReturnType<typeof setTimeout> | undefined;
}

/** A role's pending scans in journal order; acknowledged ones are dropped lazily. */
interface RoleQueue {
  scans: Scan[];
  consumer: Connection | undefined;
  ackedSinceTrim: number;
}

export class ScanHub {
  private readonly _connections = new Set<Connection>();
  private readonly _scanners = new Map<string, ScannerState>();
  private readonly _scannerRoles = new Map<string, ScannerRole>();
  /** Scanners whose last good read could not be journaled, until the journal recovers. */
  private readonly _notRecorded = new Map<string, JournalState['status']>();
  private readonly _queues = new Map<ScannerRole, RoleQueue>();
  private readonly _wedgeFilter: DoubleReadFilter;
  private readonly _log: (line: string) => void;
  private readonly _now: () => number;
  private readonly _window: number;
  private _ignoredAcks = 0;

  constructor(
    private readonly _journal: ScanJournal,
    private readonly _options: ScanHubOptions,
  ) {
    this._wedgeFilter = new DoubleReadFilter(_options.doubleReadMs);
    this._log = _options.log ?? (() => {});
    this._now = _options.now ?? Date.now;
    this._window = _options.offerWindow ?? DEFAULT_OFFER_WINDOW;
    for (const scan of _journal.pendingScans()) this.queueOf(this.roleOf(scan.scannerId)).scans.push(scan);
    _journal.onHealth = (health) => this.journalHealthChanged(health);
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

  /** Acks refused because the id was not offered on the acking connection. */
  get ignoredAcks(): number {
    return this._ignoredAcks;
  }

  journalState(): JournalState {
    return toJournalState(this._journal.health);
  }

  addScanner(scanner: ScannerSource, role: ScannerRole = 'counter'): void {
    this._scannerRoles.set(scanner.state.id, role);
    this.updateScanner(scanner.state);
    scanner.on('state', (state) => this.updateScanner(state));
    scanner.on('read', ({ result }) => this.acceptRead(scanner.state.id, result));
  }

  /** Scanner states as the page should see them: a scanner whose scan was not recorded shows that. */
  scannerStates(): ScannerState[] {
    return [...this._scanners.values()].map((state) => this.presented(state));
  }

  /** A page connected: greet it; scans follow once it subscribes to a role. */
  connect(client: HubClient): HubConnection {
    const connection: Connection = { client, role: undefined, offered: new Set(), next: 0, pumpTimer: undefined };
    this._connections.add(connection);
    client.send({
      type: 'hello',
      bootId: this._journal.bootId,
      version: this._options.version,
      scanners: this.scannerStates(),
      journal: this.journalState(),
    });
    return {
      receive: (data) => this.receive(connection, data),
      disconnect: () => {
        this._connections.delete(connection);
        clearTimeout(connection.pumpTimer);
        this.unsubscribe(connection);
      },
    };
  }

  acceptRead(scannerId: string, result: ReadCode): Scan | undefined {
    const receivedAt = this._now();
    if (!result.ok) {
      this._log(`rejected scan from ${scannerId}: ${result.reason} "${result.text}"`);
      this.sendRejected({ scannerId, reason: result.reason, text: result.text, receivedAt });
      return undefined;
    }
    let scan: Scan;
    try {
      scan = this._journal.append({
        scannerId,
        code: result.code,
        text: result.text,
        symbology: result.symbology,
        verified: result.verified,
        receivedAt,
      });
    } catch (error) {
      // The scan is not on disk, so it is not handed out; the owner must scan it again.
      const problem = error instanceof JournalWriteError ? toJournalState({ status: error.problem }).status : 'journal-error';
      const reason = problem === 'ok' ? 'journal-error' : problem;
      this._log(`scan ${result.code} from ${scannerId} NOT recorded: ${(error as Error).message}`);
      this.sendRejected({ scannerId, reason, text: result.text, receivedAt });
      this._notRecorded.set(scannerId, reason);
      const state = this._scanners.get(scannerId);
      if (state) this.broadcast({ type: 'scanner', scanner: this.presented(state) });
      this.broadcast({ type: 'journal', journal: this.journalState() });
      return undefined;
    }
    if (this._notRecorded.delete(scannerId)) {
      const state = this._scanners.get(scannerId);
      if (state) this.broadcast({ type: 'scanner', scanner: state });
    }
    const queue = this.queueOf(this.roleOf(scannerId));
    queue.scans.push(scan);
    if (queue.consumer) this.pump(queue.consumer);
    return scan;
  }

  /** A message from a page; anything malformed is logged and dropped. */
  private receive(connection: Connection, data: string): void {
    const message = parseClientMessage(data);
    if (!message) {
      this._log(`dropped a malformed message from the page (${data.length} bytes)`);
      return;
    }
    switch (message.type) {
      case 'subscribe':
        this.subscribe(connection, message.role);
        break;
      case 'ack':
        this.acknowledge(connection, message.ids);
        break;
      case 'wedge': {
        const result = readCode(message.line);
        if (result.ok && !this._wedgeFilter.accept(result.code, performance.now())) return;
        this.acceptRead(wedgeScannerId(connection.role ?? 'counter'), result);
        break;
      }
    }
  }

  private subscribe(connection: Connection, role: ScannerRole): void {
    this.unsubscribe(connection);
    const queue = this.queueOf(role);
    const previous = queue.consumer;
    if (previous && previous !== connection) {
      this._log(`another page took over the ${role} scans`);
      this.unsubscribe(previous);
      previous.client.send({ type: 'replaced', role });
    }
    connection.role = role;
    connection.next = 0;
    connection.offered.clear();
    queue.consumer = connection;
    this.pump(connection);
  }

  private unsubscribe(connection: Connection): void {
    if (connection.role === undefined) return;
    const queue = this.queueOf(connection.role);
    if (queue.consumer === connection) queue.consumer = undefined;
    connection.role = undefined;
    connection.offered.clear();
  }

  private acknowledge(connection: Connection, ids: readonly string[]): void {
    const own: string[] = [];
    for (const id of ids) {
      if (connection.offered.delete(id)) own.push(id);
      else this._ignoredAcks++;
    }
    if (own.length < ids.length) this._log(`ignored ${ids.length - own.length} ack(s) for scans not offered on that connection`);
    if (own.length === 0) return;
    const acked = this._journal.acknowledge(own);
    if (connection.role !== undefined) {
      const queue = this.queueOf(connection.role);
      queue.ackedSinceTrim += acked.length;
      this.trim(queue);
    }
    this.pump(connection);
  }

  /** Offers the connection's next scans until its window or socket buffer is full. */
  private pump(connection: Connection): void {
    if (connection.role === undefined) return;
    const queue = this.queueOf(connection.role);
    if (queue.consumer !== connection) return;
    while (connection.offered.size < this._window) {
      if ((connection.client.bufferedAmount?.() ?? 0) > MAX_OFFER_BUFFERED_BYTES) {
        // The page is slow to read: look again shortly rather than queue more.
        connection.pumpTimer ??= setTimeout(() => {
          connection.pumpTimer = undefined;
          this.pump(connection);
        }, 50);
        return;
      }
      const scans = queue.scans;
      const room = Math.min(this._window - connection.offered.size, MAX_SCANS_PER_MESSAGE);
      const batch: Scan[] = [];
      while (batch.length < room) {
        while (connection.next < scans.length && !this._journal.isPending(scans[connection.next]!.id)) connection.next++;
        if (connection.next >= scans.length) break;
        const scan = scans[connection.next++]!;
        connection.offered.add(scan.id);
        batch.push(scan);
      }
      if (batch.length === 0) return;
      connection.client.send({ type: 'scans', scans: batch });
    }
  }

  /** Drops acknowledged scans from a role's queue once they are the larger part: amortised O(1). */
  private trim(queue: RoleQueue): void {
    if (queue.scans.length < 1024 || queue.ackedSinceTrim * 2 < queue.scans.length) return;
    const consumer = queue.consumer;
    let next = 0;
    const kept: Scan[] = [];
    queue.scans.forEach((scan, i) => {
      if (!this._journal.isPending(scan.id)) return;
      if (consumer && i < consumer.next) next++;
      kept.push(scan);
    });
    queue.scans = kept;
    queue.ackedSinceTrim = 0;
    if (consumer) consumer.next = next;
  }

  private queueOf(role: ScannerRole): RoleQueue {
    let queue = this._queues.get(role);
    if (!queue) {
      queue = { scans: [], consumer: undefined, ackedSinceTrim: 0 };
      this._queues.set(role, queue);
    }
    return queue;
  }

  private roleOf(scannerId: string): ScannerRole {
    const role = this._scannerRoles.get(scannerId);
    if (role) return role;
    // Wedge scanners are named after their page's role; scans of scanners no
    // longer configured (journaled in an earlier boot) go to the counter.
    return scannerId === wedgeScannerId('display') ? 'display' : 'counter';
  }

  private sendRejected(rejected: RejectedScan): void {
    const consumer = this.queueOf(this.roleOf(rejected.scannerId)).consumer;
    consumer?.client.send({ type: 'rejected', rejected });
  }

  private presented(state: ScannerState): ScannerState {
    const role = this._scannerRoles.get(state.id) ?? 'counter';
    const problem = this._notRecorded.get(state.id);
    if (!problem || problem === 'ok') return { ...state, role };
    return {
      ...state,
      role,
      status: 'error',
      cause: problem,
      message: JOURNAL_PROBLEM_TEXT[problem],
      hint: 'free space on the data disk (or replace a read-only SD card); the terminal recovers by itself',
    };
  }

  private journalHealthChanged(health: JournalHealth): void {
    if (health.status === 'ok') {
      const recovered = [...this._notRecorded.keys()];
      this._notRecorded.clear();
      for (const id of recovered) {
        const state = this._scanners.get(id);
        if (state) this.broadcast({ type: 'scanner', scanner: this.presented(state) });
      }
    }
    this.broadcast({ type: 'journal', journal: toJournalState(health) });
  }

  private updateScanner(state: ScannerState): void {
    // Scanners log their own state changes; the hub only passes them on.
    this._scanners.set(state.id, state);
    this.broadcast({ type: 'scanner', scanner: this.presented(state) });
  }

  private broadcast(message: ServerMessage): void {
    for (const connection of this._connections) connection.client.send(message);
  }
}

export function wedgeScannerId(role: ScannerRole): string {
  return role === 'counter' ? KEYBOARD_SCANNER_ID : `${KEYBOARD_SCANNER_ID}-${role}`;
}

function toJournalState(health: JournalHealth): JournalState {
  if (health.status === 'ok') return { status: 'ok' };
  const state: JournalState = { status: health.status, message: JOURNAL_PROBLEM_TEXT[health.status] };
  if (health.code) state.code = health.code;
  return state;
}
