/**
 * The serialport binding a scanner opens its port through, and the port list
 * it detects and watches the scanner by. The native binding is loaded on first
 * use, so tests on MockBinding never load the addon; where the port list fails
 * (no udevadm) the device nodes are looked at instead.
 */
import { realpath } from 'node:fs/promises';
import { listPortsByGlob, type DeviceDirs, type PortInfo } from './auto-detect.ts';
import { errorText } from './open-errors.ts';

/**
 * The part of a serialport binding (bindings-cpp, binding-mock) used here.
 * Declared locally: @serialport/bindings-interface's types do not resolve under
 * moduleResolution "bundler" (see PortInfo).
 */
export interface BindingInterface {
  list(): Promise<PortInfo[]>;
  open(options: { path: string; baudRate: number }): Promise<unknown>;
}

/** Longest wait for the port list when identifying a freshly opened port. */
const LIST_TIMEOUT_MS = 3000;

export interface SerialPortsDeps {
  /** Default: the platform binding from @serialport/bindings-cpp. */
  binding?: BindingInterface;
  /** Default: binding.list(). */
  list?: () => Promise<PortInfo[]>;
  /** Where to look for ports when the port list fails (no udevadm); default /dev. */
  deviceDirs?: DeviceDirs;
  log?: (line: string) => void;
}

/** One scanner's way to its ports: the binding and the port list. */
export class SerialPorts {
  private _binding: BindingInterface | undefined;
  private _listFallbackLogged = false;

  constructor(private readonly _deps: SerialPortsDeps) {
    this._binding = _deps.binding;
  }

  async binding(): Promise<BindingInterface> {
    this._binding ??= (await import('@serialport/bindings-cpp')).autoDetect() as BindingInterface;
    return this._binding;
  }

  async list(): Promise<PortInfo[]> {
    if (this._deps.list) return this._deps.list();
    try {
      return await (await this.binding()).list();
    } catch (err) {
      // No udevadm (containers, minimal images): look at the device nodes instead.
      if (!this._listFallbackLogged)
        this._deps.log?.(`port list failed (${errorText(err)}); looking for /dev/ttyACM*, /dev/ttyUSB*, /dev/serial/by-id/*`);
      this._listFallbackLogged = true;
      return listPortsByGlob(this._deps.deviceDirs);
    }
  }

  /** For a fixed path, its port-list entry (following a by-id link), if listed. */
  async findListed(path: string): Promise<PortInfo | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const real = await realpath(path).catch(() => path);
      // A hung udevadm must not keep the scanner from connecting.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('port list timed out')), LIST_TIMEOUT_MS);
      });
      const ports = await Promise.race([this.list(), timeout]);
      return ports.find((p) => p.path === path || p.path === real);
    } catch {
      // No list (udevadm missing): the other signals still work.
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
