/**
 * An event that says only that something happened (no payload): one line per
 * event instead of a class body each. Like every kiosk-* event it bubbles and
 * crosses shadow roots, so the screen hears it from inside its elements.
 *
 *   export class KioskImportConfirmedEvent extends kioskSignal('kiosk-import-confirmed') {}
 */
export function kioskSignal<N extends `kiosk-${string}`>(name: N) {
  return class KioskSignal extends Event {
    static readonly eventName: N = name;
    constructor() {
      super(name, { bubbles: true, composed: true });
    }
  };
}
