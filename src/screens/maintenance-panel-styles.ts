/**
 * The 数据安全 panel's styles (<kiosk-maintenance-panel>).
 */
import { css } from 'lit';
import { kioskBase } from '../styles.ts';
import { overlayPanelStyles, screenStyles } from './screen-styles.ts';
import { statusStyles } from '../components/panel-styles.ts';

export const maintenancePanelStyles = [
  kioskBase,
  screenStyles,
  statusStyles,
  overlayPanelStyles,
  css`
    h2 {
      font-size: var(--kiosk-font-title);
    }
    h3 {
      margin: 0 0 8px;
    }
    button {
      padding: 0 20px;
    }
    td button {
      min-height: var(--kiosk-touch-min);
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
      gap: 12px;
    }
    .facts p {
      margin: 4px 0;
    }
    .row {
      display: flex;
      gap: 12px;
      align-items: center;
      flex-wrap: wrap;
    }
    progress {
      width: 240px;
      height: 24px;
    }
    .restore {
      display: flex;
      gap: 16px;
      flex-wrap: wrap;
      align-items: flex-start;
    }
    /* The PIN step takes the whole screen, as the PIN pad does: the pad and what is
       restored side by side fit 800×480 without scrolling. */
    .restore[data-kind='restore-pin'] {
      position: fixed;
      inset: 0;
      z-index: 1;
      border-radius: 0;
      justify-content: center;
      align-items: center;
      flex-wrap: nowrap;
      overflow: auto;
    }
    .restore[data-kind='restore-pin'] > div {
      max-width: 420px;
    }
    .restore[data-kind='restore-pin'] dl {
      font-size: var(--kiosk-font-small);
    }
    .restore dl {
      display: grid;
      grid-template-columns: auto auto;
      gap: 4px 16px;
      margin: 0 0 8px;
    }
    .restore dt {
      color: var(--kiosk-text-muted);
    }
    .restore dd {
      margin: 0;
      font-weight: 700;
    }
  `,
];
