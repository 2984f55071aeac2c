/**
 * Scarce-product quota use on the overview: each shop's weekly quotas (the
 * latest supply post naming that shop and product wins — by the board's own
 * serial, never a clock) against the packs it sold of that product in the 7
 * days up to `asOf`, from the product rows the terminal's bundles carry.
 */
import type pg from 'pg';

/** A quota is per week: use is measured over the last 7 days. */
export const QUOTA_WINDOW_DAYS = 7;

export interface QuotaUse {
  productCode: string;
  productName: string;
  packsPerWeek: number;
  packsSold: number;
}

/** Quota use by terminal, for the district's shops that have quotas. */
export async function quotaUseByTerminal(pool: pg.Pool, district: string, asOf: string): Promise<Map<string, QuotaUse[]>> {
  const { rows } = await pool.query<{
    terminal_id: string;
    product_code: string;
    product_name: string;
    packs_per_week: number;
    sold: string;
  }>(
    `WITH quotas AS (
       SELECT DISTINCT ON (q."shopId", q."productCode") q."shopId" AS shop_id, q."productCode" AS product_code,
              q."productName" AS product_name, q."packsPerWeek" AS packs_per_week
         FROM board_items b, jsonb_to_recordset(b.quotas) AS q("shopId" text, "productCode" text, "productName" text, "packsPerWeek" int)
        WHERE b.district_id = $1 AND b.kind = 'supply'
        ORDER BY q."shopId", q."productCode", b.serial DESC
     )
     SELECT t.terminal_id, q.product_code, q.product_name, q.packs_per_week,
            coalesce((SELECT sum(d.packs_sold) FROM daily_sales d
                       WHERE d.district_id = $1 AND d.terminal_id = t.terminal_id AND d.product_code = q.product_code
                         AND d.sale_date BETWEEN $2::date - $3::int + 1 AND $2::date), 0) AS sold
       FROM quotas q JOIN terminals t ON t.district_id = $1 AND t.shop_id = q.shop_id
      ORDER BY t.terminal_id, q.product_code`,
    [district, asOf, QUOTA_WINDOW_DAYS],
  );
  const byTerminal = new Map<string, QuotaUse[]>();
  for (const r of rows) {
    const list = byTerminal.get(r.terminal_id) ?? [];
    list.push({ productCode: r.product_code, productName: r.product_name, packsPerWeek: r.packs_per_week, packsSold: Number(r.sold) });
    byTerminal.set(r.terminal_id, list);
  }
  return byTerminal;
}
