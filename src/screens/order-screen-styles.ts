/** <kiosk-order-screen>'s look: the order list with its toolbar, the line detail and the printout. */
import { css } from 'lit';
import { chipStyles, kioskBase } from '../styles.ts';

export const orderScreenStyles = [
  kioskBase,
  chipStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 10px;
      padding: 10px var(--kiosk-gap) var(--kiosk-gap);
      min-height: 0;
      overflow: hidden;
      font-size: var(--kiosk-font-small);
    }
    .toolbar {
      flex: none;
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
    }
    .toolbar .spacer {
      flex: 1;
    }
    .toolbar button[aria-pressed='true'] {
      border-color: var(--kiosk-mode-order);
      background: var(--kiosk-mode-order-soft);
      font-weight: 700;
    }
    button.place {
      background: var(--kiosk-mode-order);
      border-color: var(--kiosk-mode-order);
      color: var(--kiosk-on-mode);
      font-weight: 800;
      font-size: 24px;
    }
    .body {
      flex: 1;
      min-height: 0;
      display: flex;
      gap: 12px;
    }
    kiosk-order-lines {
      flex: 3;
      min-width: 0;
    }
    .side,
    .full {
      flex: 2;
      min-width: 0;
      overflow-y: auto;
      background: var(--kiosk-surface);
      border-radius: var(--kiosk-radius);
      box-shadow: var(--kiosk-shadow);
      padding: 12px;
    }
    .full {
      flex: 1;
      box-shadow: none;
    }
    .totals {
      flex: none;
      display: flex;
      gap: 24px;
      align-items: baseline;
      padding: 8px 12px;
      background: var(--kiosk-mode-order-soft);
      border-radius: var(--kiosk-radius-small);
      font-size: 20px;
    }
    .totals strong {
      font-size: 28px;
      font-variant-numeric: tabular-nums;
    }
    /* Short screens (800×480): the toolbar on one row and slim totals, so the list keeps its room. */
    @media (max-height: 700px) {
      .toolbar {
        gap: 6px;
      }
      .toolbar button {
        min-height: 44px;
        padding: 0 10px;
        font-size: 16px;
      }
      .totals {
        padding: 4px 12px;
        font-size: 16px;
      }
      .totals strong {
        font-size: 22px;
      }
    }
    /* 800×480: the eight buttons on one row in English too, whatever the font's width:
       a button that cannot fit its label wraps it onto two lines inside itself. */
    @media (max-height: 700px) and (max-width: 900px) {
      .toolbar {
        gap: 4px;
        flex-wrap: nowrap;
      }
      .toolbar button {
        flex: 0 1 auto;
        min-width: 0;
        padding: 0 5px;
        font-size: 14px;
        line-height: 1.1;
      }
      .toolbar button.place {
        flex: none;
      }
    }
    @media print {
      :host {
        display: block;
        overflow: visible;
        padding: 0;
        color: #000;
      }
      .toolbar,
      .body,
      .totals,
      kiosk-banner {
        display: none !important;
      }
    }
  `,
];
