/**
 * A value the screen shows only once its changes pause: `value` is always the
 * latest (for the screen's logic), `shown` is what the screen renders, and it
 * catches up `quietMs` after the last change. A scanner's burst then costs one
 * render of what can wait (the recent-scans list) instead of one per scan, and
 * each scan's frame draws only what the owner looks at (the product card). At a
 * Pi's speed the list's render was most of a look-up scan's time to screen.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class QuietValueController<T> implements ReactiveController {
  private _value: T;
  private _shown: T;
  private _timer?: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly _host: ReactiveControllerHost,
    initial: T,
    private readonly _quietMs: number,
  ) {
    this._value = initial;
    this._shown = initial;
    _host.addController(this);
  }

  /** The latest value. */
  get value(): T {
    return this._value;
  }

  /** What to render: the latest value once it has not changed for quietMs. */
  get shown(): T {
    return this._shown;
  }

  /** A new value: shown after quietMs without another. */
  set(value: T): void {
    this._value = value;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._show(), this._quietMs);
  }

  /** Shows the latest value now (a change the owner made by hand, a screen coming back). */
  flush(): void {
    clearTimeout(this._timer);
    this._show();
  }

  hostConnected(): void {
    // Changes made while the screen was away are shown as it comes back.
    if (this._shown !== this._value) this.flush();
  }

  hostDisconnected(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  private _show(): void {
    this._timer = undefined;
    if (this._shown === this._value) return;
    this._shown = this._value;
    this._host.requestUpdate();
  }
}
