/**
 * One serial barcode scanner: opens the port, frames lines, decides what each
 * line is, drops double reads, and keeps trying to (re)connect for as long as it
 * runs — a scanner unplugged and plugged back in resumes without a restart.
 *
 * Unplug is noticed every way serialport signals it, because which one comes
 * depends on the driver and the moment:
 *  - 'close' with a DisconnectedError (`disconnected: true`): a read failed (EIO,
 *    EBADF, ENXIO) — the usual cdc_acm/ftdi unplug, and a pty whose socat died;
 *  - 'end': a zero-byte read (EOF);
 *  - 'error': e.g. the close after a failed read failed too;
 *  - a fallback poll, because sometimes none of those comes (seen with ptys:
 *    now and then the read waiting on a hung-up pty is never woken): the port
 *    list (device gone, or another device at its path) and the device node
 *    itself (gone, or re-created by a replug).
 */
import { EventEmitter } from 'node:events';
import { SerialPortStream } from '@serialport/stream';
import { printable, readCode, type ReadCode } from '../../src/domain/barcode.ts';
import type { ScannerState } from '../../src/domain/scan-protocol.ts';
import { pickScannerPort, rankPort, type PortInfo } from './auto-detect.ts';
import { SerialPorts, type SerialPortsDeps } from './binding.ts';
import { DEFAULT_DOUBLE_READ_MS, DoubleReadFilter } from './double-read.ts';
import { LineFramer, type FramedLine, type LineEnding } from './line-framer.ts';
import { errorText, explainOpenError, HINTS, type OpenFailure } from './open-errors.ts';
import { nodeIdentity, samePort } from './presence.ts';

export interface ScannerConfig {
  id: string;
  /** Device path (a /dev/serial/by-id/… link is best), or 'auto' to detect. */
  path: string | 'auto';
  /** Default 9600, the factory setting of most scanners' serial mode. */
  baudRate?: number;
  /** Default 'any'. */
  lineEnding?: LineEnding;
  /** Text the scanner is configured to put before / after each code. */
  prefix?: string;
  suffix?: string;
  /** Double-read window; default 300 ms, 0 turns the filter off. */
  doubleReadMs?: number;
  /** Longest line kept; default 512 bytes. */
  maxLineBytes?: number;
}

export interface ScannerTiming {
  /** First reconnect delay; doubles per failed attempt. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** How often the port list is checked while connected. */
  pollMs: number;
}

export const DEFAULT_TIMING: ScannerTiming = { retryInitialMs: 250, retryMaxMs: 5000, pollMs: 2000 };

export interface ScannerDeps extends SerialPortsDeps {
  /** Monotonic clock in ms. Default performance.now(). */
  now?: () => number;
  /** Paths other scanners hold or are configured for, so 'auto' does not pick them. */
  inUse?: () => string[] | Promise<string[]>;
  timing?: Partial<ScannerTiming>;
}

export interface ScannerRead {
  /** Accepted and rejected lines alike; double reads are not reported. */
  result: ReadCode;
  /** deps.now() when the line's terminator was processed. */
  monotonicMs: number;
}

export type SerialScannerEvents = {
  read: [ScannerRead];
  state: [ScannerState];
};

export class SerialScanner extends EventEmitter<SerialScannerEvents> {
  readonly config: Readonly<ScannerConfig>;

  private readonly _deps: ScannerDeps;
  private readonly _timing: ScannerTiming;
  private readonly _now: () => number;
  private readonly _doubleRead: DoubleReadFilter;
  private readonly _ports: SerialPorts;
  private _state: ScannerState;
  private _running = false;
  /** Bumped whenever the current connection or attempt stops counting. */
  private _generation = 0;
  private _port: SerialPortStream | undefined;
  private _framer: LineFramer | undefined;
  /** The port-list entry of the open device, when it has one (ptys do not). */
  private _watched: PortInfo | undefined;
  /** Identity of the opened device node, when the path is a real file. */
  private _watchedNode: string | undefined;
  private _retryTimer: ReturnType<typeof setTimeout> | undefined;
  private _pollTimer: ReturnType<typeof setTimeout> | undefined;
  private _retryDelay: number;
  /** Set from an unplug until the next successful open. */
  private _unplugged = false;
  /** The previous connection's close; a reopen waits for it so the port lock is free. */
  private _closing: Promise<void> = Promise.resolve();

