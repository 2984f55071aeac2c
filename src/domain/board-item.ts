/**
 * The board: what the supplier's district office sends back to the shops —
 * 货源信息 supply news (with this shop's quota updates), 新品宣传 new-product
 * promotions (with a picture) and 客户培训 training, and the rep's messages
 * to this shop's owner (客户经理留言).
 *
 * Wire form (the collector's `GET /board`, or a `*.board.json` file on a USB stick):
 *   { "item": { …BoardItem… }, "signature": "<base64 Ed25519 signature>" }
 *
 * The collector signs one copy of an item per terminal: the copy names the
 * terminal and carries only that shop's quotas, so one shop's quotas never
 * travel to another and a copy cannot be replayed to another terminal as its
 * own. The signature covers the canonical JSON of the item (as for the fleet
 * bundle: keys sorted, no whitespace, integers only), so re-serialising the
 * file on its way breaks nothing.
 */
import * as v from 'valibot';
import { canonicalJson } from './fleet-bundle.ts';

export const BOARD_ITEM_FORMAT = 'shop-terminal-board-item';
/** 'message': the rep's message to one shop's owner (the other kinds go to the whole district). */
export const BOARD_KINDS = ['supply', 'new-product', 'training', 'message'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];
/** The shop's words for each kind, Chinese first. */
export const BOARD_KIND_NAMES: Record<BoardKind, { zh: string; en: string }> = {
  supply: { zh: '货源信息', en: 'Supply news' },
  'new-product': { zh: '新品宣传', en: 'New product' },
  training: { zh: '客户培训', en: 'Training' },
  message: { zh: '客户经理留言', en: 'From your rep' },
};
export const BOARD_PICTURE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** A picture travels inside the item: kept small enough for a slow line and the terminal's disk. */
export const MAX_BOARD_PICTURE_BYTES = 512 * 1024;
export const MAX_BOARD_ITEM_BYTES = 1024 * 1024;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
const ProductCode = v.pipe(v.string(), v.regex(/^[\w.-]{1,64}$/, 'a product code: letters, digits . _ -'));

export const BoardQuotaSchema = v.strictObject({
  productCode: ProductCode,
  productName: text(100),
  /** Packs this shop may order a week. */
  packsPerWeek: count,
});

export const BoardProductSchema = v.strictObject({
  code: ProductCode,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  /** Suggested retail price a pack, in cents. */
  priceCents: count,
});

export const BoardPictureSchema = v.strictObject({
  mediaType: v.picklist(BOARD_PICTURE_TYPES),
  base64: v.pipe(v.string(), v.maxLength(Math.ceil(MAX_BOARD_PICTURE_BYTES / 3) * 4), v.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});

export const BoardItemSchema = v.strictObject({
  format: v.literal(BOARD_ITEM_FORMAT),
  id: v.pipe(v.string(), v.uuid()),
  /** The collector's own counter: the order of posting, never a clock. */
  serial: v.pipe(v.number(), v.integer(), v.minValue(1)),
  district: text(64),
  terminalId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  kind: v.picklist(BOARD_KINDS),
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  body: text(4000),
  postedBy: text(100),
  /** When the manager posted it (the collector's clock): shown, not used for order. */
  postedAt: v.pipe(v.string(), v.isoTimestamp()),
  quotas: v.pipe(v.array(BoardQuotaSchema), v.maxLength(500)),
  product: v.nullable(BoardProductSchema),
  picture: v.nullable(BoardPictureSchema),
});
export type BoardItem = v.InferOutput<typeof BoardItemSchema>;

export const SignedBoardItemSchema = v.strictObject({
  item: BoardItemSchema,
  signature: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 Ed25519 signature')),
});
export type SignedBoardItem = v.InferOutput<typeof SignedBoardItemSchema>;

export function parseSignedBoardItem(json: unknown): { ok: true; value: SignedBoardItem } | { ok: false; detail: string } {
  const parsed = v.safeParse(SignedBoardItemSchema, json);
  if (parsed.success) return { ok: true, value: parsed.output };
  return { ok: false, detail: parsed.issues.map((i) => `${i.path?.map((p) => String(p.key)).join('.') ?? ''}: ${i.message}`).join('; ') };
}

export function canonicalBoardItemBytes(item: BoardItem): Uint8Array {
  return new TextEncoder().encode(canonicalJson(item));
}
