/** What the collector's pages share: page frame, tables, messages. */
import { css } from 'lit';

export const fleetStyles = css`
  :host {
    display: block;
    padding: 16px;
    max-width: 1280px;
    margin: 0 auto;
  }
  h1 {
    font-size: 1.4rem;
    margin: 0 0 8px;
  }
  h2 {
    font-size: 1.1rem;
    margin: 24px 0 8px;
  }
  small,
  .muted {
    color: #64748b;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    background: white;
  }
  th,
  td {
    border-bottom: 1px solid #e2e8f0;
    padding: 4px 8px;
    text-align: left;
    vertical-align: top;
  }
  th {
    font-weight: 600;
    font-size: 0.85rem;
    background: #f1f5f9;
  }
  td.n {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .warn {
    color: #b91c1c;
    font-weight: 600;
  }
  .error {
    color: #b91c1c;
    padding: 8px 0;
  }
  a {
    color: #0e7490;
  }
  button,
  select,
  input {
    font: inherit;
    padding: 4px 8px;
  }
`;

/** The forms reps fill in at the shop, on a phone or tablet: big targets, one field a line. */
export const touchFormStyles = css`
  form.touch {
    display: grid;
    gap: 16px;
    max-width: 640px;
  }
  form.touch label {
    display: grid;
    gap: 4px;
    font-size: 1.05rem;
  }
  form.touch input,
  form.touch select,
  form.touch textarea,
  form.touch button,
  .touch-button {
    min-height: 48px;
    font-size: 1.1rem;
    padding: 8px 12px;
    box-sizing: border-box;
  }
  form.touch button[type='submit'] {
    background: #0e7490;
    color: white;
    border: none;
    border-radius: 6px;
  }
  form.touch button[disabled] {
    opacity: 0.6;
  }
  .ok {
    color: #15803d;
    font-weight: 600;
    padding: 8px 0;
  }
  nav.pages {
    display: flex;
    gap: 16px;
    flex-wrap: wrap;
    margin: 0 0 12px;
  }
`;
