/**
 * The 经营报表 screen's styles (<kiosk-report-screen>).
 */
import { css } from 'lit';
import { kioskBase } from '../styles.ts';
import { reportFiguresStyles } from '../components/report-figures.ts';

export const reportScreenStyles = [
  kioskBase,
  reportFiguresStyles,
  css`
    :host {
      display: block;
      height: 100%;
      overflow: auto;
      padding: 12px var(--kiosk-gap) 24px;
      box-sizing: border-box;
      background: var(--kiosk-bg);
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 12px;
    }
    h2 {
      margin: 0;
      font-size: var(--kiosk-font-title);
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    .actions button {
      min-height: var(--kiosk-touch-min);
      font-size: 20px;
      padding: 4px 18px;
    }
    .figures {
      margin: 12px 0;
    }
    section {
      background: var(--kiosk-surface);
      border: 2px solid var(--kiosk-border);
      border-radius: var(--kiosk-radius);
      padding: 12px 14px;
      margin-bottom: 12px;
      break-inside: avoid;
    }
    section h3 {
      margin: 0 0 8px;
      font-size: 22px;
    }
    .grid {
      display: grid;
      /* Two columns where they fit (1920×1080), one at 800×480. */
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr));
      gap: 12px;
    }
    .bands {
      display: grid;
      gap: 8px;
      margin-top: 8px;
      font-size: var(--kiosk-font-small);
    }
    .bands input {
      font: inherit;
      min-height: var(--kiosk-touch-min);
      padding: 0 10px;
      width: 100%;
    }
    .bands .row {
      display: flex;
      gap: 8px;
    }
    .bands button {
      min-height: var(--kiosk-touch-min);
      padding: 0 18px;
    }
    .bands .error {
      color: var(--kiosk-error);
      font-weight: 600;
    }
    .note {
      color: var(--kiosk-text-muted);
      font-size: 16px;
      margin: 4px 0 0;
    }
    .refused {
      max-width: 640px;
      margin: 48px auto;
      text-align: center;
      font-size: var(--kiosk-font-body);
    }
    .refused button {
      min-height: var(--kiosk-touch);
      font-size: 22px;
      margin-top: 16px;
      padding: 4px 24px;
    }
    .period-line {
      font-size: 18px;
      color: var(--kiosk-text-muted);
    }
    @media print {
      :host {
        height: auto;
        overflow: visible;
        background: #fff;
        padding: 0;
      }
      .actions,
      kiosk-report-period {
        display: none;
      }
      section {
        border-color: #999;
      }
    }
  `,
];
