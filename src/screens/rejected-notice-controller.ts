/**
 * A scan the service refused, shown on a screen that takes scans: it stays for
 * REJECTED_NOTICE_MS or until dismissed or the next good scan, and a new
 * refusal replaces it. Shared by the counter and the basket screens.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { RejectedScan } from '../domain/scan-protocol.ts';
import '../components/kiosk-rejected-notice.ts';

/** A rejected-scan notice goes away on its own after this (or at the next good scan). */
export const REJECTED_NOTICE_MS = 12_000;

export class RejectedNoticeController implements ReactiveController {
  rejected?: RejectedScan | undefined;
  private _timer?: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  show(rejected: RejectedScan): void {
    clearTimeout(this._timer);
    this.rejected = rejected;
    this._timer = setTimeout(() => this.clear(), REJECTED_NOTICE_MS);
    this.host.requestUpdate();
  }

  clear(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    if (this.rejected) {
      this.rejected = undefined;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    clearTimeout(this._timer);
  }

  /** The notice, or nothing. */
  render() {
    return this.rejected
      ? html`<kiosk-rejected-notice .rejected=${this.rejected} @kiosk-notice-dismissed=${() => this.clear()}></kiosk-rejected-notice>`
      : nothing;
  }
}