  constructor(config: ScannerConfig, deps: ScannerDeps = {}) {
    super();
    if (!config.id) throw new TypeError('scanner "id" is required');
    if (!config.path) throw new TypeError(`scanner ${config.id}: "path" is required (a device path or 'auto')`);
    const baudRate = config.baudRate ?? 9600;
    if (!Number.isInteger(baudRate) || baudRate <= 0) {
      throw new TypeError(`scanner ${config.id}: "baudRate" must be a positive integer: ${String(baudRate)}`);
    }
    this.config = { ...config, baudRate };
    this._deps = deps;
    this._timing = { ...DEFAULT_TIMING, ...deps.timing };
    this._retryDelay = this._timing.retryInitialMs;
    this._now = deps.now ?? (() => performance.now());
    this._doubleRead = new DoubleReadFilter(config.doubleReadMs ?? DEFAULT_DOUBLE_READ_MS);
    this._ports = new SerialPorts(deps);
    // Built now so a bad lineEnding/maxLineBytes fails at startup, not at first open.
    this._newFramer();
    this._state = { id: config.id, path: this._configuredPath(), status: 'off' };
  }

  get state(): ScannerState {
    return { ...this._state };
  }

  /** Start connecting; returns at once, progress comes as 'state' events. */
  start(): void {
    if (this._running) return;
    this._running = true;
    this._retryDelay = this._timing.retryInitialMs;
    this._unplugged = false;
    this._setState({ status: 'connecting', path: this._configuredPath() });
    void this._attempt(this._generation);
  }

  async stop(): Promise<void> {
    if (!this._running) return;
    this._running = false;
    this._generation++;
    clearTimeout(this._retryTimer);
    this._retryTimer = undefined;
    await this._teardown();
    this._setState({ status: 'off', path: this._configuredPath() });
  }

  private async _attempt(generation: number): Promise<void> {
    this._retryTimer = undefined;
    let path: string;
    let watched: PortInfo | undefined;
    if (this.config.path === 'auto') {
      // Re-detected on every attempt: after a replug the scanner may come back
      // as /dev/ttyACM1.
      let ports: PortInfo[];
      try {
        ports = await this._ports.list();
      } catch (err) {
        if (generation !== this._generation) return;
        this._failed({ cause: 'other', message: `Cannot list serial ports: ${errorText(err)}`, hint: HINTS.other }, null);
        return;
      }
      const taken = (await this._deps.inUse?.()) ?? [];
      if (generation !== this._generation) return;
      const picked = pickScannerPort(ports, taken);
      if (!picked) {
        this._failed({ cause: 'not-found', message: 'No scanner plugged in', hint: HINTS['not-found'] }, null);
        return;
      }
      path = picked.path;
      watched = picked;
    } else {
      path = this.config.path;
    }

    let port: SerialPortStream;
    try {
      await this._closing;
      port = await this._open(path);
    } catch (err) {
      if (generation !== this._generation) return;
      this._failed(explainOpenError(err, path), path);
      return;
    }
    // Identified before 'connected' so the fallback poll has something to compare.
    const node = generation === this._generation ? await nodeIdentity(path) : undefined;
    if (!watched && generation === this._generation) watched = await this._ports.findListed(path);
    if (generation !== this._generation) {
      // stop() ran while the port was opening.
      port.close(() => {});
      return;
    }
    this._connected(port, path, watched, node);
  }

  private async _open(path: string): Promise<SerialPortStream> {
    const port = new SerialPortStream({
      binding: await this._ports.binding(),
      path,
      baudRate: this.config.baudRate ?? 9600,
      autoOpen: false,
    });
    // Until _connected() listens: an 'error' with no listener would crash the service.
    port.on('error', () => {});
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return port;
  }

