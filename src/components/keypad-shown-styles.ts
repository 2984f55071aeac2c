/**
 * The big framed line above a keypad that shows what has been typed so far
 * (the order quantity being edited, the delivery-note total). The frame takes
 * the colour of the mode; an element sets it and, if needed, the sizes through
 * the custom properties below.
 */
import { css } from 'lit';

export const keypadShownStyles = css`
  .shown {
    height: var(--keypad-shown-height, 56px);
    display: flex;
    align-items: center;
    padding: 0 16px;
    border: 3px solid var(--keypad-shown-colour);
    border-radius: var(--kiosk-radius-small);
    background: var(--keypad-shown-background, transparent);
    font-size: var(--keypad-shown-font-size, 32px);
    font-weight: 700;
    font-variant-numeric: var(--keypad-shown-numeric, normal);
  }
`;
