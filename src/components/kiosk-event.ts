/**
 * Every kiosk-* event bubbles and crosses shadow roots, so the screen hears it
 * from inside its elements. These two factories make each event one line
 * instead of a class body each; the exported class keeps its own name, so
 * `new KioskPinEnteredEvent(pin)` and `instanceof` read as before.
 */

/**
 * An event that says only that something happened (no payload).
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

/**
 * An event that carries a typed `detail`: the one value it is about, or a
 * record when it carries several. Curried so the detail type is given and the
 * name inferred.
 *
 *   export class KioskPinEnteredEvent extends kioskEvent<string>()('kiosk-pin-entered') {}
 */
export function kioskEvent<Detail>() {
  return <N extends `kiosk-${string}`>(name: N) =>
    class KioskEvent extends Event {
      static readonly eventName: N = name;
      constructor(readonly detail: Detail) {
        super(name, { bubbles: true, composed: true });
      }
    };
}
