/**
 * A screen's writes, one after another in the order they were asked: a scan's
 * line and a tap's change to the same basket or count never race each other to
 * IndexedDB, and a failed write does not stop the next (its caller hears of
 * the failure; the queue goes on).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class WriteQueueController implements ReactiveController {
  private _tail: Promise<unknown> = Promise.resolve();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Run `work` after every write asked before it; resolves or rejects with it. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this._tail.then(work, work);
    this._tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write asked so far has finished. */
  async settled(): Promise<void> {
    await this._tail;
  }
}
