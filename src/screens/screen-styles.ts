/**
 * What every mode screen looks like, in one place: the screen fills the space
 * under the mode bar as a column, its panels are cards, its tables read the
 * same, and a negative stock is red everywhere. A screen adds only what is its
 * own (its mode colour in --_mode, its layout).
 */
import { css } from 'lit';

export const screenStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: var(--kiosk-gap);
    min-height: 0;
    background: var(--kiosk-bg);
  }
  .card {
    background: var(--kiosk-surface);
    border-radius: var(--kiosk-radius);
    box-shadow: var(--kiosk-shadow);
    padding: 14px 18px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--kiosk-font-small);
  }
  th {
    text-align: left;
    color: var(--kiosk-text-muted);
    font-weight: 600;
    padding: 6px;
    border-bottom: 2px solid var(--kiosk-border);
  }
  td {
    padding: 8px 6px;
    border-bottom: 1px solid var(--kiosk-border);
  }
  .negative {
    color: var(--kiosk-error);
    font-weight: 700;
  }
  /* A small red tag after a figure: 负库存 (negative stock). */
  .flag {
    display: inline-block;
    margin-left: 6px;
    font-size: 14px;
    padding: 1px 6px;
    border-radius: 6px;
    color: #fff;
    background: var(--kiosk-error);
  }
`;
