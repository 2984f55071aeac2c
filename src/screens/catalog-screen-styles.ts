/**
 * The 商品 screen's own styles (<kiosk-catalog-screen>); what its tabs share is components/catalog-styles.ts.
 */
import { css } from 'lit';
import { fileButtonStyles, kioskBase, progressBarStyles } from '../styles.ts';
import { screenStyles, tabStyles } from './screen-styles.ts';
import { catalogStyles } from '../components/catalog-styles.ts';

export const catalogScreenStyles = [
  kioskBase,
  screenStyles,
  catalogStyles,
  tabStyles,
  fileButtonStyles,
  progressBarStyles,
  css`
    :host {
      --kiosk-tab-font-size: var(--kiosk-font-body);
    }
    .body {
      flex: 1;
    }
    label.file {
      background: var(--kiosk-accent);
      border-color: var(--kiosk-accent);
      color: var(--kiosk-on-accent);
      font-weight: 700;
      font-size: var(--kiosk-font-body);
    }
    .usb li button {
      width: 100%;
      text-align: left;
      display: flex;
      justify-content: space-between;
      gap: 12px;
      font-size: var(--kiosk-font-small);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .bar {
      margin: 8px 0;
    }
    .bar > div {
      background: var(--kiosk-accent);
    }
    .overlay {
      position: fixed;
      inset: 0;
      z-index: 100;
      display: flex;
      align-items: flex-start;
      justify-content: center;
      padding: 16px;
      overflow-y: auto;
      background: rgb(15 23 42 / 0.45);
    }
    .overlay kiosk-product-editor {
      flex: 1;
      max-width: 1000px;
    }
  `,
];
