/**
 * Edit a product the shop already has: name, retail and cost price, carton size,
 * carton barcode and price, brand, category, the new-product flag, and what
 * ordering needs: the supplier's minimum order (起订量, in order units: cartons,
 * or packs for a product without a carton size) and discontinued (停售).
 *
 * Stock is shown but never edited here: it is the sum of the movements, so it
 * changes only by receiving, selling, a stocktake or an adjustment. Prices,
 * counts and the carton barcode are typed on the big keypad (the counter has
 * no keyboard); text fields are normal inputs for an attached keyboard or the
 * system's on-screen one. Owner only: without this._mayEdit() the form is
 * read-only and has no save button.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { localized, msg, str } from '@lit/localize';
import { displayCode } from '../domain/barcode.ts';
import type { Product } from '../domain/product.ts';
import { USUAL_PACKS_PER_CARTON } from '../domain/units.ts';
import { BarcodeTakenError, NotAllowedError, ProductValidationError, UnknownProductError } from '../domain/errors.ts';
import {
  ERROR_OF,
  readProductEdit,
  textsFor,
  type EditorErrors,
  type EditorField,
  type EditorTextField,
  type EditorTexts,
} from '../domain/product-edit.ts';
import { requireData, type KioskData } from '../context.ts';
import { productEditorStyles } from './product-editor-styles.ts';
import { nextCodeText, nextCountText, nextPriceText, type KeypadKey } from '../domain/keypad.ts';
import { editorErrorText, productEditFailureText, type ProductEditFailure } from '../wording/product-edit-text.ts';
import { productStockText, unitText } from '../wording/stock-text.ts';
import { orderUnitWord } from '../wording/reorder-text.ts';
import type { KioskKeypadPressEvent } from './kiosk-keypad.ts';
import './kiosk-keypad.ts';
import { keypadEntry, keypadFormHeader, saveCancelActions, typedCount, typedPrice } from './keypad-entry.ts';
import { FormSaveController } from './form-save-controller.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskProductSavedEvent extends kioskEvent<Product>()('kiosk-product-saved') {}

export class KioskProductEditCancelledEvent extends kioskEvent<string>()('kiosk-product-edit-cancelled') {}

type KeypadField = 'price' | 'cost' | 'cartonSize' | 'cartonCode' | 'cartonPrice' | 'minOrder';

/** A field typed on the keypad: its text, the error it shows, its words, and whether it may change now. */
interface EditorKeypadEntry {
  field: Exclude<KeypadField, 'cartonCode'>;
  error: EditorField;
  label: string;
  placeholder: string;
  locked: boolean;
}

type FlagField = 'isNew' | 'discontinued';

@customElement('kiosk-product-editor')
@localized()
export class KioskProductEditor extends LitElement {
  /** The product to edit, as stored (its stock is shown, never written). */
  @property({ attribute: false }) product?: Product;
  /** The shop's data (the screen passes src/data/kiosk-data.ts; tests a fake). */
  @property({ attribute: false }) data?: KioskData;

  private _data(): KioskData {
    return requireData(this.data, this.localName);
  }

  /** Owner only; without the shop's data nothing may be changed. */
  private _mayEdit(): boolean {
    return this.data?.canDo('edit-product') ?? false;
  }

  @state() private _texts: EditorTexts = textsFor({
    code: '',
    name: '',
    priceCents: 0,
    unit: 'pack',
    stock: 0,
    createdAt: 0,
    updatedAt: 0,
  });
  @state() private _active: KeypadField = 'price';
  /** The active keypad field still shows the stored value: the first key replaces it, as on a till. */
  @state() private _fresh = true;
  @state() private _errors: EditorErrors = {};
  /** Name (or code) of the product a refused carton barcode belongs to. */
  @state() private _takenBy = '';
  @state() private _failure: ProductEditFailure | undefined;

  @query('input[name="name"]') private _nameInput?: HTMLInputElement;
  @query('input[name="brand"]') private _brandInput?: HTMLInputElement;
  @query('input[name="category"]') private _categoryInput?: HTMLInputElement;
  @query('input[name="specs"]') private _specsInput?: HTMLInputElement;
  @query('textarea[name="brandStory"]') private _storyInput?: HTMLTextAreaElement;
  @query('input[name="carton-code"]') private _cartonCodeInput?: HTMLInputElement;

