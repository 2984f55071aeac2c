/**
 * The errors the data layer throws that a screen or component tells apart
 * (with instanceof) to say what went wrong. Pure classes, kept in the domain so
 * components can recognise them without importing src/data.
 */
import type { ProductErrors } from './product.ts';

/** What only the owner may do; src/domain/roles.ts says who may, src/data/roles.ts canDo() answers now. */
export type RoleAction =
  | 'adjust'
  | 'reverse-sale'
  | 'import'
  | 'edit-product'
  | 'remove-demo'
  | 'restore'
  | 'place-order'
  | 'settings'
  | 'view-report'
  | 'leave-customer-mode'
  | 'read-audit'
  | 'register-staff'
  | 'stocktake'
  | 'confirm-visit'
  | 'message-rep'
  | 'visit';

export class UnknownProductError extends Error {
  override name = 'UnknownProductError';
  readonly reason = 'unknown-product';
  constructor(readonly code: string) {
    super(`No product is registered with code ${code}`);
  }
}

export class ProductValidationError extends Error {
  override name = 'ProductValidationError';
  constructor(readonly errors: ProductErrors) {
    super(`Invalid product: ${Object.entries(errors).map(([field, error]) => `${field} ${error}`).join(', ')}`);
  }
}

/** Registering a code that is already a product (it would reset its stock). */
export class ProductExistsError extends Error {
  override name = 'ProductExistsError';
  constructor(readonly code: string) {
    super(`A product with code ${code} is already registered`);
  }
}

/** The code already answers to another product; linking it again would make scans ambiguous. */
export class BarcodeTakenError extends Error {
  override name = 'BarcodeTakenError';
  readonly reason = 'barcode-taken';
  constructor(
    readonly code: string,
    /** The product the code belongs to. */
    readonly takenBy: string,
  ) {
    super(`Barcode ${code} already belongs to product ${takenBy}`);
  }
}

export class NotAllowedError extends Error {
  override name = 'NotAllowedError';
  readonly reason = 'not-allowed';
  constructor(readonly action: RoleAction) {
    super(`Not allowed: ${action}`);
  }
}
