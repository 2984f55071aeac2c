/**
 * A field typed on the keypad beside a form (the product editor's prices and
 * counts, the register form's price and stock): its label, a button that picks
 * it for the keypad and shows the text so far (or the placeholder), and its
 * error line. The form keeps the text and which field is active.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface KeypadEntry {
  /** The button's name; also the label's id prefix. */
  name: string;
  label: string;
  placeholder: string;
  /** What the keypad has typed so far ('' shows the placeholder). */
  text: string;
  /** How the typed text is shown. */
  filled: TemplateResult;
  active: boolean;
  invalid: boolean;
  disabled: boolean;
  error: string;
  onActivate: () => void;
  /** The next key replaces the text (the editor marks this). */
  fresh?: boolean;
  /** The error line's data-field (the editor's field name). */
  errorField?: string;
}

export function keypadEntry(entry: KeypadEntry): TemplateResult {
  return html`<span class="label" id="${entry.name}-label">${entry.label}</span>
    <div class="control">
      <button
        type="button"
        class="entry"
        name=${entry.name}
        aria-labelledby="${entry.name}-label"
        aria-pressed=${entry.active ? 'true' : 'false'}
        data-fresh=${ifDefined(entry.fresh === undefined ? undefined : String(entry.fresh))}
        aria-invalid=${entry.invalid ? 'true' : 'false'}
        ?disabled=${entry.disabled}
        @click=${entry.onActivate}
      >
        ${entry.text === '' ? html`<span class="placeholder">${entry.placeholder}</span>` : entry.filled}
      </button>
      <div class="error" role="alert" data-field=${ifDefined(entry.errorField)}>${entry.error}</div>
    </div>`;
}
