/** Events about a product that more than one element sends. */
import { kioskEvent } from './kiosk-event.ts';

/** A product's row was tapped: show the product's history. */
export class KioskProductHistoryRequestedEvent extends kioskEvent<string>()('kiosk-product-history-requested') {}

declare global {
  interface HTMLElementEventMap {
    'kiosk-product-history-requested': KioskProductHistoryRequestedEvent;
  }
}
