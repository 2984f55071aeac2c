/** Events the parts of the visit screen send (issue 12). */
import type { VisitRecord } from '../data/schema.ts';
import { kioskEvent } from './kiosk-event.ts';

/** A part of the visit wrote the visit: here is the record as stored. */
export class KioskVisitChangedEvent extends kioskEvent<VisitRecord>()('kiosk-visit-changed') {}

declare global {
  interface HTMLElementEventMap {
    'kiosk-visit-changed': KioskVisitChangedEvent;
  }
}
