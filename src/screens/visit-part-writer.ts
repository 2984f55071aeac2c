/**
 * How a part of the visit (price-tag audit, checklist, notes) writes: each
 * change at once, the record as stored sent up to the visit screen
 * (KioskVisitChangedEvent), and a write that failed logged and said in the
 * part's message line, for the rep to try again.
 */
import type { ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import type { VisitRecord } from '../data/schema.ts';
import { KioskVisitChangedEvent } from '../components/visit-events.ts';

export class VisitPartWriter {
  /** What the part says under its cards: why the last step did not happen; '' when nothing. */
  message = '';

  /** `logged`: the part's name in the console when a write fails. */
  constructor(
    private readonly _host: ReactiveControllerHost & EventTarget,
    private readonly _logged: string,
  ) {}

  say(message: string): void {
    if (message === this.message) return;
    this.message = message;
    this._host.requestUpdate();
  }

  /**
   * Runs `work` (a write) with the message cleared; the visit it returns, if
   * any, goes up to the visit screen. False when it failed (the message says so).
   */
  async write(work: () => Promise<VisitRecord | undefined | void>, logged = this._logged): Promise<boolean> {
    this.say('');
    try {
      const stored = await work();
      if (stored) this._host.dispatchEvent(new KioskVisitChangedEvent(stored));
      return true;
    } catch (error) {
      console.error(logged, error);
      this.say(msg('没能记下，请再试一次。'));
      return false;
    }
  }
}
