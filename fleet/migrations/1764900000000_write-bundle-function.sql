-- Up Migration
-- A bundle's whole write as one function call: one round trip and one
-- statement (so one transaction) per bundle instead of ten, with its plans
-- cached in the connection. The rules are the ones fleet/ingest.ts describes:
-- a day belongs to the highest-sequence bundle that covered it; a re-sent
-- bundle changes nothing; a key or sequence reused with other content is
-- refused before anything is written.
--
-- p_daily is the bundle's `daily` array as JSON (one object per date and
-- product, as the bundle carries it); p_visit and p_evaluation its `visit`
-- and `evaluation` or null.
-- outcome: 'stored' | 'duplicate' | 'key-reused' | 'sequence-reused'.

CREATE FUNCTION fleet_write_bundle(
  p_district text, p_terminal text, p_sequence bigint, p_key text, p_schema int,
  p_from date, p_to date, p_sha bytea, p_daily jsonb, p_visit jsonb, p_evaluation jsonb, p_acks jsonb,
  OUT outcome text, OUT days_taken int, OUT days_kept int)
LANGUAGE plpgsql AS $$
DECLARE
  clash record;
  taken date[];
  covered_before int;
BEGIN
  days_taken := 0;
  days_kept := 0;
  -- One terminal's bundles are written one at a time; other terminals go on.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_district || '/' || p_terminal, 0));

  FOR clash IN
    SELECT idempotency_key, body_sha256 FROM bundles
     WHERE district_id = p_district AND terminal_id = p_terminal AND (idempotency_key = p_key OR sequence = p_sequence)
  LOOP
    IF clash.body_sha256 <> p_sha THEN
      outcome := CASE WHEN clash.idempotency_key = p_key THEN 'key-reused' ELSE 'sequence-reused' END;
      RETURN;
    END IF;
    outcome := 'duplicate';
  END LOOP;
  IF outcome = 'duplicate' THEN
    RETURN;
  END IF;

  SELECT coalesce(array_agg(d::date ORDER BY d) FILTER (WHERE s.bundle_sequence IS NULL OR s.bundle_sequence < p_sequence), '{}'),
         count(s.bundle_sequence) FILTER (WHERE s.bundle_sequence < p_sequence)
    INTO taken, covered_before
    FROM generate_series(p_from, p_to, interval '1 day') AS d
    LEFT JOIN shop_days s
      ON s.district_id = p_district AND s.terminal_id = p_terminal AND s.sale_date = d::date AND s.sale_date BETWEEN p_from AND p_to;
  days_taken := cardinality(taken);
  days_kept := (p_to - p_from + 1) - days_taken;

  IF days_taken > 0 THEN
    -- Product rows exist only for days a shop_days row records: nothing to
    -- replace when no older bundle covered any of these days (the daily push).
    IF covered_before > 0 THEN
      DELETE FROM daily_sales
       WHERE district_id = p_district AND terminal_id = p_terminal
         AND sale_date BETWEEN p_from AND p_to AND sale_date = ANY (taken);
    END IF;
    INSERT INTO daily_sales (district_id, sale_date, terminal_id, product_code, packs_sold, sales_cents, cost_cents, stock)
    SELECT p_district, r.date, p_terminal, r."productCode", r."packsSold", r."salesCents", r."costCents", r.stock
      FROM jsonb_to_recordset(p_daily) AS r(date date, "productCode" text, "packsSold" int, "salesCents" bigint, "costCents" bigint, stock int)
     WHERE days_kept = 0 OR r.date = ANY (taken);

    -- A day's cost is only known when every product sold that day has a cost price.
    INSERT INTO shop_days (district_id, sale_date, terminal_id, products, packs_sold, sales_cents, cost_cents, bundle_sequence)
    SELECT p_district, day, p_terminal, coalesce(x.n, 0), coalesce(x.packs, 0), coalesce(x.sales, 0),
           CASE WHEN x.n IS NULL THEN 0 ELSE x.cost END, p_sequence
      FROM unnest(taken) AS day
      LEFT JOIN (
        SELECT r.date, count(*) AS n, sum(r."packsSold") AS packs, sum(r."salesCents") AS sales,
               CASE WHEN bool_and(r."costCents" IS NOT NULL) THEN sum(r."costCents") END AS cost
          FROM jsonb_to_recordset(p_daily) AS r(date date, "packsSold" int, "salesCents" bigint, "costCents" bigint)
         GROUP BY r.date
      ) x ON x.date = day
    ON CONFLICT (district_id, sale_date, terminal_id) DO UPDATE SET
      products = EXCLUDED.products, packs_sold = EXCLUDED.packs_sold, sales_cents = EXCLUDED.sales_cents,
      cost_cents = EXCLUDED.cost_cents, bundle_sequence = EXCLUDED.bundle_sequence
    WHERE shop_days.bundle_sequence < EXCLUDED.bundle_sequence;
  END IF;

  IF p_visit IS NOT NULL THEN
    INSERT INTO visits (district_id, visit_date, terminal_id, rep, grade, stock_error_bp, price_tags_missing, notes, bundle_sequence)
    SELECT p_district, v.date, p_terminal, v.rep, v.grade, v."stockErrorBasisPoints", v."priceTagsMissing", v.notes, p_sequence
      FROM jsonb_to_record(p_visit) AS v(date date, rep text, grade text, "stockErrorBasisPoints" int, "priceTagsMissing" int, notes text)
    ON CONFLICT (district_id, visit_date, terminal_id) DO UPDATE SET
      rep = EXCLUDED.rep, grade = EXCLUDED.grade, stock_error_bp = EXCLUDED.stock_error_bp,
      price_tags_missing = EXCLUDED.price_tags_missing, notes = EXCLUDED.notes, bundle_sequence = EXCLUDED.bundle_sequence
    WHERE visits.bundle_sequence < EXCLUDED.bundle_sequence;
  END IF;

  IF p_evaluation IS NOT NULL THEN
    INSERT INTO evaluations (district_id, terminal_id, quarter, evaluated_on, total, grade, rectification_deadline, detail, bundle_sequence)
    VALUES (p_district, p_terminal, p_evaluation->>'quarter', (p_evaluation->>'evaluatedOn')::date, (p_evaluation->>'total')::int,
            p_evaluation->>'grade', (p_evaluation->'rectification'->>'deadline')::date, p_evaluation, p_sequence)
    ON CONFLICT (district_id, terminal_id, quarter) DO UPDATE SET
      evaluated_on = EXCLUDED.evaluated_on, total = EXCLUDED.total, grade = EXCLUDED.grade,
      rectification_deadline = EXCLUDED.rectification_deadline, detail = EXCLUDED.detail, bundle_sequence = EXCLUDED.bundle_sequence
    WHERE evaluations.bundle_sequence < EXCLUDED.bundle_sequence;
  END IF;

  IF jsonb_array_length(p_acks) > 0 THEN
    INSERT INTO board_acks (district_id, terminal_id, item_id, seen_on)
    SELECT p_district, p_terminal, a."itemId", a."seenOn"
      FROM jsonb_to_recordset(p_acks) AS a("itemId" text, "seenOn" date)
    ON CONFLICT DO NOTHING;
  END IF;

  INSERT INTO bundles (district_id, terminal_id, sequence, idempotency_key, schema_version, period_start, period_end, body_sha256, daily_rows, days_taken)
  VALUES (p_district, p_terminal, p_sequence, p_key, p_schema, p_from, p_to, p_sha, jsonb_array_length(p_daily), days_taken);
  outcome := 'stored';
END $$;

-- Down Migration
DROP FUNCTION fleet_write_bundle(text, text, bigint, text, int, date, date, bytea, jsonb, jsonb, jsonb, jsonb);
