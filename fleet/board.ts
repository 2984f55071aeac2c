/**
 * The board back to the terminals: managers post items (POST /board, a
 * session with its CSRF token); the collector signs each terminal's copy with
 * its own Ed25519 key and serves them (GET /board?since=…).
 *
 * The collector's key: a PKCS#8 PEM file (`--board-key FILE`), made on first
 * start with mode 0600. Its raw public key (base64) is what a terminal pins
 * (`--collector-key`); the fingerprint is the same eight groups as a
 * terminal's.
 *
 * How a terminal proves who it is to read its board: the terminal's private
 * key lives in the page (WebCrypto, issue 12), not in the terminal service
 * that fetches the board, so the service cannot sign a request. Instead every
 * bundle the collector accepts — verified against the pinned terminal key —
 * is answered with a **board token**: HMAC-SHA256, under a secret derived
 * from the collector's private key, over (district, terminal, expiry 30 days).
 * `GET /board` takes it as `Authorization: Bearer …`. So only whoever just
 * presented a bundle signed by that terminal's key reads that terminal's
 * board. Honest limits: a copy of a signed bundle (a USB stick) sent again
 * also earns a token (a duplicate is answered like a delivery), and a token
 * read off the wire works until it expires — use https.
 */
import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as v from 'valibot';
import { packTar } from 'modern-tar';
import type pg from 'pg';
import {
  BOARD_ITEM_FORMAT,
  BOARD_KINDS,
  BoardPictureSchema,
  BoardProductSchema,
  BoardQuotaSchema,
  canonicalBoardItemBytes,
  MAX_BOARD_PICTURE_BYTES,
  type BoardItem,
  type SignedBoardItem,
} from '../src/domain/board-item.ts';
import { FleetError } from './ingest.ts';
import { keyFingerprint } from './keys.ts';
import type { Session } from './auth.ts';

export const BOARD_TOKEN_DAYS = 30;
/** Items a terminal gets in one answer; it asks again from `next`. */
export const BOARD_PAGE_ITEMS = 50;

export interface BoardKey {
  privateKey: KeyObject;
  /** Raw 32 bytes, base64: what the terminal pins. */
  publicKey: string;
  fingerprint: string;
  tokenSecret: Buffer;
}

function boardKeyOf(privateKey: KeyObject): BoardKey {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKey = Buffer.from(jwk.x!, 'base64url').toString('base64');
  const raw = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    privateKey,
    publicKey,
    fingerprint: keyFingerprint(publicKey),
    tokenSecret: createHash('sha256').update('fleet board token\0').update(raw).digest(),
  };
}

/** A fresh key, kept in memory only (tests, `--temp-db` demos without `--board-key`). */
export function generateBoardKey(): BoardKey {
  return boardKeyOf(generateKeyPairSync('ed25519').privateKey);
}

/** The key in `file`, made there (mode 0600) when the file does not exist yet. */
export function loadOrCreateBoardKey(file: string): { key: BoardKey; created: boolean } {
  if (existsSync(file)) return { key: boardKeyOf(createPrivateKey(readFileSync(file))), created: false };
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  return { key: boardKeyOf(privateKey), created: true };
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function issueBoardToken(key: BoardKey, district: string, terminalId: string, nowMs = Date.now()): string {
  const claims = b64url(JSON.stringify({ d: district, t: terminalId, exp: nowMs + BOARD_TOKEN_DAYS * 86_400_000 }));
  return `${claims}.${b64url(createHmac('sha256', key.tokenSecret).update(claims).digest())}`;
}

/** The terminal a board token names, or 401. */
export function checkBoardToken(key: BoardKey, header: string | undefined, nowMs = Date.now()): { district: string; terminalId: string } {
  const bad = () =>
    new FleetError(
      401,
      'bad-board-token',
      '看板令牌无效或已过期，请先上传一次数据包',
      'the board token is invalid or expired; push a bundle first',
    );
  const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const [claims, mac] = token.split('.');
  if (!claims || !mac) throw bad();
  // Compared as text, not decoded: base64url decoding ignores a last character's spare bits,
  // so two different tokens could otherwise carry the same MAC.
  const expected = Buffer.from(createHmac('sha256', key.tokenSecret).update(claims).digest('base64url'));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad();
  const c = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { d: string; t: string; exp: number };
  if (!(c.exp > nowMs)) throw bad();
  return { district: c.d, terminalId: c.t };
}

const PostSchema = v.strictObject({
  kind: v.picklist(BOARD_KINDS),
  title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  body: v.optional(v.pipe(v.string(), v.maxLength(4000)), ''),
  quotas: v.optional(
    v.pipe(
      v.array(v.strictObject({ shopId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), ...BoardQuotaSchema.entries })),
      v.maxLength(5000),
    ),
    [],
  ),
  product: v.optional(v.nullable(BoardProductSchema), null),
  picture: v.optional(v.nullable(BoardPictureSchema), null),
  /** A message's shop: a rep writes to one shop's owner. */
  shopId: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), null),
});

