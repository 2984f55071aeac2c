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
