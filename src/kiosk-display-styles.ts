/**
 * The customer display's styles (<kiosk-display-app>): the loop, the product
 * card, the sale and the thanks. Kept apart so the element's file is its logic.
 */
import { css } from 'lit';

export const displayAppStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    box-sizing: border-box;
    background: #14213d;
    color: #fff;
    font-family: 'Noto Sans CJK SC', 'Noto Sans SC', system-ui, sans-serif;
    user-select: none;
    -webkit-user-select: none;
    overflow: hidden;
    /* One size scale from the screen: the same layout at 800×480 and 1920×1080. */
    font-size: clamp(14px, 2.2vmin, 40px);
  }
  main {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    justify-content: center;
    padding: 3vmin 5vmin;
    gap: 2vmin;
  }
  .kicker {
    font-size: 1.3em;
    color: #fca311;
    letter-spacing: 0.1em;
  }
  .name {
    font-size: 3.2em;
    font-weight: 700;
    line-height: 1.15;
    overflow-wrap: anywhere;
  }
  .meta {
    font-size: 1.5em;
    color: #e5e5e5;
  }
  .price {
    font-size: 3em;
    font-weight: 700;
    color: #fca311;
    font-variant-numeric: tabular-nums;
  }
  .dots {
    display: flex;
    gap: 0.6em;
  }
  .dots span {
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    background: #ffffff55;
  }
  .dots span[data-on] {
    background: #fca311;
  }
  /* The card gives way when the screen is short (a long name, a long story): its
     text is cut at the bottom, never the customer's buttons below it. */
  .showcase {
    display: flex;
    gap: 4vmin;
    align-items: safe center;
    min-height: 0;
    flex: 0 1 auto;
    overflow: hidden;
  }
  .picture {
    flex: none;
    width: 38vmin;
    height: 38vmin;
    border-radius: 1vmin;
    background: #ffffff12;
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
  }
  .picture img {
    max-width: 100%;
    max-height: 100%;
    object-fit: contain;
    -webkit-user-drag: none;
  }
  .text {
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 1vmin;
  }
  .specs {
    font-size: 1.2em;
    color: #e5e5e5;
  }
  .story {
    margin: 0;
    font-size: 1.2em;
    line-height: 1.5;
    color: #f1f1f1;
    white-space: pre-line;
    display: -webkit-box;
    -webkit-line-clamp: 4;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .same-brand {
    display: flex;
    flex-wrap: wrap;
    gap: 1vmin 2vmin;
    font-size: 1.2em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .same-brand li {
    background: #ffffff1a;
    border-radius: 0.4em;
    padding: 0.3em 0.7em;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 1.5em;
  }
  td {
    padding: 0.3em 0.2em;
    border-bottom: 1px solid #ffffff33;
  }
  td.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .lines {
    flex: 1;
    min-height: 0;
    overflow: hidden;
  }
  .total {
    display: flex;
    justify-content: space-between;
    font-size: 2.6em;
    font-weight: 700;
    color: #fca311;
  }
  .thanks {
    font-size: 5em;
    font-weight: 700;
    text-align: center;
  }
  .feedback {
    flex: none;
    --kiosk-feedback-color: #fff;
  }
  /* A customer answering what was wrong, or the NPS question: the loop steps aside
     and the question has the screen (its buttons and 完成 stay above the law's footer). */
  main:has(kiosk-feedback-faces:is([data-step='complaint'], [data-step='nps'])) :is(.kicker, .showcase, .dots) {
    display: none;
  }
  /* The Pi's 7" display (800×480) and 1024×600: smaller faces and a shorter story. */
  @media (max-height: 640px) {
    .feedback {
      --kiosk-feedback-face-size: 92px;
      --kiosk-feedback-mark-size: 40px;
      --kiosk-feedback-choice-size: 72px;
      --kiosk-feedback-gap: 8px;
    }
    .story {
      -webkit-line-clamp: 2;
    }
  }
  @media (max-height: 520px) {
    main {
      gap: 1vmin;
    }
    .feedback {
      --kiosk-feedback-title-size: 22px;
    }
    .story {
      -webkit-line-clamp: 1;
    }
    .showcase .name {
      font-size: 2.8em;
    }
    .showcase .price {
      font-size: 2.6em;
    }
  }
  footer {
    flex: none;
    background: #000;
    color: #fff;
    padding: 1vmin 5vmin;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.3em 3em;
    font-size: 1.5em;
    font-weight: 700;
  }
  footer small {
    width: 100%;
    text-align: center;
    font-size: 0.6em;
    font-weight: 400;
    color: #ccc;
  }
`;
