/**
 * Register a product the shop has never scanned: name, price, pack or carton,
 * and what is on the shelf now. Price and stock are typed on the big keypad
 * (the counter has no keyboard); the name field is a normal input for an
 * attached keyboard or the system's on-screen one.
 */
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import {
  parsePriceToCents,
  validateNewProduct,
  type Product,
  type ProductErrors,
  type ProductField,
  type StockUnit,
} from '../domain/product.ts';
import { ProductExistsError, ProductValidationError } from '../domain/errors.ts';
import { requireData, type KioskData } from '../context.ts';
import { kioskBase } from '../styles.ts';
import { keypadFormStyles } from './keypad-form-styles.ts';
import { nextCountText, nextPriceText } from '../domain/keypad.ts';
import { fieldErrorText } from '../wording/field-text.ts';
import { unitText } from '../wording/stock-text.ts';
import { registerFailureText } from '../wording/product-edit-text.ts';
import type { KioskKeypadPressEvent } from './kiosk-keypad.ts';
import './kiosk-keypad.ts';
import { keypadEntry, keypadFormHeader, saveCancelActions, typedCount, typedPrice } from './keypad-entry.ts';
import { FormSaveController } from './form-save-controller.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskProductRegisteredEvent extends kioskEvent<Product>()('kiosk-product-registered') {}

export class KioskRegisterCancelledEvent extends kioskEvent<string>()('kiosk-register-cancelled') {}

type KeypadField = 'price' | 'stock';

@customElement('kiosk-register-form')
@localized()
export class KioskRegisterForm extends LitElement {
  /** The product key from the scan (GTIN-14 or cleaned text). */
  @property() code = '';
  /** The shop's data (the screen passes src/data/kiosk-data.ts; tests a fake). */
  @property({ attribute: false }) data?: KioskData;
  /** Name and price to start from (a product the supplier's board promotes); the owner checks and saves. */
  @property({ attribute: false }) suggested?: { name: string; priceCents: number } | undefined;

  @state() private _name = '';
  @state() private _priceText = '';
  @state() private _stockText = '';
  @state() private _unit: StockUnit = 'pack';
  @state() private _active: KeypadField = 'price';
  @state() private _errors: ProductErrors = {};
  @state() private _failure: 'exists' | 'storage' | undefined;

  @query('input[name="name"]') private _nameInput?: HTMLInputElement;

  /** The save's state: the fields and buttons lock while it runs and once it has landed. */
  private readonly _saveFlow = new FormSaveController(this);

  static override styles = [
    kioskBase,
    keypadFormStyles,
    css`
      :host {
        /* Fits 1024×600 under the top bar and one banner. */
        --_field-height: 56px;
      }
      .fields {
        grid-template-columns: auto 1fr;
        column-gap: 16px;
      }
    `,
  ];

