-- Up Migration
-- The collector's first schema. Every primary key is led by district_id, the
-- distribution column a later move to Citus will use; every fact table is
-- range-partitioned by its date, one partition per month, created ahead by
-- fleet_ensure_month_partitions().

CREATE TABLE districts (
  district_id text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE shops (
  district_id text NOT NULL REFERENCES districts,
  shop_id text NOT NULL,
  name text NOT NULL,
  -- 便利店, 烟酒店, 食杂店 (exempt from the weekly visit), …
  business_format text NOT NULL,
  rep text,
  PRIMARY KEY (district_id, shop_id)
);

-- One terminal per shop today; the key is pinned when a rep enrols it.
CREATE TABLE terminals (
  district_id text NOT NULL,
  terminal_id text NOT NULL,
  shop_id text NOT NULL,
  public_key text NOT NULL,
  fingerprint text NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_id, terminal_id),
  FOREIGN KEY (district_id, shop_id) REFERENCES shops
);

-- One row per bundle received: its identity is the terminal's own sequence;
-- the Idempotency-Key and the body's hash tell a re-sent bundle from a
-- different one that claims the same key or sequence.
CREATE TABLE bundles (
  district_id text NOT NULL,
  terminal_id text NOT NULL,
  sequence bigint NOT NULL,
  idempotency_key text NOT NULL,
  schema_version int NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  body_sha256 bytea NOT NULL,
  daily_rows int NOT NULL,
  -- days of the period whose figures were older than this bundle's and taken from it
  days_taken int NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_id, terminal_id, sequence),
  UNIQUE (district_id, terminal_id, idempotency_key),
  FOREIGN KEY (district_id, terminal_id) REFERENCES terminals
);

-- A shop's day: the totals of daily_sales and which bundle they came from. A
-- day is owned by the highest-sequence bundle that covered it, whatever order
-- bundles arrive in.
CREATE TABLE shop_days (
  district_id text NOT NULL,
  sale_date date NOT NULL,
  terminal_id text NOT NULL,
  products int NOT NULL,
  packs_sold bigint NOT NULL,
  sales_cents bigint NOT NULL,
  cost_cents bigint,
  bundle_sequence bigint NOT NULL,
  PRIMARY KEY (district_id, sale_date, terminal_id)
) PARTITION BY RANGE (sale_date);

CREATE TABLE daily_sales (
  district_id text NOT NULL,
  sale_date date NOT NULL,
  terminal_id text NOT NULL,
  product_code text NOT NULL,
  packs_sold int NOT NULL,
  sales_cents bigint NOT NULL,
  cost_cents bigint,
  stock int,
  PRIMARY KEY (district_id, sale_date, terminal_id, product_code)
) PARTITION BY RANGE (sale_date);

CREATE TABLE visits (
  district_id text NOT NULL,
  visit_date date NOT NULL,
  terminal_id text NOT NULL,
  rep text NOT NULL,
  grade text CHECK (grade IN ('优秀', '良好', '合格', '不合格')),
  stock_error_bp int,
  price_tags_missing int,
  notes text NOT NULL DEFAULT '',
  bundle_sequence bigint NOT NULL,
  PRIMARY KEY (district_id, visit_date, terminal_id)
) PARTITION BY RANGE (visit_date);

CREATE TABLE board_acks (
  district_id text NOT NULL,
  terminal_id text NOT NULL,
  item_id text NOT NULL,
  seen_on date NOT NULL,
  PRIMARY KEY (district_id, terminal_id, item_id)
);

-- Creates the monthly partitions of the date-partitioned tables that cover
-- [from_date, to_date]. Idempotent; the collector calls it before a bundle's
-- transaction for months it has not seen yet.
CREATE FUNCTION fleet_ensure_month_partitions(from_date date, to_date date) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  parent text;
  month date := date_trunc('month', from_date)::date;
  created int := 0;
  name text;
BEGIN
  WHILE month <= to_date LOOP
    FOREACH parent IN ARRAY ARRAY['shop_days', 'daily_sales', 'visits'] LOOP
      name := format('%s_y%sm%s', parent, to_char(month, 'YYYY'), to_char(month, 'MM'));
      IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                       name, parent, month, (month + interval '1 month')::date);
        created := created + 1;
      END IF;
    END LOOP;
    month := (month + interval '1 month')::date;
  END LOOP;
  RETURN created;
END $$;

-- Down Migration
DROP FUNCTION fleet_ensure_month_partitions(date, date);
DROP TABLE board_acks, visits, daily_sales, shop_days, bundles, terminals, shops, districts;