  private _connected(port: SerialPortStream, path: string, watched: PortInfo | undefined, node: string | undefined): void {
    const generation = ++this._generation;
    const framer = this._newFramer();
    this._port = port;
    this._framer = framer;
    this._watched = watched;
    this._watchedNode = node;
    this._retryDelay = this._timing.retryInitialMs;
    this._unplugged = false;
    this._doubleRead.clear();

    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      this._lost(generation, err?.disconnected ? `disconnected (${err.message})` : 'port closed');
    });
    port.on('end', () => this._lost(generation, 'end of data (zero-byte read)'));
    port.on('error', (err: Error) => this._lost(generation, `port error: ${err.message}`));
    framer.on('data', (item: FramedLine) => {
      if (generation === this._generation) this._onLine(item);
    });
    port.pipe(framer);

    this._setState({ status: 'connected', path });
    this._schedulePoll(generation);
  }

  private _onLine(item: FramedLine): void {
    const monotonicMs = this._now();
    let result: ReadCode;
    if (item.type === 'overflow') {
      result = { ok: false, reason: 'too-long', text: printable(item.preview) };
    } else {
      // A bare terminator (a scanner sending CR and LF in 'CR' mode, a stray
      // Enter) carries nothing; reporting it as an 'empty' scan only confuses.
      if (item.text.length === 0) return;
      result = readCode(item.text, { prefix: this.config.prefix, suffix: this.config.suffix });
    }
    if (result.ok && !this._doubleRead.accept(result.code, monotonicMs)) {
      this._log(`double read of ${result.code} dropped`);
      return;
    }
    this.emit('read', { result, monotonicMs });
  }

  private _lost(generation: number, reason: string): void {
    if (generation !== this._generation || !this._running) return;
    const path = this._port?.path ?? this._state.path;
    this._generation++;
    this._unplugged = true;
    this._log(`scanner at ${path} lost: ${reason}`);
    this._closing = this._teardown();
    this._setState({
      status: 'disconnected',
      path,
      cause: 'unplugged',
      message: `Scanner unplugged from ${path}`,
      hint: HINTS.unplugged,
    });
    this._scheduleRetry();
  }

  private _failed(failure: OpenFailure, path: string | null): void {
    if (!this._running) return;
    // While a scanner is away after an unplug, "not found" is the expected
    // answer: stay 'disconnected' rather than flip to an error.
    if (!(this._unplugged && failure.cause === 'not-found')) {
      this._setState({ status: 'error', path, ...failure });
    }
    this._scheduleRetry();
  }

  private _scheduleRetry(): void {
    const delay = this._retryDelay;
    this._retryDelay = Math.min(delay * 2, this._timing.retryMaxMs);
    const generation = this._generation;
    this._retryTimer = setTimeout(() => void this._attempt(generation), delay);
  }

  private _schedulePoll(generation: number): void {
    this._pollTimer = setTimeout(() => void this._poll(generation), this._timing.pollMs);
  }

  private async _poll(generation: number): Promise<void> {
    const current = this._port?.path;
    if (this._watchedNode !== undefined && current) {
      const node = await nodeIdentity(current);
      if (generation !== this._generation) return;
      if (node !== this._watchedNode) {
        this._lost(generation, node === undefined ? 'device node gone' : 'device node re-created');
        return;
      }
    }
    // Only an unlikely pick (not a known maker, not ACM or USB serial) is worth leaving.
    const mayMove = this.config.path === 'auto' && current !== undefined && rankPort(this._watched ?? { path: current }) >= 3;
    if (!this._watched && !mayMove) {
      // Nothing to look for in the list: spare a udevadm run every poll.
      this._schedulePoll(generation);
      return;
    }
    let ports: PortInfo[];
    try {
      ports = await this._ports.list();
    } catch {
      if (generation === this._generation) this._schedulePoll(generation);
      return;
    }
    if (generation !== this._generation) return;
    const watched = this._watched;
    if (watched && !ports.some((p) => samePort(p, watched))) {
      this._lost(generation, 'gone from the port list');
      return;
    }
    // 'auto' may have settled on an unlikely port (e.g. /dev/rfcomm0) while no
    // scanner was plugged in; once a likelier port appears, move to it.
    if (mayMove && current) {
      const taken = (await this._deps.inUse?.()) ?? [];
      if (generation !== this._generation) return;
      const better = pickScannerPort(ports, taken);
      if (better && better.path !== current && rankPort(better) < rankPort({ path: current })) {
        this._log(`moving from ${current} to ${better.path}`);
        this._generation++;
        this._closing = this._teardown();
        this._setState({ status: 'connecting', path: better.path });
        this._retryDelay = this._timing.retryInitialMs;
        void this._attempt(this._generation);
        return;
      }
    }
    this._schedulePoll(generation);
  }

  private async _teardown(): Promise<void> {
    clearTimeout(this._pollTimer);
    this._pollTimer = undefined;
    const port = this._port;
    const framer = this._framer;
    this._port = undefined;
    this._framer = undefined;
    this._watched = undefined;
    this._watchedNode = undefined;
    if (framer) {
      port?.unpipe(framer);
      framer.destroy();
    }
    if (port?.isOpen) {
      await new Promise<void>((resolve) => port.close(() => resolve()));
    }
  }

  private _newFramer(): LineFramer {
    const options: { lineEnding: LineEnding; maxLineBytes?: number } = { lineEnding: this.config.lineEnding ?? 'any' };
    if (this.config.maxLineBytes !== undefined) options.maxLineBytes = this.config.maxLineBytes;
    return new LineFramer(options);
  }

  private _configuredPath(): string | null {
    return this.config.path === 'auto' ? null : this.config.path;
  }

  private _setState(next: Omit<ScannerState, 'id'>): void {
    const state: ScannerState = { id: this.config.id, path: next.path, status: next.status };
    if (next.message !== undefined) state.message = next.message;
    if (next.hint !== undefined) state.hint = next.hint;
    if (next.cause !== undefined) state.cause = next.cause;
    if (JSON.stringify(state) === JSON.stringify(this._state)) return;
    this._state = state;
    this._log(
      `scanner ${state.id}: ${state.status}${state.path ? ` ${state.path}` : ''}` +
        (state.message ? ` — ${state.message}` : '') +
        (state.hint ? ` (${state.hint})` : ''),
    );
    this.emit('state', { ...state });
  }

  private _log(line: string): void {
    this._deps.log?.(line);
  }
}
