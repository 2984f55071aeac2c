/**
 * What every mode screen looks like, in one place: the screen fills the space
 * under the mode bar as a column, its panels are cards, its tables read the
 * same, and a negative stock is red everywhere. A screen adds only what is its
 * own (its mode colour in --_mode, its layout).
 */
import { css } from 'lit';
import { panelStyles } from '../components/panel-styles.ts';

export const screenStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: var(--kiosk-gap);
    min-height: 0;
    background: var(--kiosk-bg);
  }
  ${panelStyles}
`;

/** A panel over the whole app (数据安全, 店员): fixed, scrolling, its title row on top. */
export const overlayPanelStyles = css`
  :host {
    position: fixed;
    inset: 0;
    z-index: 90;
    overflow: auto;
  }
  .top {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
  }
  h2 {
    margin: 0;
    flex: 1;
  }
  button {
    min-height: var(--kiosk-touch);
  }
`;

/** Notices on top, then the screen's main column beside a side column --side-width wide, and the prompt before the first scan (counter, sell, receive). */
export const mainAndSideStyles = css`
  .notices {
    flex: none;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .row {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr) var(--side-width);
    gap: var(--kiosk-gap);
  }
  /* Before the first scan: the screen's prompt, centred in the main column. */
  .idle {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    text-align: center;
    color: var(--kiosk-text-muted);
  }
`;

/** A row of tabs over a screen's body (商品, 公告板): the chosen one filled with the accent. */
export const tabStyles = css`
  .tabs {
    display: flex;
    gap: 8px;
  }
  .tabs button {
    font-size: var(--kiosk-tab-font-size, inherit);
  }
  .tabs button[aria-selected='true'] {
    background: var(--kiosk-accent);
    border-color: var(--kiosk-accent);
    color: var(--kiosk-on-accent);
    font-weight: 700;
  }
  /* Short screens (the Pi's 800×480): slim tabs, so what the tab shows keeps its room. */
  @media (max-height: 700px) {
    .tabs button {
      min-height: 44px;
      padding: 0 12px;
      font-size: 16px;
    }
  }
`;
