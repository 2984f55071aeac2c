/**
 * What the catalog screen and its tabs share: headings, muted hints, figures
 * and barcodes in the numeric font, button rows.
 */
import { css } from 'lit';
import { kioskBase } from '../styles.ts';
import { panelStyles } from './panel-styles.ts';

export const catalogStyles = css`
  h2 {
    margin: 0 0 10px;
    font-size: var(--kiosk-font-title);
  }
  h3 {
    margin: 12px 0 6px;
    font-size: var(--kiosk-font-body);
  }
  .row {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
    align-items: center;
  }
  .muted {
    color: var(--kiosk-text-muted);
    font-size: var(--kiosk-font-small);
  }
  td {
    padding: 7px 6px;
    vertical-align: top;
  }
  .num {
    text-align: right;
    white-space: nowrap;
    font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
  }
  .code {
    font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
    white-space: nowrap;
  }
  .actions {
    display: flex;
    gap: 12px;
    justify-content: flex-end;
    margin-top: 12px;
  }
  .actions button {
    font-size: var(--kiosk-font-body);
  }
`;

/** All a catalog tab's element starts from (a block, like the card it holds). */
export const catalogPanelStyles = [
  kioskBase,
  panelStyles,
  catalogStyles,
  css`
    :host {
      display: block;
    }
  `,
];
