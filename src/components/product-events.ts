/** Events about a product that more than one element sends. */

/** A product's row was tapped: show the product's history. */
export class KioskProductHistoryRequestedEvent extends Event {
  static readonly eventName = 'kiosk-product-history-requested';
  constructor(readonly code: string) {
    super(KioskProductHistoryRequestedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'kiosk-product-history-requested': KioskProductHistoryRequestedEvent;
  }
}
