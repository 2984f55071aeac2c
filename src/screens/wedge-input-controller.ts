/**
 * Keyboard-wedge scanners: a USB scanner in keyboard mode types the code into
 * whatever has focus. Every keydown on the window goes through a WedgeDetector
 * (src/domain/wedge-detector.ts); a line typed at scanner speed and ended with
 * Enter/Tab is sent to the terminal service, which checks it and sends it back
 * as an ordinary scan from scanner 'keyboard'. Policy for text fields:
 *  - keys are never held back, so nothing a person types is ever lost;
 *  - when a burst turns out to be a scan (focus in the register form's name
 *    field, say), the field is put back to what it held before the burst and
 *    the terminating Enter/Tab is cancelled, so the code does not end up in the
 *    name and Enter does not press a button; the scan goes to the service.
 *
 * Listens while its host is connected (capture phase, before anything else
 * on the page hears the key).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WedgeDetector } from '../domain/wedge-detector.ts';
import { sendWedgeLine } from '../data/scan-stream.ts';

type TextField = HTMLInputElement | HTMLTextAreaElement;

function textFieldIn(path: EventTarget[]): TextField | undefined {
  for (const target of path) {
    if (target instanceof HTMLTextAreaElement) return target;
    if (target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type)) {
      return target;
    }
  }
  return undefined;
}

export class WedgeInputController implements ReactiveController {
  private readonly _wedge = new WedgeDetector();
  /** The text field a possible wedge burst started in, and what it held before. */
  private _burstField?: { field: TextField; value: string } | undefined;

  /** `unsent`: a scanned line could not go to the service (no connection); the page says so. */
  constructor(
    host: ReactiveControllerHost,
    private readonly unsent: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this._onKeyDown, true);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this._onKeyDown, true);
    this._wedge.reset();
  }

  private _onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.repeat || e.isComposing) {
      this._wedge.reset();
      this._burstField = undefined;
      return;
    }
    const result = this._wedge.key(e.key, e.timeStamp);
    const field = textFieldIn(e.composedPath());
    if (result === undefined) {
      if (this._wedge.pending.length === 1) {
        // Possibly the first key of a scan: remember the field as it was before it.
        this._burstField = field ? { field, value: field.value } : undefined;
      } else if (this._wedge.pending.length === 0) {
        this._burstField = undefined;
      }
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    const burst = this._burstField;
    this._burstField = undefined;
    if (burst && burst.field.value !== burst.value) {
      burst.field.value = burst.value;
      burst.field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    if (!sendWedgeLine(result.line)) this.unsent();
  };
}
