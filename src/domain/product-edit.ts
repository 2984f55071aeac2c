/**
 * The product editor's form as text, and the check that turns it into the edit
 * putProduct() takes: pure, so the rules are tested without a screen and the
 * element (src/components/kiosk-product-editor.ts) keeps to showing them.
 */
import { displayCode, readCode, type RejectReason } from './barcode.ts';
import {
  MAX_BRAND_STORY_CHARS,
  MAX_NAME_LENGTH,
  MAX_PRICE_CENTS,
  MAX_SPECS_CHARS,
  checkMinOrderUnits,
  checkName,
  checkPriceCents,
  parsePriceToCents,
  type Product,
  type ProductEdit,
  type ProductFieldError,
} from './product.ts';
import { validatePacksPerCarton, type CountFieldError } from './units.ts';

export type EditorField =
  | 'name'
  | 'priceCents'
  | 'costCents'
  | 'packsPerCarton'
  | 'cartonCode'
  | 'cartonPriceCents'
  | 'brand'
  | 'category'
  | 'brandStory'
  | 'specs'
  | 'minOrderUnits';

export type EditorError =
  | ProductFieldError
  | CountFieldError
  | RejectReason
  /** The carton barcode is the pack's own barcode. */
  | 'same-as-pack'
  /** A carton barcode without a carton size: how many packs one scan is cannot be guessed. */
  | 'needs-size'
  /** The carton barcode already answers to another product. */
  | 'taken';

export type EditorErrors = Partial<Record<EditorField, EditorError>>;

/** What the owner has typed, as text, before it is checked. */
export interface EditorTexts {
  name: string;
  price: string;
  cost: string;
  cartonSize: string;
  cartonCode: string;
  cartonPrice: string;
  brand: string;
  category: string;
  isNew: boolean;
  /** 起订量 in order units ('' for none) and 停售. */
  minOrder: string;
  discontinued: boolean;
  /** 品牌故事 and 规格: what the customer display shows with the product. */
  brandStory: string;
  specs: string;
}

/** "12.50" for 1250 cents, "45" for 4500: what the keypad would have typed. Integer maths only. */
export function centsToText(cents: number | undefined): string {
  if (cents === undefined || !Number.isSafeInteger(cents)) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const fen = abs % 100;
  const yuan = (abs - fen) / 100;
  return fen === 0 ? `${sign}${yuan}` : `${sign}${yuan}.${String(fen).padStart(2, '0')}`;
}

/** The form's texts for a stored product. */
export function textsFor(product: Product): EditorTexts {
  return {
    name: product.name,
    price: centsToText(product.priceCents),
    cost: centsToText(product.costCents),
    cartonSize: product.packsPerCarton === undefined ? '' : String(product.packsPerCarton),
    cartonCode: product.cartonCode === undefined ? '' : displayCode(product.cartonCode),
    cartonPrice: centsToText(product.cartonPriceCents),
    brand: product.brand ?? '',
    category: product.category ?? '',
    isNew: product.isNew === true,
    minOrder: product.minOrderUnits === undefined ? '' : String(product.minOrderUnits),
    discontinued: product.discontinued === true,
    brandStory: product.brandStory ?? '',
    specs: product.specs ?? '',
  };
}

/**
 * Check what was typed and turn it into the edit putProduct() takes. Every
 * optional field is present in the edit: an empty field clears the stored value.
 */
