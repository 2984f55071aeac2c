/** The shop's data as the elements get it (see KioskData in src/context.ts): the real, IndexedDB-backed one. */
import type { KioskData } from '../context.ts';
import { getProductHistory } from './movements.ts';
import { getProduct, putProduct, registerProduct } from './products.ts';
import { askForOwner, canDo } from './roles.ts';

export const kioskData: KioskData = {
  canDo,
  askForOwner,
  getProduct,
  putProduct: (edit) => putProduct(edit),
  registerProduct: (input) => registerProduct(input),
  getProductHistory,
};