/** A manager's post, or a rep's message to one of the rep's shops: checked and stored; its id and serial. */
export async function postBoardItem(pool: pg.Pool, session: Session, json: unknown): Promise<{ id: string; serial: number }> {
  const parsed = v.safeParse(PostSchema, json);
  const isMessage = parsed.success && parsed.output.kind === 'message';
  if (session.role !== 'manager' && !isMessage)
    throw new FleetError(403, 'not-manager', '只有经理可以发布看板', 'only a manager posts to the board');
  if (!parsed.success) {
    const detail = parsed.issues.map((i) => `${i.path?.map((p) => String(p.key)).join('.') ?? ''}: ${i.message}`).join('; ');
    throw new FleetError(400, 'malformed', `看板内容格式不对：${detail}`, `malformed board item: ${detail}`);
  }
  const p = parsed.output;
  if (isMessage !== (p.shopId !== null))
    throw new FleetError(
      400,
      'shop-on-message-only',
      '留言写给一家店；其他公告发给全片区',
      'a message names one shop; other items go to the whole district',
    );
  if (p.shopId !== null) {
    const shop = await pool.query<{ rep: string | null }>('SELECT rep FROM shops WHERE district_id = $1 AND shop_id = $2', [
      session.district,
      p.shopId,
    ]);
    if (!shop.rows[0])
      throw new FleetError(404, 'unknown-shop', `本片区没有这家店：${p.shopId}`, `no such shop in the district: ${p.shopId}`);
    if (session.role === 'rep' && shop.rows[0].rep !== session.login)
      throw new FleetError(403, 'not-your-shop', '只能给自己负责的店留言', 'a rep writes to the rep’s own shops only');
  }
  if (p.kind !== 'supply' && p.quotas.length)
    throw new FleetError(400, 'quotas-on-supply-only', '配额只随货源信息发布', 'quotas go with supply news only');
  if (p.kind !== 'new-product' && (p.product || p.picture))
    throw new FleetError(
      400,
      'product-on-new-product-only',
      '新品和图片只随新品宣传发布',
      'a product and picture go with a new-product promotion only',
    );
  if (p.kind === 'new-product' && !p.product)
    throw new FleetError(400, 'product-missing', '新品宣传须写明商品', 'a new-product promotion names the product');
  const picture = p.picture ? Buffer.from(p.picture.base64, 'base64') : null;
  if (picture && picture.length > MAX_BOARD_PICTURE_BYTES)
    throw new FleetError(
      413,
      'picture-too-large',
      `图片超过 ${MAX_BOARD_PICTURE_BYTES / 1024} KB`,
      `the picture is larger than ${MAX_BOARD_PICTURE_BYTES / 1024} KB`,
    );
  if (p.quotas.length) {
    const shops = [...new Set(p.quotas.map((q) => q.shopId))];
    const { rows } = await pool.query<{ shop_id: string }>('SELECT shop_id FROM shops WHERE district_id = $1 AND shop_id = ANY($2)', [
      session.district,
      shops,
    ]);
    const unknown = shops.filter((s) => !rows.some((r) => r.shop_id === s));
    if (unknown.length)
      throw new FleetError(
        404,
        'unknown-shop',
        `本片区没有这些店：${unknown.join('、')}`,
        `no such shops in the district: ${unknown.join(', ')}`,
      );
  }
  const id = randomUUID();
  const { rows } = await pool.query<{ serial: number }>(
    `INSERT INTO board_items (district_id, item_id, kind, title, body, quotas, product, picture_type, picture, posted_by, shop_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING serial`,
    [
      session.district,
      id,
      p.kind,
      p.title,
      p.body,
      JSON.stringify(p.quotas),
      p.product ? JSON.stringify(p.product) : null,
      p.picture?.mediaType ?? null,
      picture,
      session.displayName,
      p.shopId,
    ],
  );
  return { id, serial: rows[0]!.serial };
}

