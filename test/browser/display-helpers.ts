/** Shared bits of the customer-display browser tests (not a test file itself). */
import { fixture, html } from '@open-wc/testing';
import '../../src/kiosk-display-app.ts';
import type { KioskDisplayApp } from '../../src/kiosk-display-app.ts';
import { getDb } from '../../src/data/db.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { registerProduct } from '../../src/data/products.ts';
import type { Product } from '../../src/domain/product.ts';
import { maybeDeep } from './shadow-dom.ts';
import { FakeService } from './fakes.ts';

export interface DisplayProductRow {
  ean: string;
  name: string;
  priceCents: number;
  isNew: boolean;
  category: string;
  brand?: string;
  /** What else the catalogue import sets (品牌故事, 规格…). */
  extra?: Partial<Product>;
}

/** Registers each row with `openingStock` packs, then sets brand, category and 新品 as the catalogue import does. */
export async function seedDisplayProducts(rows: DisplayProductRow[], openingStock: number): Promise<void> {
  const db = await getDb();
  for (const row of rows) {
    const code = `0${row.ean}`;
    await registerProduct({ code, name: row.name, priceCents: row.priceCents, unit: 'pack', openingStock });
    const stored = (await db.get('products', code))!;
    await db.put('products', {
      ...stored,
      isNew: row.isNew,
      category: row.category,
      ...(row.brand === undefined ? {} : { brand: row.brand }),
      ...row.extra,
    });
  }
  forgetProducts();
}

export interface DisplayProps {
  cycleMs?: number;
  cardMs?: number;
  thanksMs?: number;
  /** Subscribe to the scans socket (played by FakeService). */
  listen?: boolean;
}

/** A customer display at 800×480 whose timers are slow (a minute) unless the test speeds one up. */
export async function mountDisplay(props: DisplayProps = {}): Promise<KioskDisplayApp> {
  const el = await fixture<KioskDisplayApp>(
    html`<kiosk-display-app
      style="height:480px;width:800px"
      ?listen=${props.listen ?? false}
      .streamOptions=${{ url: 'ws://kiosk.test/scans', WebSocket: FakeService }}
      .cycleMs=${props.cycleMs ?? 60_000}
      .cardMs=${props.cardMs ?? 60_000}
      .thanksMs=${props.thanksMs ?? 60_000}
    ></kiosk-display-app>`,
  );
  await el.ready;
  await el.updateComplete;
  return el;
}

/** The code of the new product the loop shows now. */
export function shownCode(el: KioskDisplayApp): string | undefined {
  return maybeDeep(el, 'article[data-kind="new-product"]')?.getAttribute('data-code') ?? undefined;
}
