/**
 * The order list (订货单): one line per product with its stock, the forecast,
 * the cartons to order and the one-line reason, the owner's own numbers marked.
 * A tap selects a line; the screen shows its numbers beside the list.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { chipStyles, kioskBase } from '../styles.ts';
import { lineListStyles } from './line-list-styles.ts';
import { formatStock } from '../domain/units.ts';
import { orderUnitOf, type OrderRow } from '../domain/reorder/order-rows.ts';
import { flagText, reasonLine, unitsText } from '../wording/reorder-text.ts';
import { getLocale } from '../localization.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskOrderLineSelectEvent extends kioskEvent<string>()('kiosk-order-line-select') {}

@customElement('kiosk-order-lines')
@localized()
export class KioskOrderLines extends LitElement {
  @property({ attribute: false }) rows: readonly OrderRow[] = [];
  /** The code of the line whose numbers are open. */
  @property() selected?: string | undefined;

  static override styles = [
    kioskBase,
    chipStyles,
    lineListStyles,
    css`
      :host {
        --line-columns: minmax(0, 2.2fr) 1fr 1fr 1fr;
      }
      .head,
      button.line {
        gap: 4px 10px;
        padding: 8px 12px;
      }
      .head {
        background: var(--kiosk-surface-sunken);
        font-size: 16px;
      }
      button.line {
        min-height: var(--kiosk-touch);
        border: none;
        border-bottom: 1px solid var(--kiosk-border);
        border-radius: 0;
        background: transparent;
      }
      button.line[aria-pressed='true'] {
        background: var(--kiosk-mode-order-soft);
      }
      .name {
        font-size: 20px;
        font-weight: 700;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .qty {
        font-size: 24px;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
        color: var(--kiosk-mode-order);
      }
      .qty.zero {
        color: var(--kiosk-text-muted);
        font-weight: 400;
      }
      .owner {
        font-size: 14px;
        color: var(--kiosk-warn);
        font-weight: 700;
        display: block;
      }
      .reason {
        grid-column: 1 / -1;
        font-size: 16px;
        color: var(--kiosk-text-muted);
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
      }
    `,
  ];

  /** Bring a line into view (after a scan jumped to it). */
  async reveal(code: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector(`button.line[data-code="${CSS.escape(code)}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const locale = getLocale() === 'en' ? 'en' : 'zh-Hans';
    return html`<div role="list" aria-label=${msg('订货建议')}>
      <div class="head" aria-hidden="true">
        <span>${msg('商品')}</span><span>${msg('库存')}</span><span>${msg('预测销量')}</span><span>${msg('建议订')}</span>
      </div>
      ${this.rows.map(({ suggestion: s, product: p, line }) => {
        const unit = orderUnitOf(p);
        return html`<button
          type="button"
          class="line"
          role="listitem"
          data-code=${p.code}
          data-units=${line.units}
          data-suggested=${s.units}
          ?data-owner=${line.ownerEdited}
          aria-pressed=${this.selected === p.code ? 'true' : 'false'}
          @click=${() => this.dispatchEvent(new KioskOrderLineSelectEvent(p.code))}
        >
          <span class="name">${p.name ?? p.code}</span>
          <span class="stock">${formatStock(p.stock, unit, locale)}</span>
          <span class="forecast">${formatStock(Math.round(s.forecast), unit, locale)}</span>
          <span class="qty ${line.units === 0 ? 'zero' : ''}">
            ${unitsText(line.units, unit)}
            ${line.ownerEdited ? html`<span class="owner">${msg(str`店主改（建议 ${s.units}）`)}</span>` : nothing}
          </span>
          <span class="reason">
            ${s.flags.map((f) => html`<span class="chip ${f === 'negative-stock' || f === 'count-before-ordering' ? 'bad' : ''}" data-flag=${f}>${flagText(f)}</span>`)}
            <span data-reason>${reasonLine(s.reasons, unit)}</span>
          </span>
        </button>`;
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-order-lines': KioskOrderLines;
  }
  interface HTMLElementEventMap {
    'kiosk-order-line-select': KioskOrderLineSelectEvent;
  }
}