  /** True once the owner has typed anything: a new scan must not throw it away. */
  get dirty(): boolean {
    return !this._saveFlow.saved && (this._name.trim() !== '' || this._priceText !== '' || this._stockText !== '');
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('code') && changed.get('code') !== undefined) this._reset();
    if ((changed.has('suggested') || changed.has('code')) && this.suggested && !this._saveFlow.saved) {
      this._name = this.suggested.name;
      // Whole cents as the keypad would type them: "25" or "25.5" style is not needed, "25.00" parses the same.
      this._priceText = `${Math.floor(this.suggested.priceCents / 100)}.${String(this.suggested.priceCents % 100).padStart(2, '0')}`;
      this._active = 'stock';
    }
  }

  override render() {
    const busy = this._saveFlow.busy;
    return html`
      ${keypadFormHeader(msg('登记新商品'), this.code)}
      <div class="layout">
        <div class="fields">
          <label for="name">${msg('名称')}</label>
          <div class="control">
            <input
              id="name"
              name="name"
              autocomplete="off"
              enterkeyhint="next"
              placeholder=${msg('例如：中华（软）')}
              .value=${this._name}
              aria-invalid=${this._errors.name ? 'true' : 'false'}
              aria-describedby="name-error"
              ?disabled=${busy}
              @input=${(e: Event) => this._onName(e)}
            />
            <div class="error" id="name-error" role="alert">${this._errorText('name')}</div>
          </div>

          ${keypadEntry({
            name: 'price',
            label: msg('价格'),
            placeholder: msg('元，用右边的数字键输入'),
            text: this._priceText,
            filled: typedPrice(this._priceText),
            active: this._active === 'price',
            invalid: this._errors.priceCents !== undefined,
            disabled: busy,
            error: this._errorText('priceCents'),
            onActivate: () => (this._active = 'price'),
          })}

          <span class="label" id="unit-label">${msg('单位')}</span>
          <div class="control">
            <div class="choice" role="group" aria-labelledby="unit-label">
              ${this._unitButton('pack', msg('盒'))} ${this._unitButton('carton', msg('条'))}
            </div>
            <div class="error" role="alert">${this._errorText('unit')}</div>
          </div>

          ${keypadEntry({
            name: 'stock',
            label: msg('现有库存'),
            placeholder: msg('可不填，默认 0'),
            text: this._stockText,
            filled: typedCount(this._stockText, unitText(this._unit, Number(this._stockText || 0))),
            active: this._active === 'stock',
            invalid: this._errors.openingStock !== undefined,
            disabled: busy,
            error: this._errorText('openingStock'),
            onActivate: () => (this._active = 'stock'),
          })}
        </div>

        <div class="side">
          <kiosk-keypad
            ?decimal=${this._active === 'price'}
            ?disabled=${busy}
            @kiosk-keypad-press=${(e: KioskKeypadPressEvent) => this._onKey(e)}
          ></kiosk-keypad>
          ${this._failure ? html`<div class="failure" role="alert">${registerFailureText(this._failure)}</div>` : nothing}
          ${this._errors.code ? html`<div class="failure" role="alert">${this._errorText('code')}</div>` : nothing}
          ${saveCancelActions(this._saveFlow, this._cancel, this._save)}
        </div>
      </div>
    `;
  }

  private _unitButton(unit: StockUnit, label: string) {
    return html`<button
      type="button"
      name=${`unit-${unit}`}
      aria-pressed=${this._unit === unit ? 'true' : 'false'}
      ?disabled=${this._saveFlow.busy}
      @click=${() => (this._unit = unit)}
    >
      ${label}
    </button>`;
  }

  private _onName(e: Event) {
    this._name = (e.target as HTMLInputElement).value;
    if (this._errors.name) this._errors = { ...this._errors, name: undefined };
  }

  private _onKey(e: KioskKeypadPressEvent) {
    const field = this._active;
    const before = field === 'price' ? this._priceText : this._stockText;
    const after = field === 'price' ? nextPriceText(before, e.detail) : nextCountText(before, e.detail);
    if (field === 'price') {
      this._priceText = after;
      if (this._errors.priceCents) this._errors = { ...this._errors, priceCents: undefined };
    } else {
      this._stockText = after;
      if (this._errors.openingStock) this._errors = { ...this._errors, openingStock: undefined };
    }
  }

  private _save = async () => {
    if (this._saveFlow.busy) return;
    this._failure = undefined;
    const priceCents = this._priceText === '' ? undefined : (parsePriceToCents(this._priceText) ?? Number.NaN);
    const openingStock = this._stockText === '' ? undefined : Number(this._stockText);
    // The input may hold text the @input handler has not seen (IME composition).
    const name = this._nameInput?.value ?? this._name;
    const input = { code: this.code, name, priceCents, unit: this._unit, openingStock };
    const validation = validateNewProduct(input);
    if (!validation.ok) {
      this._errors = validation.errors;
      return;
    }
    this._errors = {};
    await this._saveFlow.run(
      () => requireData(this.data, this.localName).registerProduct(validation.product),
      (product) => this.dispatchEvent(new KioskProductRegisteredEvent(product)),
      (error) => {
        if (error instanceof ProductValidationError) this._errors = error.errors;
        else if (error instanceof ProductExistsError) this._failure = 'exists';
        else {
          console.error('registerProduct failed', error);
          this._failure = 'storage';
        }
      },
    );
  };

  private _cancel = () => {
    this.dispatchEvent(new KioskRegisterCancelledEvent(this.code));
  };

  private _reset() {
    this._name = '';
    this._priceText = '';
    this._stockText = '';
    this._unit = 'pack';
    this._active = 'price';
    this._errors = {};
    this._failure = undefined;
    this._saveFlow.reset();
  }

  private _errorText(field: ProductField): string {
    const error = this._errors[field];
    return error === undefined ? '' : fieldErrorText(field, error);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-register-form': KioskRegisterForm;
  }
  interface HTMLElementEventMap {
    'kiosk-product-registered': KioskProductRegisteredEvent;
    'kiosk-register-cancelled': KioskRegisterCancelledEvent;
  }
}