/** The terminal's copies of the district's items after `since`, each signed; `next` is the cursor to ask from. */
export async function boardFor(
  pool: pg.Pool,
  key: BoardKey,
  district: string,
  terminalId: string,
  since: number,
): Promise<{ items: SignedBoardItem[]; next: number; more: boolean }> {
  const shop = await pool.query<{ shop_id: string }>('SELECT shop_id FROM terminals WHERE district_id = $1 AND terminal_id = $2', [
    district,
    terminalId,
  ]);
  const shopId = shop.rows[0]?.shop_id;
  if (!shopId) throw new FleetError(403, 'unknown-terminal', `没有终端 ${terminalId}`, `no terminal ${terminalId}`);
  const { rows } = await pool.query<{
    serial: number;
    item_id: string;
    kind: BoardItem['kind'];
    title: string;
    body: string;
    quotas: (BoardItem['quotas'][number] & { shopId: string })[];
    product: BoardItem['product'];
    picture_type: NonNullable<BoardItem['picture']>['mediaType'] | null;
    picture: Buffer | null;
    posted_by: string;
    posted_at: Date;
  }>(
    `SELECT serial, item_id, kind, title, body, quotas, product, picture_type, picture, posted_by, posted_at
       FROM board_items WHERE district_id = $1 AND serial > $2 AND (shop_id IS NULL OR shop_id = $4) ORDER BY serial LIMIT $3`,
    [district, since, BOARD_PAGE_ITEMS + 1, shopId],
  );
  const more = rows.length > BOARD_PAGE_ITEMS;
  const page = rows.slice(0, BOARD_PAGE_ITEMS);
  const items = page.map((r): SignedBoardItem => {
    const item: BoardItem = {
      format: BOARD_ITEM_FORMAT,
      id: r.item_id,
      serial: r.serial,
      district,
      terminalId,
      kind: r.kind,
      title: r.title,
      body: r.body,
      postedBy: r.posted_by,
      postedAt: r.posted_at.toISOString(),
      quotas: r.quotas
        .filter((q) => q.shopId === shopId)
        .map(({ productCode, productName, packsPerWeek }) => ({ productCode, productName, packsPerWeek })),
      product: r.product,
      picture: r.picture && r.picture_type ? { mediaType: r.picture_type, base64: r.picture.toString('base64') } : null,
    };
    return { item, signature: sign(null, canonicalBoardItemBytes(item), key.privateKey).toString('base64') };
  });
  return { items, next: page.at(-1)?.serial ?? since, more };
}

/**
 * The terminal's whole board as a rep's stick (a tar of `board/<id>.board.json`,
 * one signed item a file: what the terminal's `POST /board/import` reads from
 * a stick). The same signed copies a pull would bring, all of them: the
 * terminal keeps what it lacks and counts the rest as known.
 */
export async function boardStick(pool: pg.Pool, key: BoardKey, district: string, terminalId: string): Promise<Uint8Array> {
  const files: { header: { name: string; size: number; mtime: Date }; body: Uint8Array }[] = [];
  for (let since = 0, more = true; more;) {
    const page = await boardFor(pool, key, district, terminalId, since);
    for (const signed of page.items) {
      const body = Buffer.from(JSON.stringify(signed));
      files.push({
        header: { name: `board/${signed.item.id}.board.json`, size: body.length, mtime: new Date(signed.item.postedAt) },
        body,
      });
    }
    ({ next: since, more } = page);
  }
  return packTar(files);
}

export interface PostedBoardItem {
  serial: number;
  kind: BoardItem['kind'];
  title: string;
  postedBy: string;
  postedAt: string;
  quotas: number;
  product: BoardItem['product'];
  hasPicture: boolean;
}

/** The district's latest posts, newest first, for the posting page (the pictures stay in the database). */
export async function postedBoardItems(pool: pg.Pool, district: string, limit = 20): Promise<PostedBoardItem[]> {
  const { rows } = await pool.query(
    `SELECT serial, kind, title, posted_by, posted_at, jsonb_array_length(quotas) AS quotas, product, picture IS NOT NULL AS has_picture
       FROM board_items WHERE district_id = $1 ORDER BY serial DESC LIMIT $2`,
    [district, limit],
  );
  return rows.map((r) => ({
    serial: Number(r.serial),
    kind: r.kind,
    title: r.title,
    postedBy: r.posted_by,
    postedAt: (r.posted_at as Date).toISOString(),
    quotas: r.quotas,
    product: r.product,
    hasPicture: r.has_picture,
  }));
}
