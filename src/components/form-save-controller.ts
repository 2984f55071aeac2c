/**
 * A keypad form's save (the register form's, the product editor's): one write
 * at a time and none once it has landed, with `saving` and `saved` for the
 * form to draw its buttons from. The form checks its fields first and says
 * what went wrong; this holds only the write's own state.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FormSaveController implements ReactiveController {
  private _saving = false;
  private _saved = false;

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  /** Nothing to start or stop (a controller needs one hook): it only holds the write's state. */
  hostConnected(): void {}

  /** A write is under way. */
  get saving(): boolean {
    return this._saving;
  }

  /** The write landed: the form is done and keeps what it showed. */
  get saved(): boolean {
    return this._saved;
  }

  /** Nothing may change now: a write is under way or has landed. */
  get busy(): boolean {
    return this._saving || this._saved;
  }

  /**
   * Writes once, and not at all while busy: `saved` is set before `landed`
   * runs (so a listener of the form's event sees it done); `failed` runs while
   * `saving` still holds, so no second tap lands before the form has said why
   * the first failed.
   */
  async run<T>(write: () => Promise<T>, landed: (value: T) => void, failed: (error: unknown) => void | Promise<void>): Promise<void> {
    if (this.busy) return;
    // Set before the first await: a second tap in the same frame sees it.
    this._saving = true;
    this._host.requestUpdate();
    try {
      const value = await write();
      this._saved = true;
      landed(value);
    } catch (error) {
      await failed(error);
    } finally {
      this._saving = false;
      this._host.requestUpdate();
    }
  }

  /** A new product to register or edit: the form starts over. */
  reset(): void {
    this._saving = false;
    this._saved = false;
    this._host.requestUpdate();
  }
}
