/** Events the parts of the visit screen send (issue 12). */
import type { VisitRecord } from '../data/schema.ts';

/** A part of the visit wrote the visit: here is the record as stored. */
export class KioskVisitChangedEvent extends Event {
  static readonly eventName = 'kiosk-visit-changed';
  constructor(readonly visit: VisitRecord) {
    super(KioskVisitChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'kiosk-visit-changed': KioskVisitChangedEvent;
  }
}
