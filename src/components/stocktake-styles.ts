/**
 * What the stocktake parts (start, count entry, counted table, progress,
 * report) share, so their figures, actions and help text read the
 * same on every step of a count.
 */
import { css } from 'lit';
import { panelColumnStyles } from './panel-styles.ts';

export const stocktakeStyles = css`
  h2 {
    margin: 0 0 8px;
    font-size: var(--kiosk-font-title);
  }
  .num {
    text-align: right;
    font-family: var(--kiosk-font-numeric), var(--kiosk-font-family);
    white-space: nowrap;
  }
  tr.tap {
    cursor: pointer;
  }
  .actions {
    display: flex;
    gap: 12px;
    justify-content: flex-end;
    flex-wrap: wrap;
  }
  .help {
    font-size: 16px;
    color: var(--kiosk-text-muted);
    line-height: 1.5;
  }
`;

/** The whole sheet of a step that takes the screen's height (the start, the report). */
export const stocktakeStepStyles = [
  ...panelColumnStyles,
  stocktakeStyles,
  css`
    :host {
      flex: 1;
    }
  `,
];
