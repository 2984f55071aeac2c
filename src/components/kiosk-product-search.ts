/**
 * Find a product by name, brand or barcode digits when there is nothing to
 * scan (a torn label, a loose pack): type, tap the product. The screen says
 * where to look (`search`, e.g. the catalog) and what a pick does.
 *
 * Results are a Task of the typed text, so a slow answer to "中" never
 * replaces the answer to "中华" that came back first.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { Task } from '@lit/task';
import { kioskBase, textBoxStyles, hostBlock } from '../styles.ts';
import type { Product } from '../domain/product.ts';
import { productStockText } from '../wording/stock-text.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskProductPickedEvent extends kioskEvent<Product>()('kiosk-product-picked') {}

@customElement('kiosk-product-search')
@localized()
export class KioskProductSearch extends LitElement {
  /** Products matching the typed text, best first. */
  @property({ attribute: false }) search: (text: string) => Promise<Product[]> = async () => [];
  /** The hint in the empty box. */
  @property() placeholder = '';

  @state() private _text = '';

  private _found = new Task(this, {
    task: async ([text, search]) => (text.trim() === '' ? [] : search(text.trim())),
    args: () => [this._text, this.search] as const,
  });

  static override styles = [
    kioskBase,
    hostBlock,
    textBoxStyles,
    css`
      input {
        width: 100%;
      }
      ul {
        list-style: none;
        margin: 8px 0 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      li button {
        width: 100%;
        text-align: left;
        font-size: var(--kiosk-font-small);
      }
      .note {
        margin: 8px 0 0;
        color: var(--kiosk-text-muted);
      }
    `,
  ];

  /** Empty the box (after the picked product has been dealt with). */
  clear(): void {
    this._text = '';
  }

  override render() {
    return html`<input
        class="text-box"
        name="search"
        placeholder=${this.placeholder || msg('没有条码？输入名称查找商品')}
        .value=${this._text}
        @input=${(e: Event) => (this._text = (e.target as HTMLInputElement).value)}
      />
      ${this._found.render({
        complete: (found) => this._renderFound(found),
        // While the next answer is on its way the last one stays: no flicker between keystrokes.
        pending: () => this._renderFound(this._found.value ?? []),
        error: (error) => {
          console.warn('product search failed', error);
          return html`<p class="note" role="alert" data-state="error">${msg('查找时出错。请再输入一次；还不行请重启终端。')}</p>`;
        },
      })}`;
  }

  private _renderFound(found: readonly Product[]) {
    if (found.length === 0) {
      return this._text.trim() === ''
        ? nothing
        : html`<p class="note" data-state="none">${msg('没有找到。换个字试试，或在“商品”里登记。')}</p>`;
    }
    return html`<ul>
      ${found.map(
        (p) => html`<li>
          <button type="button" name="pick" data-code=${p.code} @click=${() => this.dispatchEvent(new KioskProductPickedEvent(p))}>
            ${p.name} · ${productStockText(p.stock, p)}
          </button>
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-product-search': KioskProductSearch;
  }
  interface HTMLElementEventMap {
    'kiosk-product-picked': KioskProductPickedEvent;
  }
}
