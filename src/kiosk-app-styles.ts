/**
 * The counter page's shell (<kiosk-app>): top bar, mode bar, banners, the mode's screen, customer mode, small screens and print.
 */
import { css } from 'lit';
import { kioskBase } from './styles.ts';

export const kioskAppStyles = [
  kioskBase,
  css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: var(--kiosk-bg);
      overflow: hidden;
      touch-action: manipulation;
    }
    header {
      flex: none;
      display: flex;
      align-items: center;
      gap: 16px;
      min-height: 68px;
      padding: 8px var(--kiosk-gap);
      background: var(--kiosk-surface);
      border-bottom: 1px solid var(--kiosk-border);
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 12px;
      flex: none;
    }
    .logo {
      width: 36px;
      height: 36px;
      border-radius: 10px;
      background: var(--kiosk-accent);
      display: grid;
      place-items: center;
    }
    .logo span {
      display: block;
      width: 18px;
      height: 16px;
      background: repeating-linear-gradient(90deg, #fff 0 2px, transparent 2px 4px, #fff 4px 5px, transparent 5px 7px);
    }
    h1 {
      margin: 0;
      font-size: 24px;
      font-weight: 700;
      white-space: nowrap;
    }
    kiosk-scanner-status {
      flex: 1;
      min-width: 0;
    }
    .demo {
      flex: none;
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .demo-mark {
      padding: 6px 12px;
      border-radius: 999px;
      background: var(--kiosk-warn-soft);
      color: var(--kiosk-warn);
      border: 2px solid currentColor;
      font-weight: 800;
      white-space: nowrap;
    }
    .demo button {
      min-height: var(--kiosk-touch-min);
    }
    kiosk-app-banners {
      /* Its stack is the page's row under the mode bar. */
      display: contents;
    }
    .banners {
      flex: none;
      gap: 8px;
      padding: var(--kiosk-gap) var(--kiosk-gap) 0;
    }
    kiosk-mode-bar {
      flex: none;
    }
    button[name='customer-mode'] {
      flex: none;
      min-height: var(--kiosk-touch-min);
      padding: 0 12px;
      white-space: nowrap;
    }
    .customer-mode {
      position: fixed;
      inset: 0;
      /* Under the PIN pad (z-index 100), which asks for the owner to leave. */
      z-index: 90;
    }
    .customer-mode kiosk-display-app {
      height: 100%;
    }
    button[name='leave-customer-mode'] {
      position: absolute;
      top: 0;
      right: 0;
      min-width: var(--kiosk-touch-min);
      min-height: var(--kiosk-touch-min);
      background: transparent;
      border: none;
      color: #ffffff66;
      font-size: 14px;
    }
    [data-mode-screen] {
      flex: 1;
      min-height: 0;
    }
    /* The counter's small screens (the Pi's 7" display is 800×480): one slim
       top bar, the mode bar without its second line, banners that never take
       more than a third of the height, so each mode's main actions stay in view. */
    @media (max-width: 1100px) {
      h1 {
        display: none;
      }
      header {
        gap: 10px;
      }
      .demo-mark {
        padding: 4px 8px;
        font-size: var(--kiosk-font-small);
      }
    }
    @media (max-width: 900px) {
      header {
        gap: 6px;
      }
      /* The scanner's state keeps its words; the other parts of the bar give way. */
      kiosk-scanner-status {
        flex: 0 0 auto;
      }
      .demo-mark {
        padding: 2px 6px;
        font-size: 14px;
      }
      header button {
        padding: 0 10px;
        font-size: 15px;
      }
    }
    @media (max-height: 700px) {
      header {
        min-height: 52px;
        padding: 4px var(--kiosk-gap);
      }
      .banners {
        max-height: 33vh;
        overflow-y: auto;
        padding-top: 8px;
        gap: 6px;
      }
      .banners button {
        min-height: 44px;
        padding: 0 12px;
        font-size: 16px;
      }
    }
    /* Printing (the order page): only the screen, on paper, at full length. */
    @media print {
      :host {
        display: block;
        height: auto;
        overflow: visible;
        background: #fff;
      }
      header,
      kiosk-mode-bar,
      .banners {
        display: none;
      }
    }
  `,
];
