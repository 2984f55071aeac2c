/**
 * A field typed on the keypad beside a form (the product editor's prices and
 * counts, the register form's price and stock): its label, a button that picks
 * it for the keypad and shows the text so far (or the placeholder), and its
 * error line. The form keeps the text and which field is active. Also how
 * such a field shows a typed price or count, the form's heading, and its save and cancel.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { ifDefined } from 'lit/directives/if-defined.js';
import { displayCode } from '../domain/barcode.ts';
import { formatCents, parsePriceToCents } from '../domain/product.ts';
import { formattingLocale } from '../localization.ts';

/** A keypad form's heading: what it does (登记新商品, 修改商品) and the product's barcode. */
export function keypadFormHeader(title: string, code: string): TemplateResult {
  return html`<header>
    <h2>${title}</h2>
    <span class="code">${msg(str`条码 ${displayCode(code)}`)}</span>
  </header>`;
}

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

/** A price typed so far, for an entry's `filled`: the text as typed and, once it parses, the amount as money. */
export function typedPrice(text: string): TemplateResult {
  const cents = parsePriceToCents(text);
  return html`<span class="value">¥ ${text}</span>
    ${cents !== undefined ? html`<span class="shown">${formatCents(cents, formattingLocale())}</span>` : nothing}`;
}

/** A count typed so far, for an entry's `filled`: the number and its unit (盒, 条, …). */
export function typedCount(text: string, unit: string): TemplateResult {
  return html`<span class="value">${text}</span><span class="shown">${unit}</span>`;
}

/** A keypad form's two buttons (`save`: its FormSaveController): 取消 (not while saving) and 保存 (not while saving or once saved). */
export function saveCancelActions(
  save: { readonly saving: boolean; readonly saved: boolean },
  onCancel: () => void,
  onSave: () => void,
): TemplateResult {
  return html`<div class="actions">
    <button type="button" name="cancel" ?disabled=${save.saving} @click=${onCancel}>${msg('取消')}</button>
    <button type="button" name="save" class="primary" ?disabled=${save.saving || save.saved} @click=${onSave}>
      ${save.saving ? msg('正在保存…') : msg('保存')}
    </button>
  </div>`;
}
