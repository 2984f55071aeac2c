-- Up Migration
-- The owner's side back to the rep (issue 15): a receipt now says whether the
-- owner accepted a new product (accepted) or applied an item's quotas
-- (quotas_applied), and the owner's messages to the rep ride in the bundle.
-- Both optional in the bundle, so older bundles still load.
--
-- fleet_write_bundle gains a 13th argument (the messages); this overload calls
-- the 12-argument one unchanged and adds the two after it, in the same
-- statement and so the same transaction. Only a bundle stored now ('stored')
-- writes them: a re-sent bundle changes nothing. A flag once true stays true,
-- whatever order bundles arrive in.

ALTER TABLE board_acks ADD COLUMN accepted boolean NOT NULL DEFAULT false;
ALTER TABLE board_acks ADD COLUMN quotas_applied boolean NOT NULL DEFAULT false;

CREATE TABLE owner_messages (
  district_id text NOT NULL,
  terminal_id text NOT NULL,
  -- The terminal's own number for the message: each is kept once per terminal.
  message_id bigint NOT NULL,
  body text NOT NULL,
  -- The terminal's wall clock: shown, never used for order.
  written_at timestamptz NOT NULL,
  bundle_sequence bigint NOT NULL,
  PRIMARY KEY (district_id, terminal_id, message_id)
);

CREATE FUNCTION fleet_write_bundle(
  p_district text, p_terminal text, p_sequence bigint, p_key text, p_schema int,
  p_from date, p_to date, p_sha bytea, p_daily jsonb, p_visit jsonb, p_evaluation jsonb, p_acks jsonb,
  p_owner_messages jsonb,
  OUT outcome text, OUT days_taken int, OUT days_kept int)
LANGUAGE plpgsql AS $$
BEGIN
  SELECT w.outcome, w.days_taken, w.days_kept INTO outcome, days_taken, days_kept
    FROM fleet_write_bundle(p_district, p_terminal, p_sequence, p_key, p_schema, p_from, p_to, p_sha,
                            p_daily, p_visit, p_evaluation, p_acks) AS w;
  IF outcome <> 'stored' THEN
    RETURN;
  END IF;

  UPDATE board_acks b
     SET accepted = b.accepted OR coalesce(a.accepted, false),
         quotas_applied = b.quotas_applied OR coalesce(a."quotasApplied", false)
    FROM jsonb_to_recordset(p_acks) AS a("itemId" text, accepted boolean, "quotasApplied" boolean)
   WHERE b.district_id = p_district AND b.terminal_id = p_terminal AND b.item_id = a."itemId"
     AND (coalesce(a.accepted, false) AND NOT b.accepted OR coalesce(a."quotasApplied", false) AND NOT b.quotas_applied);

  IF p_owner_messages IS NOT NULL AND jsonb_array_length(p_owner_messages) > 0 THEN
    INSERT INTO owner_messages (district_id, terminal_id, message_id, body, written_at, bundle_sequence)
    SELECT p_district, p_terminal, m.id, m.text, to_timestamp(m."writtenAt" / 1000.0), p_sequence
      FROM jsonb_to_recordset(p_owner_messages) AS m(id bigint, text text, "writtenAt" bigint)
    ON CONFLICT DO NOTHING;
  END IF;
END $$;

-- Down Migration
DROP FUNCTION fleet_write_bundle(text, text, bigint, text, int, date, date, bytea, jsonb, jsonb, jsonb, jsonb, jsonb);
DROP TABLE owner_messages;
ALTER TABLE board_acks DROP COLUMN quotas_applied;
ALTER TABLE board_acks DROP COLUMN accepted;
