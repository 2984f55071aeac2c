-- Up Migration
-- The board back to the terminals (issue 15): what a manager posts for the
-- district's shops. `serial` is the collector's own counter, the cursor a
-- terminal asks from (GET /board?since=…): posting order, never a clock.
-- Quotas are per shop; each terminal receives only its shop's (fleet/board.ts).
-- Keyed by district first, like every other table (Citus distribution column).

CREATE TABLE board_items (
  district_id text NOT NULL REFERENCES districts,
  serial bigserial NOT NULL,
  item_id uuid NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('supply', 'new-product', 'training')),
  title text NOT NULL,
  body text NOT NULL,
  -- [{ shopId, productCode, productName, packsPerWeek }]
  quotas jsonb NOT NULL DEFAULT '[]',
  -- { code, name, priceCents } for a new product
  product jsonb,
  picture_type text,
  picture bytea,
  posted_by text NOT NULL,
  posted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_id, serial)
);

-- Down Migration
DROP TABLE board_items;