export function readProductEdit(
  product: Product,
  texts: EditorTexts,
): { ok: true; edit: ProductEdit } | { ok: false; errors: EditorErrors } {
  const errors: EditorErrors = {};

  const name = texts.name.trim();
  const nameError = checkName(name);
  if (nameError) errors.name = nameError;

  const priceCents = texts.price === '' ? undefined : (parsePriceToCents(texts.price) ?? Number.NaN);
  const priceError = checkPriceCents(priceCents);
  if (priceError) errors.priceCents = Number.isNaN(priceCents) ? 'not-integer' : priceError;

  let costCents: number | undefined;
  if (texts.cost.trim() !== '') {
    costCents = parsePriceToCents(texts.cost);
    // A cost of 0 is a real entry (a free sample), unlike a retail price of 0.
    if (costCents === undefined) errors.costCents = 'not-integer';
    else if (costCents > MAX_PRICE_CENTS) errors.costCents = 'too-large';
  }

  let cartonPriceCents: number | undefined;
  if (texts.cartonPrice.trim() !== '') {
    cartonPriceCents = parsePriceToCents(texts.cartonPrice) ?? Number.NaN;
    const error = checkPriceCents(cartonPriceCents);
    if (error) errors.cartonPriceCents = Number.isNaN(cartonPriceCents) ? 'not-integer' : error;
  }

  let packsPerCarton: number | undefined;
  if (texts.cartonSize.trim() !== '') {
    packsPerCarton = /^\d+$/.test(texts.cartonSize.trim()) ? Number(texts.cartonSize.trim()) : Number.NaN;
    const error = validatePacksPerCarton(packsPerCarton);
    if (error) errors.packsPerCarton = error;
  }

  let cartonCode: string | undefined;
  if (texts.cartonCode.trim() !== '') {
    // The same rules as a scan: a GS1 code must have its check digit right, and is stored as its GTIN-14.
    const read = readCode(texts.cartonCode);
    if (!read.ok) errors.cartonCode = read.reason;
    else if (read.code === product.code) errors.cartonCode = 'same-as-pack';
    else {
      cartonCode = read.code;
      if (packsPerCarton === undefined && errors.packsPerCarton === undefined) errors.packsPerCarton = 'needs-size';
    }
  }

  let minOrderUnits: number | undefined;
  if (texts.minOrder.trim() !== '' && texts.minOrder.trim() !== '0') {
    minOrderUnits = /^\d+$/.test(texts.minOrder.trim()) ? Number(texts.minOrder.trim()) : Number.NaN;
    const error = checkMinOrderUnits(minOrderUnits);
    if (error) errors.minOrderUnits = error;
  }

  const brand = texts.brand.trim();
  if ([...brand].length > MAX_NAME_LENGTH) errors.brand = 'too-long';
  const category = texts.category.trim();
  if ([...category].length > MAX_NAME_LENGTH) errors.category = 'too-long';
  const brandStory = texts.brandStory.trim();
  if ([...brandStory].length > MAX_BRAND_STORY_CHARS) errors.brandStory = 'too-long';
  const specs = texts.specs.trim();
  if ([...specs].length > MAX_SPECS_CHARS) errors.specs = 'too-long';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    edit: {
      code: product.code,
      name,
      priceCents: priceCents!,
      // Kept as stored: an old carton-counted product stays counted in cartons.
      unit: product.unit,
      packsPerCarton,
      cartonCode,
      cartonPriceCents,
      costCents,
      brand: brand || undefined,
      category: category || undefined,
      isNew: texts.isNew,
      minOrderUnits,
      // Stored only when set: a product on sale has no mark at all.
      discontinued: texts.discontinued || undefined,
      brandStory: brandStory || undefined,
      specs: specs || undefined,
    },
  };
}

/** The editor's typed fields (all but the yes/no flags). */
export type EditorTextField = Exclude<keyof EditorTexts, 'isNew' | 'discontinued'>;

/** The field of the product whose error a typed field shows. */
export const ERROR_OF: Record<EditorTextField, EditorField> = {
  name: 'name',
  price: 'priceCents',
  cost: 'costCents',
  cartonSize: 'packsPerCarton',
  cartonCode: 'cartonCode',
  cartonPrice: 'cartonPriceCents',
  brand: 'brand',
  category: 'category',
  brandStory: 'brandStory',
  specs: 'specs',
  minOrder: 'minOrderUnits',
};
