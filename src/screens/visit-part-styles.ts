/**
 * The rep visit's two-column parts (checklist, notes): cards side by side, each
 * a column with its title on top.
 */
import { css } from 'lit';
import { kioskBase } from '../styles.ts';
import { panelStyles } from '../components/panel-styles.ts';

export const visitPartStyles = [
  kioskBase,
  panelStyles,
  css`
    :host {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px;
      min-height: 0;
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 8px 12px;
    }
    h3 {
      margin: 0;
      font-size: var(--kiosk-font-body);
    }
  `,
];
