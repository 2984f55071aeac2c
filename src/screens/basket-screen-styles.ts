/**
 * What the sell and receive screens share on screen (KioskBasketScreen.sharedStyles).
 */
import { css } from 'lit';
import { kioskBase, layoutRootFrame } from '../styles.ts';
import { mainAndSideStyles } from './screen-styles.ts';

export const basketScreenStyles = [
  kioskBase,
  mainAndSideStyles,
  layoutRootFrame,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 10px;
      padding: 12px var(--kiosk-gap);
      min-height: 0;
      background: var(--kiosk-bg);
      --side-width: 330px;
    }
    .row.editing {
      grid-template-columns: minmax(0, 1fr) 440px;
    }
    .row.wide {
      grid-template-columns: minmax(0, 1fr);
      overflow-y: auto;
    }
    .main {
      min-height: 0;
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    kiosk-basket-lines {
      flex: 1;
      min-height: 0;
    }
    .toolbar {
      flex: none;
      display: flex;
      gap: 10px;
      justify-content: flex-end;
    }
    .toolbar button {
      font-size: 20px;
      min-height: 56px;
    }
    .side {
      min-height: 0;
      position: relative;
    }
    .side > .frame {
      display: flex;
      flex-direction: column;
      gap: 10px;
      overflow-y: auto;
    }
    .card {
      background: var(--kiosk-surface);
      border-radius: var(--kiosk-radius);
      box-shadow: var(--kiosk-shadow);
      padding: 12px 16px;
    }
    .idle {
      gap: 12px;
      font-size: var(--kiosk-font-body);
    }
    .idle .prompt {
      font-size: 36px;
      font-weight: 700;
      color: var(--kiosk-text);
    }
    .confirm {
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .confirm .question {
      font-size: var(--kiosk-font-body);
      font-weight: 700;
      line-height: 1.4;
    }
    .confirm button {
      font-size: 22px;
    }
    .confirm .actions {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px;
    }
    button.danger {
      background: var(--kiosk-error);
      border-color: var(--kiosk-error);
      color: #fff;
      font-weight: 700;
    }
    .neg {
      color: var(--kiosk-error);
      font-weight: 700;
    }
    /* Short screens (800×480, 1024×600): tighter cards, the basket list takes what is left. */
    @media (max-height: 700px) {
      :host {
        gap: 6px;
        padding: 6px var(--kiosk-gap);
      }
      .card {
        padding: 8px 12px;
      }
      .side > .frame {
        gap: 6px;
      }
      .idle .prompt {
        font-size: 28px;
      }
    }
    .tag-neg {
      display: inline-block;
      margin-left: 6px;
      padding: 0 8px;
      border-radius: 6px;
      background: var(--kiosk-error);
      color: #fff;
      font-size: 16px;
      font-weight: 700;
      line-height: 24px;
      vertical-align: middle;
    }
    /* The mode's colour comes from each screen's :host (--basket-mode); the sizes are the sell screen's unless a screen sets its own. */
    .total {
      border-top: 6px solid var(--basket-mode);
    }
    .total .label,
    .note .label {
      font-size: var(--kiosk-font-small);
      color: var(--kiosk-text-muted);
      display: flex;
      justify-content: space-between;
    }
    .total .sum {
      font-size: var(--basket-sum-size, 56px);
      font-weight: 800;
      color: var(--basket-mode);
      font-variant-numeric: tabular-nums;
    }
    button.close {
      /* Always in view at the bottom of the side column, however short the screen. */
      position: sticky;
      bottom: 0;
      z-index: 1;
      min-height: var(--basket-close-height, 76px);
      font-size: var(--basket-close-font, 32px);
      font-weight: 800;
      background: var(--basket-mode);
      border-color: var(--basket-mode);
      color: var(--kiosk-on-mode);
    }
    .closed {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: var(--basket-closed-gap, 6px);
      text-align: center;
      border: 4px solid var(--basket-mode);
    }
    .closed .done {
      font-size: 40px;
      font-weight: 800;
      color: var(--basket-mode);
    }
    .closed .sum {
      font-size: var(--basket-closed-sum-size, 72px);
      font-weight: 800;
      font-variant-numeric: tabular-nums;
    }
    .closed .next {
      font-size: var(--kiosk-font-body);
      color: var(--kiosk-text-muted);
    }
    @media (max-height: 700px) {
      .total .sum {
        font-size: 40px;
      }
      button.close {
        min-height: 60px;
        font-size: 28px;
      }
    }
  `,
];
