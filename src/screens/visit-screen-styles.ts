/** <kiosk-visit-screen>'s look: the cadence line, the start card, the visit's tabs and its bundle and outbox notes. */
import { css } from 'lit';
import { kioskBase } from '../styles.ts';
import { screenStyles } from './screen-styles.ts';

export const visitScreenStyles = [
  kioskBase,
  screenStyles,
  css`
    :host {
      --_mode: var(--kiosk-mode-visit);
      gap: 8px;
      padding: 8px var(--kiosk-gap);
    }
    /* The printed visit report: the summary tab's record, without the tabs and buttons. */
    @media print {
      :host {
        display: block;
        overflow: visible;
        background: #fff;
        color: #000;
      }
      nav,
      button,
      [data-kind='bundle-result'],
      [data-kind='outbox-result'] {
        display: none !important;
      }
    }
    .bar {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
    }
    .bar .title {
      flex: 1;
      font-weight: 700;
      min-width: 10em;
    }
    button {
      min-height: var(--kiosk-touch-min);
      padding: 0 14px;
    }
    nav {
      display: flex;
      gap: 4px;
    }
    nav button {
      flex: 1;
      padding: 0 6px;
      border-width: 2px;
    }
    nav button[aria-selected='true'] {
      background: var(--_mode);
      border-color: var(--_mode);
      color: #fff;
    }
    .content {
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
      overflow: auto;
    }
    .content > * {
      flex: 1;
      min-height: 0;
    }
    .start {
      display: flex;
      flex-direction: column;
      gap: 12px;
      align-items: flex-start;
    }
    button.big {
      min-height: var(--kiosk-touch);
      font-size: var(--kiosk-font-title);
      padding: 0 28px;
    }
    .overdue {
      color: var(--kiosk-error);
      font-weight: 700;
    }
    .message {
      color: var(--kiosk-error);
      font-weight: 700;
    }
    .confirm {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      margin-bottom: 8px;
    }
    .row {
      display: flex;
      gap: 12px;
      align-items: center;
      flex-wrap: wrap;
    }
    .start h2,
    .start p {
      margin: 0;
    }
    /* The Pi's 800×480: one slim bar, slim tabs, the work below. */
    @media (max-height: 700px) {
      :host {
        gap: 4px;
        padding: 4px 8px;
      }
      .bar .title {
        font-size: var(--kiosk-font-small);
      }
      nav button {
        min-height: var(--kiosk-touch-min);
        font-size: 17px;
      }
      .start {
        gap: 6px;
        padding: 8px 12px;
      }
      .start h2 {
        font-size: var(--kiosk-font-body);
      }
      button.big {
        font-size: var(--kiosk-font-body);
      }
      .card {
        padding: 8px 12px;
      }
    }
  `,
];
