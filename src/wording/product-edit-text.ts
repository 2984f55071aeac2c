/** What the product editor and the register form tell the owner: a field's error, or why saving failed. */
import { msg, str } from '@lit/localize';
import {
  MAX_BRAND_STORY_CHARS,
  MAX_NAME_LENGTH,
  MAX_PRICE_CENTS,
  MAX_SPECS_CHARS,
  MAX_MIN_ORDER_UNITS,
  formatCents,
  type ProductFieldError,
} from '../domain/product.ts';
import { MAX_PACKS_PER_CARTON, USUAL_PACKS_PER_CARTON } from '../domain/units.ts';
import type { EditorError, EditorField } from '../domain/product-edit.ts';
import { formattingLocale } from '../localization.ts';
import { fieldErrorText } from './field-text.ts';

export type ProductEditFailure = 'not-allowed' | 'unknown' | 'storage';

/** What to tell the owner about one field, in words that say what to do. */
export function editorErrorText(field: EditorField, error: EditorError, takenBy = ''): string {
  const maxPrice = formatCents(MAX_PRICE_CENTS, formattingLocale());
  switch (field) {
    case 'name':
      return fieldErrorText('name', error as ProductFieldError);
    case 'priceCents':
      return fieldErrorText('priceCents', error as ProductFieldError);
    case 'costCents':
      return error === 'too-large' ? msg(str`成本价太高，请检查（最高 ${maxPrice}）`) : msg('成本价最多两位小数，例如 38.50；不知道就留空');
    case 'cartonPriceCents':
      switch (error) {
        case 'required':
          return msg('整条价格不能是 0；不填就按 每条盒数 × 零售价');
        case 'too-large':
          return msg(str`整条价格太高，请检查（最高 ${maxPrice}）`);
        default:
          return msg('整条价格最多两位小数，例如 450.00');
      }
    case 'packsPerCarton':
      return error === 'needs-size'
        ? msg(str`填了条包条码，就要填每条有几盒（香烟通常是 ${USUAL_PACKS_PER_CARTON}）`)
        : msg(str`每条盒数要填 1 到 ${MAX_PACKS_PER_CARTON} 的整数`);
    case 'cartonCode':
      switch (error) {
        case 'bad-check-digit':
          return msg('条包条码的校验位（最后一位数字）不对，可能抄错了一位。请对照条码重新输入，或直接扫描整条的条码');
        case 'too-long':
          return msg('条包条码太长，请检查');
        case 'same-as-pack':
          return msg('条包条码不能和单盒的条码相同；请输入整条包装上的条码');
        case 'taken':
          return msg(str`这个条码已经是另一个商品的条码：${takenBy}。请检查是不是扫错了包装`);
        default:
          return msg('条包条码里有不能识别的字符，请清空后重新输入');
      }
    case 'brand':
      return msg(str`品牌太长，最多 ${MAX_NAME_LENGTH} 个字`);
    case 'category':
      return msg(str`类别太长，最多 ${MAX_NAME_LENGTH} 个字`);
    case 'brandStory':
      return msg(str`品牌故事太长，最多 ${MAX_BRAND_STORY_CHARS} 个字`);
    case 'specs':
      return msg(str`规格太长，最多 ${MAX_SPECS_CHARS} 个字`);
    case 'minOrderUnits':
      return msg(str`起订量要填 1 到 ${MAX_MIN_ORDER_UNITS} 的整数；没有起订量就留空`);
  }
}

/** Why the edit was not saved (nothing wrong with a field). */
export function productEditFailureText(failure: ProductEditFailure): string {
  const words: Record<ProductEditFailure, string> = {
    'not-allowed': msg('需要店主权限才能修改商品。'),
    unknown: msg('这个商品已经不在商品目录里了。请点“取消”，再刷新商品列表。'),
    storage: productSaveFailedText(),
  };
  return words[failure];
}

/** Why a new product was not registered (nothing wrong with a field). */
export function registerFailureText(failure: 'exists' | 'storage'): string {
  return failure === 'exists' ? msg('这个条码已经登记过了。请点“取消”，再扫一次就能看到它。') : productSaveFailedText();
}

/** Storage refused a product's save (the editor's or the register form's): say so, and what to try. */
function productSaveFailedText(): string {
  return msg('保存失败：存储出了问题。请再点一次“保存”；如果还不行，请重启终端。');
}
