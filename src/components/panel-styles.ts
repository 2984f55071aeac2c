/**
 * A panel's look, shared by the screens (through screenStyles) and the
 * elements a screen is split into: cards, tables, a negative stock in red.
 */
import { css } from 'lit';
import { hostBlock, hostColumn, kioskBase, attentionTints } from '../styles.ts';

export const panelStyles = css`
  .card {
    background: var(--kiosk-surface);
    border-radius: var(--kiosk-radius);
    box-shadow: var(--kiosk-shadow);
    padding: 14px 18px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--kiosk-font-small);
  }
  th {
    text-align: left;
    color: var(--kiosk-text-muted);
    font-weight: 600;
    padding: 6px;
    border-bottom: 2px solid var(--kiosk-border);
  }
  td {
    padding: 8px 6px;
    border-bottom: 1px solid var(--kiosk-border);
  }
  .negative {
    color: var(--kiosk-error);
    font-weight: 700;
  }
  /* A small red tag after a figure: 负库存 (negative stock). */
  .flag {
    display: inline-block;
    margin-left: 6px;
    font-size: 14px;
    padding: 1px 6px;
    border-radius: 6px;
    color: #fff;
    background: var(--kiosk-error);
  }
  /* A step's main action, filled with the screen's mode colour (--_mode). */
  button.mode {
    background: var(--_mode);
    border-color: var(--_mode);
    color: #fff;
    font-weight: 700;
    font-size: var(--kiosk-font-body);
  }
  /* A column of cards that scrolls on its own when the screen is too short for it. */
  .scroll-column {
    min-height: 0;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
`;

/** The whole sheet of an element a screen is split into: the kiosk base, the panel look, a block host. */
export const panelPartStyles = [kioskBase, panelStyles, hostBlock];

/** The same for a part laid out as a column. */
export const panelColumnStyles = [kioskBase, panelStyles, hostColumn];

/** A fact's state in words: fine (.ok), needs the owner's eye (.warn), went wrong (.error). */
export const statusStyles = [
  css`
    .ok,
    .warn,
    .error {
      font-weight: 700;
    }
    /* What asks for attention stands on its own tint. */
    .warn,
    .error {
      border-radius: var(--kiosk-radius-small);
      padding: 6px 10px;
    }
    .ok {
      color: var(--kiosk-ok);
    }
  `,
  attentionTints,
];

/** A check's outcome in words (the delivery note against the list, the price-tag audit): bold, green when it came out right (.ok), red when not (.off). */
export const verdictStyles = css`
  .verdict {
    font-weight: 700;
  }
  .verdict.ok {
    color: var(--kiosk-ok);
  }
  .verdict.off {
    color: var(--kiosk-error);
  }
`;
