/**
 * The customer display's pictures in memory: object URLs for the few products
 * on screen or next, never for the whole loop.
 *
 * A loop of 50 products with a 1280 px picture each would hold 50 decoded
 * bitmaps (about 5 MB each) if every picture stayed referenced. Here only the
 * codes asked for by keep() (the product shown and the next one) have a URL;
 * every other URL is revoked, so the browser may drop its bytes and its
 * decoded bitmap. The next picture is decoded ahead (HTMLImageElement.decode)
 * so the switch never waits for a decode on the frame it happens.
 */
import { getPicture } from './data/pictures.ts';
import type { StoredPicture } from './data/schema.ts';

interface Held {
  url: string;
  /** Decoded size in bytes (RGBA), for the memory bound. */
  decodedBytes: number;
}

export class PictureWindow {
  private readonly held = new Map<string, Held>();
  /** Codes known to have no picture (until forget()). */
  private readonly missing = new Set<string>();
  private wanted: ReadonlySet<string> = new Set();
  private peak = 0;

  constructor(
    private readonly read: (code: string) => Promise<StoredPicture | undefined> = getPicture,
    /** Told when a wanted picture became available (to render again). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** The URL of a held picture; undefined while loading or when it has none. */
  url(code: string): string | undefined {
    return this.held.get(code)?.url;
  }

  /**
   * Hold exactly these codes' pictures (the first is on screen, the rest come
   * next): revoke every other URL, read the missing ones, decode them ahead.
   */
  async keep(codes: readonly string[]): Promise<void> {
    this.wanted = new Set(codes);
    for (const [code, held] of this.held) {
      if (!this.wanted.has(code)) {
        URL.revokeObjectURL(held.url);
        this.held.delete(code);
      }
    }
    await Promise.all(codes.map((code) => this.load(code)));
  }

  private async load(code: string): Promise<void> {
    if (this.held.has(code) || this.missing.has(code)) return;
    const picture = await this.read(code).catch(() => undefined);
    // Asked for something else while reading: this one is not needed any more.
    if (!this.wanted.has(code) || this.held.has(code)) return;
    if (!picture) {
      this.missing.add(code);
      return;
    }
    const url = URL.createObjectURL(picture.blob);
    this.held.set(code, { url, decodedBytes: picture.width * picture.height * 4 });
    this.peak = Math.max(this.peak, this.decodedBytes);
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
    } catch {
      // Undecodable: the <img> shows nothing; the display carries on without it.
    }
    if (this.wanted.has(code)) this.onChange();
  }

  /** Pictures changed in the store (an import): read them again when asked next. */
  forget(): void {
    this.missing.clear();
    for (const held of this.held.values()) URL.revokeObjectURL(held.url);
    this.held.clear();
  }

  /** How many URLs are held now. */
  get heldCount(): number {
    return this.held.size;
  }

  /** Decoded bytes of the pictures held now (width × height × 4 each). */
  get decodedBytes(): number {
    let sum = 0;
    for (const held of this.held.values()) sum += held.decodedBytes;
    return sum;
  }

  /** The most decodedBytes has been since this window was made. */
  get peakDecodedBytes(): number {
    return this.peak;
  }
}
