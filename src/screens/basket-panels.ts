/**
 * The cards and buttons of a basket screen's side column (sell, receive), as
 * templates: the screen passes what they show and whether they wait.
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { basketItemCount, basketTotalCents, type Basket } from '../domain/basket.ts';
import { formatCents } from '../domain/product.ts';
import { formattingLocale } from '../localization.ts';
import { itemsText } from '../wording/stock-text.ts';

/** The basket's total card: `label`, the item count and the sum, then `more`. */
export function basketTotalCard(basket: Basket | undefined, label: string, more: unknown = nothing) {
  const total = basket ? basketTotalCents(basket) : 0;
  return html`<div class="card total" data-panel="total">
    <div class="label"><span>${label}</span><span>${itemsText(basket ? basketItemCount(basket) : 0)}</span></div>
    <div class="sum" data-total=${total}>${formatCents(total, formattingLocale())}</div>
    ${more}
  </div>`;
}

/** The main action at the foot of the side column (结账, 完成入库): `text`, or `closingText` while closing runs. */
export function closeButton(text: string, closingText: string, state: { disabled: boolean; closing: boolean }, close: () => void) {
  return html`<button type="button" name="close" class="close" data-main-action ?disabled=${state.disabled} @click=${close}>
    ${state.closing ? closingText : text}
  </button>`;
}

/** A panel's two answers, side by side: the one that acts, and 返回; both wait while a write runs. */
export function panelAnswers(
  yes: { name: string; tone: 'danger' | 'primary'; label: string; onClick: () => unknown },
  back: { name: string; onClick: () => unknown },
  busy: boolean,
) {
  return html`<div class="actions">
    <button type="button" name=${yes.name} class=${yes.tone} ?disabled=${busy} @click=${yes.onClick}>${yes.label}</button>
    <button type="button" name=${back.name} ?disabled=${busy} @click=${back.onClick}>${msg('返回')}</button>
  </div>`;
}
