/**
 * Product pictures for the customer display (issue 11), in the `pictures`
 * store as Blobs, one per product code.
 *
 * A picture is shrunk when it is imported (at most PICTURE_MAX_SIDE px on its
 * long side, WebP), so the display never decodes a 24-megapixel photo from a
 * phone: what it decodes is bounded by what is stored. A file that is too big,
 * or that the browser cannot decode, is refused with a reason and nothing is
 * stored. Importing is the owner's or the rep's (canDo('arrange-display')).
 */
import { readCode } from '../domain/barcode.ts';
import { refusalError } from '../domain/errors.ts';
import { lookupBarcode } from './barcodes.ts';
import { getDb } from './db.ts';
import { requireRole } from './roles.ts';
import type { StoredPicture } from './schema.ts';
import { announceDisplayChanged } from './display-signal.ts';

/** Longest side of a stored picture, in px: sharp on a 1920×1080 display's picture area. */
export const PICTURE_MAX_SIDE = 1280;
/** A file larger than this is refused before decoding (a product photo is a few MB at most). */
export const MAX_PICTURE_FILE_BYTES = 15 * 1024 * 1024;
/** A picture with more pixels than this is refused (decoding it alone would take 160 MB). */
export const MAX_PICTURE_PIXELS = 40_000_000;
/** The file names a folder import looks at. */
export const PICTURE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'] as const;

export type PictureRefusal = 'too-large' | 'too-many-pixels' | 'broken' | 'unknown-product';

export class PictureImportError extends refusalError<PictureRefusal>('PictureImportError', 'picture') {}

export interface ShrunkPicture {
  blob: Blob;
  width: number;
  height: number;
}

/** The size a picture of `width`×`height` is stored at: never enlarged. */
export function shrunkSize(width: number, height: number, maxSide = PICTURE_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Decode, check and shrink one picture file. Throws PictureImportError
 * ('too-large' before decoding, 'broken' when it does not decode,
 * 'too-many-pixels' after).
 */
export async function shrinkPicture(file: Blob): Promise<ShrunkPicture> {
  if (file.size > MAX_PICTURE_FILE_BYTES) throw new PictureImportError('too-large');
  if (file.size === 0) throw new PictureImportError('broken');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new PictureImportError('broken');
  }
  try {
    if (bitmap.width * bitmap.height > MAX_PICTURE_PIXELS) throw new PictureImportError('too-many-pixels');
    const size = shrunkSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new PictureImportError('broken');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    return { blob, ...size };
  } finally {
    bitmap.close();
  }
}

/**
 * Import one picture for the product `code` answers to (a pack or carton
 * barcode). Nothing is stored when it is refused.
 */
export async function importPicture(code: string, file: Blob, now: number = Date.now()): Promise<StoredPicture> {
  const record = await storePicture(code, file, now);
  announceDisplayChanged(true);
  return record;
}

async function storePicture(code: string, file: Blob, now: number): Promise<StoredPicture> {
  requireRole('arrange-display');
  const found = await findProduct(code);
  if (!found) throw new PictureImportError('unknown-product');
  const shrunk = await shrinkPicture(file);
  const record: StoredPicture = {
    code: found.product.code,
    blob: shrunk.blob,
    width: shrunk.width,
    height: shrunk.height,
    importedAt: now,
  };
  const db = await getDb();
  await db.put('pictures', record);
  return record;
}

/** The product a barcode as printed (or a product code) is, as a scan of it would find it. */
function findProduct(text: string) {
  const read = readCode(text);
  return lookupBarcode(read.ok ? read.code : text.trim());
}

/** One file of a folder: its name and a way to read it (from a stick, or a picked File). */
export interface PictureFile {
  name: string;
  size: number;
  read(): Promise<Blob>;
}

export interface PictureFolderReport {
  /** Product codes that got a picture. */
  imported: string[];
  /** Files refused, with why. */
  refused: Array<{ name: string; reason: PictureRefusal | 'unreadable' }>;
  /** Picture files whose name is no barcode the shop sells (skipped, not an error). */
  unmatched: string[];
}

/** The barcode a picture file is named after: "6901028075862.jpg" → "6901028075862"; undefined for other files. */
export function barcodeOfPictureName(name: string): string | undefined {
  const base = name.split('/').pop() ?? name;
  const lower = base.toLowerCase();
  const ext = PICTURE_EXTENSIONS.find((e) => lower.endsWith(e));
  if (!ext) return undefined;
  const stem = base.slice(0, base.length - ext.length).trim();
  return stem.length > 0 ? stem : undefined;
}

/**
 * Import a folder of pictures named by barcode, one at a time (only one large
 * file is in memory at once). A refused file does not stop the rest.
 */
export async function importPictureFolder(files: readonly PictureFile[], now: number = Date.now()): Promise<PictureFolderReport> {
  requireRole('arrange-display');
  const report: PictureFolderReport = { imported: [], refused: [], unmatched: [] };
  for (const file of files) {
    const code = barcodeOfPictureName(file.name);
    if (code === undefined) continue;
    if (!(await findProduct(code))) {
      report.unmatched.push(file.name);
      continue;
    }
    if (file.size > MAX_PICTURE_FILE_BYTES) {
      report.refused.push({ name: file.name, reason: 'too-large' });
      continue;
    }
    let blob: Blob;
    try {
      blob = await file.read();
    } catch {
      report.refused.push({ name: file.name, reason: 'unreadable' });
      continue;
    }
    try {
      const stored = await storePicture(code, blob, now);
      report.imported.push(stored.code);
    } catch (error) {
      if (!(error instanceof PictureImportError)) throw error;
      report.refused.push({ name: file.name, reason: error.reason });
    }
  }
  // Once for the folder: the display reads its pictures again once, not per file.
  if (report.imported.length > 0) announceDisplayChanged(true);
  return report;
}

/** A product's picture, if it has one. Anyone may read (the display shows it). */
export async function getPicture(code: string): Promise<StoredPicture | undefined> {
  const db = await getDb();
  return db.get('pictures', code);
}

/** The codes of the products that have a picture. */
export async function listPictureCodes(): Promise<string[]> {
  const db = await getDb();
  return db.getAllKeys('pictures');
}

export async function deletePicture(code: string): Promise<void> {
  requireRole('arrange-display');
  const db = await getDb();
  await db.delete('pictures', code);
  announceDisplayChanged(true);
}
