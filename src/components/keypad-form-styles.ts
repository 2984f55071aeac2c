/**
 * The look shared by the forms typed on the big keypad (register a new product,
 * edit a product): a card with a title and the barcode, labelled fields on the
 * left, the keypad, messages and the save/cancel buttons on the right. A form
 * sets its sizes through the custom properties below (the editor has nine
 * fields to fit in the same height, so its rows are smaller).
 */
import { css } from 'lit';

export const keypadFormStyles = css`
  :host {
    display: block;
    background: var(--kiosk-surface);
    border-radius: var(--kiosk-radius);
    box-shadow: var(--kiosk-shadow);
    padding: 14px 20px 16px;
    --kiosk-keypad-key-height: 56px;
    /* Row height, still ≥ 48 px to touch. */
    --_field-height: 56px;
    --_field-font-size: 26px;
    --_field-padding: 16px;
    --_label-font-size: var(--kiosk-font-body);
    --_note-font-size: var(--kiosk-font-small);
    --_error-line: 22px;
    --_side-width: 300px;
    --_layout-gap: 28px;
  }
  header {
    display: flex;
    align-items: baseline;
    gap: 16px;
    margin-bottom: 8px;
  }
  h2 {
    margin: 0;
    font-size: var(--kiosk-font-title);
  }
  .code {
    font-family: var(--kiosk-font-numeric);
    font-size: var(--kiosk-font-body);
    color: var(--kiosk-text-muted);
  }
  .layout {
    display: grid;
    grid-template-columns: 1fr var(--_side-width);
    gap: var(--_layout-gap);
  }
  .fields {
    display: grid;
    align-content: start;
  }
  .fields > label,
  .fields > .label {
    font-size: var(--_label-font-size);
    font-weight: 600;
    align-self: start;
    line-height: var(--_field-height);
  }
  .control {
    display: flex;
    flex-direction: column;
  }
  input,
  .entry {
    font: inherit;
    font-size: var(--_field-font-size);
    height: var(--_field-height);
    border: 2px solid var(--kiosk-border);
    border-radius: var(--kiosk-radius-small);
    padding: 0 var(--_field-padding);
    background: var(--kiosk-surface-sunken);
    color: var(--kiosk-text);
    width: 100%;
    user-select: text;
    -webkit-user-select: text;
  }
  input:focus {
    outline: none;
    border-color: var(--kiosk-accent);
  }
  .entry {
    display: flex;
    align-items: center;
    justify-content: space-between;
    text-align: left;
    font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
    user-select: none;
    -webkit-user-select: none;
  }
  .entry[aria-pressed='true'] {
    border-color: var(--kiosk-accent);
    background: var(--kiosk-accent-soft);
  }
  .entry .placeholder {
    color: var(--kiosk-text-muted);
    font-family: var(--kiosk-font-family);
    font-size: var(--_note-font-size);
  }
  .entry .shown {
    font-size: var(--_note-font-size);
    color: var(--kiosk-text-muted);
    font-family: var(--kiosk-font-family);
  }
  [aria-invalid='true'] {
    border-color: var(--kiosk-error);
  }
  .error {
    min-height: var(--_error-line);
    font-size: var(--_note-font-size);
    line-height: var(--_error-line);
    color: var(--kiosk-error);
    font-weight: 600;
  }
  /* Two buttons side by side, one chosen: 盒/条, 是/否. */
  .choice {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 12px;
  }
  .choice button {
    font-size: var(--_field-font-size);
    min-height: var(--_field-height);
  }
  .choice button[aria-pressed='true'] {
    background: var(--kiosk-accent);
    border-color: var(--kiosk-accent);
    color: var(--kiosk-on-accent);
    font-weight: 700;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .actions {
    display: grid;
    grid-template-columns: 1fr 1.4fr;
    gap: 12px;
  }
  .actions.single {
    grid-template-columns: 1fr;
  }
  .actions button {
    font-size: 24px;
    min-height: var(--_field-height);
  }
  .failure,
  .denied {
    color: var(--kiosk-error);
    background: var(--kiosk-error-soft);
    border-radius: var(--kiosk-radius-small);
    padding: 8px 12px;
    font-size: var(--kiosk-font-small);
    font-weight: 600;
  }
`;
