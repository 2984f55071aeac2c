/**
 * A page's form request: the busy flag that disables its button while the
 * collector answers, and the error line it shows (Chinese, then English).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { problemText } from './api.ts';

export class FormRequest implements ReactiveController {
  busy = false;
  error = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Shows a problem found before asking the collector. */
  fail(message: string): void {
    this.error = message;
    this.host.requestUpdate();
  }

  /** Runs `work` with the button disabled; whatever it throws becomes the error line. */
  async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await work();
    } catch (err) {
      this.error = problemText(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
