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
    kiosk-top-bar {
      flex: none;
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
    @media (max-height: 700px) {
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
      kiosk-top-bar,
      kiosk-mode-bar,
      .banners {
        display: none;
      }
    }
  `,
];