  /** The save's state: the fields and buttons lock while it runs and once it has landed. */
  private readonly _saveFlow = new FormSaveController(this);

  static override styles = productEditorStyles;

  /** True once the owner has changed anything: closing must not throw it away unasked. */
  get dirty(): boolean {
    if (this._saveFlow.saved || !this.product) return false;
    const stored = textsFor(this.product);
    return (Object.keys(stored) as (keyof EditorTexts)[]).some((k) => stored[k] !== this._texts[k]);
  }

  /**
   * A barcode scanned while the editor is open: it becomes the carton barcode
   * (the one barcode edited here); checked like a typed one on save.
   */
  useScannedCode(code: string): void {
    if (this._saveFlow.busy || !this._mayEdit()) return;
    this._set('cartonCode', displayCode(code));
    this._active = 'cartonCode';
    this._fresh = false;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('product')) this._reset();
  }

  override render() {
    const product = this.product;
    if (!product) return nothing;
    const allowed = this._mayEdit();
    const locked = !allowed || this._saveFlow.busy;
    const t = this._texts;
    return html`
      ${keypadFormHeader(msg('修改商品'), product.code)}
      <div class="layout">
        <div class="fields">
          ${this._textEntry('name', msg('名称'), locked, { wide: true })}

          ${this._priceEntry('price', 'priceCents', msg('零售价'), msg('每盒，元'))}
          ${this._priceEntry('cost', 'costCents', msg('成本价'), msg('可不填'))}
          ${this._countEntry('cartonSize', 'packsPerCarton', msg('每条盒数'), msg(str`可不填，香烟通常 ${USUAL_PACKS_PER_CARTON}`), msg('盒/条'), locked)}
          ${this._priceEntry('cartonPrice', 'cartonPriceCents', msg('整条价格'), msg('可不填，默认 盒数×零售价'))}

          <label for="carton-code">${msg('条包条码')}</label>
          <div class="control wide">
            <input
              id="carton-code"
              name="carton-code"
              class="keyed"
              autocomplete="off"
              inputmode="none"
              placeholder=${msg('可不填；用数字键输入或扫描整条的条码')}
              data-active=${this._active === 'cartonCode' ? 'true' : 'false'}
              .value=${t.cartonCode}
              aria-invalid=${this._errors.cartonCode ? 'true' : 'false'}
              ?disabled=${locked}
              @focus=${() => this._activate('cartonCode')}
              @click=${() => this._activate('cartonCode')}
              @input=${(e: Event) => this._set('cartonCode', (e.target as HTMLInputElement).value)}
            />
            <div class="error" role="alert" data-field="cartonCode">${this._errorText('cartonCode')}</div>
          </div>

          ${this._textEntry('brand', msg('品牌'), locked)}
          ${this._textEntry('category', msg('类别'), locked)}

          ${this._textEntry('specs', msg('规格'), locked, { placeholder: msg('例：焦油量 10mg · 20支/盒') })}
          ${this._textEntry('brandStory', msg('品牌故事'), locked, { multiline: true })}

          <span class="label" id="new-label">${msg('新品')}</span>
          <div class="control">
            <div class="choice" role="group" aria-labelledby="new-label">
              ${this._flagButton('isNew', true, msg('是'), locked)} ${this._flagButton('isNew', false, msg('否'), locked)}
            </div>
          </div>
          ${this._countEntry('minOrder', 'minOrderUnits', msg('起订量'), msg('可不填：供货商最少订几条/件'), this._orderUnitText(), locked)}
          <span class="label" id="discontinued-label">${msg('停售')}</span>
          <div class="control">
            <div class="choice" role="group" aria-labelledby="discontinued-label">
              ${this._flagButton('discontinued', true, msg('停售，不再订货'), locked)}
              ${this._flagButton('discontinued', false, msg('在售'), locked)}
            </div>
          </div>
          <span class="label">${msg('库存')}</span>
          <div class="control">
            <div class="stock">
              <strong class=${product.stock < 0 ? 'negative' : ''} data-stock=${product.stock}>${productStockText(product.stock, product)}</strong>
            </div>
          </div>
          <div class="hint wide" data-kind="stock-hint">${msg('库存只能通过入库、销售、盘点或调整改变')}</div>
        </div>

        <div class="side">
          <kiosk-keypad
            ?decimal=${this._active === 'price' || this._active === 'cost' || this._active === 'cartonPrice'}
            ?disabled=${locked}
            @kiosk-keypad-press=${(e: KioskKeypadPressEvent) => this._onKey(e.detail)}
          ></kiosk-keypad>
          ${this._failure ? html`<div class="failure" role="alert">${productEditFailureText(this._failure)}</div>` : nothing}
          ${
            allowed
              ? saveCancelActions(this._saveFlow, this._cancel, this._save)
              : html`<div class="denied" role="alert" data-kind="not-allowed">${msg('需要店主权限')}</div>
                <div class="actions">
                  <button type="button" name="cancel" @click=${this._cancel}>${msg('关闭')}</button>
                  <button type="button" name="owner-pin" class="primary" @click=${this._askOwner}>${msg('输入店主密码')}</button>
                </div>`
          }
        </div>
      </div>
    `;
  }

  /** A field typed on the keyboard: name, brand, category, specs, brand story. */
  private _textEntry(
    field: 'name' | 'brand' | 'category' | 'specs' | 'brandStory',
    label: string,
    locked: boolean,
    options: { wide?: boolean; placeholder?: string; multiline?: boolean } = {},
  ) {
    const invalid = this._errors[field] ? 'true' : 'false';
    const onInput = (e: Event) => this._set(field, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`<label for=${field}>${label}</label>
      <div class=${options.wide ? 'control wide' : 'control'}>
        ${
          options.multiline
            ? html`<textarea id=${field} name=${field} rows="3" .value=${this._texts[field]} aria-invalid=${invalid} ?disabled=${locked} @input=${onInput}></textarea>`
            : html`<input
              id=${field}
              name=${field}
              autocomplete="off"
              placeholder=${ifDefined(options.placeholder)}
              .value=${this._texts[field]}
              aria-invalid=${invalid}
              ?disabled=${locked}
              @input=${onInput}
            />`
        }
        <div class="error" role="alert" data-field=${field}>${this._errorText(field)}</div>
      </div>`;
  }

  private _priceEntry(field: 'price' | 'cost' | 'cartonPrice', error: EditorField, label: string, placeholder: string) {
    const locked = !this._mayEdit() || this._saveFlow.busy;
    return this._keypadEntry({ field, error, label, placeholder, locked }, typedPrice(this._texts[field]));
  }

  /** A whole number typed on the keypad: the carton size or the minimum order. */
  private _countEntry(
    field: 'cartonSize' | 'minOrder',
    error: EditorField,
    label: string,
    placeholder: string,
    unit: string,
    locked: boolean,
  ) {
    return this._keypadEntry({ field, error, label, placeholder, locked }, typedCount(this._texts[field], unit));
  }

  private _keypadEntry({ field, error, label, placeholder, locked }: EditorKeypadEntry, filled: TemplateResult) {
    return keypadEntry({
      name: field,
      label,
      placeholder,
      text: this._texts[field],
      filled,
      active: this._active === field,
      fresh: this._fresh,
      invalid: this._errors[error] !== undefined,
      disabled: locked,
      error: this._errorText(error),
      errorField: error,
      onActivate: () => this._activate(field),
    });
  }

  /** What one order unit is, as typed now: a carton (条) when a carton size is set, else a pack. */
  private _orderUnitText(): string {
    const size = Number(this._texts.cartonSize);
    const count = Number(this._texts.minOrder || 0);
    return Number.isInteger(size) && size > 1 ? orderUnitWord(count) : unitText('pack', count);
  }

  private _flagButton(field: FlagField, value: boolean, label: string, locked: boolean) {
    const names: Record<FlagField, string> = { isNew: 'new', discontinued: 'discontinued' };
    return html`<button
      type="button"
      name="${names[field]}-${value ? 'yes' : 'no'}"
      aria-pressed=${this._texts[field] === value ? 'true' : 'false'}
      ?disabled=${locked}
      @click=${() => (this._texts = { ...this._texts, [field]: value })}
    >
      ${label}
    </button>`;
  }

  private _activate(field: KeypadField) {
    if (this._active === field) return;
    this._active = field;
    this._fresh = true;
  }

  private _set(field: EditorTextField, value: string) {
    this._texts = { ...this._texts, [field]: value };
    const error = ERROR_OF[field];
    if (this._errors[error] !== undefined || (field === 'cartonCode' && this._errors.packsPerCarton === 'needs-size')) {
      const errors = { ...this._errors };
      delete errors[error];
      if (field === 'cartonCode' && errors.packsPerCarton === 'needs-size') delete errors.packsPerCarton;
      this._errors = errors;
    }
  }

  private _onKey(key: KeypadKey) {
    const field = this._active;
    // The carton code input may hold text typed on a keyboard that @input has not reported yet.
    const before = field === 'cartonCode' ? (this._cartonCodeInput?.value ?? this._texts.cartonCode) : this._texts[field];
    const replace = this._fresh && key !== 'backspace' && key !== 'clear';
    this._fresh = false;
    const base = replace ? '' : before;
    const after =
      field === 'cartonSize' || field === 'minOrder'
        ? nextCountText(base, key)
        : field === 'cartonCode'
          ? nextCodeText(base, key)
          : nextPriceText(base, key);
    this._set(field, after);
  }

  /** The one PIN pad (through the shop's data); the form opens once the owner has signed in. */
  private _askOwner = async () => {
    if (await this.data?.askForOwner('edit-product')) this.requestUpdate();
  };

  private _save = async () => {
    if (this._saveFlow.busy || !this.product) return;
    this._failure = undefined;
    if (!this._mayEdit()) {
      this._failure = 'not-allowed';
      return;
    }
    // Inputs may hold text the @input handler has not seen (IME composition).
    const texts: EditorTexts = {
      ...this._texts,
      name: this._nameInput?.value ?? this._texts.name,
      brand: this._brandInput?.value ?? this._texts.brand,
      category: this._categoryInput?.value ?? this._texts.category,
      specs: this._specsInput?.value ?? this._texts.specs,
      brandStory: this._storyInput?.value ?? this._texts.brandStory,
      cartonCode: this._cartonCodeInput?.value ?? this._texts.cartonCode,
    };
    const result = readProductEdit(this.product, texts);
    if (!result.ok) {
      this._errors = result.errors;
      return;
    }
    this._errors = {};
    await this._saveFlow.run(
      () => this._data().putProduct(result.edit),
      (saved) => this.dispatchEvent(new KioskProductSavedEvent(saved)),
      (error) => this._saveFailed(error),
    );
  };

  /** Why the write was refused, on the field it concerns or under the keypad. */
  private async _saveFailed(error: unknown) {
    if (error instanceof ProductValidationError) {
      const errors: EditorErrors = {};
      for (const [field, e] of Object.entries(error.errors)) {
        if (field === 'name' || field === 'priceCents' || field === 'packsPerCarton' || field === 'cartonCode' || field === 'minOrderUnits')
          errors[field] = e;
      }
      this._errors = errors;
      if (Object.keys(errors).length === 0) this._failure = 'storage';
    } else if (error instanceof BarcodeTakenError) {
      this._errors = { cartonCode: 'taken' };
      this._takenBy = displayCode(error.takenBy);
      const other = await this._data()
        .getProduct(error.takenBy)
        .catch(() => undefined);
      if (other) this._takenBy = `${other.name}（${displayCode(other.code)}）`;
    } else if (error instanceof NotAllowedError) this._failure = 'not-allowed';
    else if (error instanceof UnknownProductError) this._failure = 'unknown';
    else {
      console.error('putProduct failed', error);
      this._failure = 'storage';
    }
  }

  private _cancel = () => {
    this.dispatchEvent(new KioskProductEditCancelledEvent(this.product?.code ?? ''));
  };

  private _reset() {
    if (this.product) this._texts = textsFor(this.product);
    this._active = 'price';
    this._fresh = true;
    this._errors = {};
    this._takenBy = '';
    this._failure = undefined;
    this._saveFlow.reset();
  }

  private _errorText(field: EditorField): string {
    const error = this._errors[field];
    return error === undefined ? '' : editorErrorText(field, error, this._takenBy);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-product-editor': KioskProductEditor;
  }
  interface HTMLElementEventMap {
    'kiosk-product-saved': KioskProductSavedEvent;
    'kiosk-product-edit-cancelled': KioskProductEditCancelledEvent;
  }
}
