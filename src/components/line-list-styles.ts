/**
 * A list of lines under a sticky heading row (the basket, the order list): a
 * scrolling card whose heading and lines share one grid, each list giving its
 * columns in --line-columns.
 */
import { css } from 'lit';

export const lineListStyles = css`
  :host {
    display: block;
    overflow-y: auto;
    background: var(--kiosk-surface);
    border-radius: var(--kiosk-radius);
    box-shadow: var(--kiosk-shadow);
  }
  .head,
  button.line {
    display: grid;
    grid-template-columns: var(--line-columns);
    align-items: center;
    text-align: left;
    width: 100%;
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 1;
    color: var(--kiosk-text-muted);
  }
`;
