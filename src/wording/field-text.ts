/** What is wrong with a typed field (a product's, a basket line's), in words. */
import { msg, str } from '@lit/localize';
import { MAX_LINE_QUANTITY, type BasketError } from '../domain/basket.ts';
import {
  MAX_NAME_LENGTH,
  MAX_OPENING_STOCK,
  MAX_PRICE_CENTS,
  formatCents,
  type ProductField,
  type ProductFieldError,
} from '../domain/product.ts';
import { formattingLocale } from '../localization.ts';

/** What to tell the owner about one field, in words that say what to do. */
export function fieldErrorText(field: ProductField, error: ProductFieldError): string {
  switch (field) {
    case 'name':
      return error === 'too-long' ? msg(str`名称太长，最多 ${MAX_NAME_LENGTH} 个字`) : msg('请输入商品名称');
    case 'priceCents':
      switch (error) {
        case 'required':
          return msg('请输入价格，例如 12.50');
        case 'not-integer':
          return msg('价格最多两位小数，例如 12.50');
        case 'negative':
          return msg('价格不能是负数');
        case 'too-large':
          return msg(str`价格太高，请检查（最高 ${formatCents(MAX_PRICE_CENTS, formattingLocale())}）`);
      }
      break;
    case 'openingStock':
      switch (error) {
        case 'required':
        case 'not-integer':
          return msg('库存请输入整数');
        case 'negative':
          return msg('库存不能是负数');
        case 'too-large':
          return msg(str`库存太大，请检查（最多 ${MAX_OPENING_STOCK}）`);
      }
      break;
    case 'unit':
      return msg('请选择单位：盒 或 条');
    case 'code':
      return msg('条码无效，请取消后重新扫描');
  }
  return msg('请检查这一项');
}

/** A basket error in words that say what to do. */
export function basketErrorText(error: BasketError | 'required'): string {
  switch (error) {
    case 'required':
      return msg('请用数字键输入新的数量');
    case 'quantity-zero':
      return msg('数量不能是 0。要去掉这一行，请点“删除此行”');
    case 'quantity-negative':
    case 'quantity-not-integer':
      return msg('数量请输入 1 以上的整数');
    case 'quantity-too-large':
      return msg(str`数量太大，请检查（一行最多 ${MAX_LINE_QUANTITY}）`);
    case 'too-many-lines':
      return msg('这一单的商品行太多了。请先结账，再扫剩下的商品');
    case 'unknown-line':
      return msg('这一行已经不在了，请看清单后再试');
    case 'bad-multiplier':
    case 'bad-price':
    case 'missing-product':
      return msg('这个商品的资料不完整（价格或整条数量有误），请到“商品”里修改后再扫');
  }
}
