-- Up Migration
-- Terminals not enrolled yet (issue 15, the rep's enrolment page): a bundle
-- from an unknown terminal is refused and writes no figures, but when it is
-- signed by the key it carries, that key is noted here under its fingerprint,
-- so that the rep only has to type the fingerprint the terminal shows and
-- pick the shop. Not keyed by district: such a terminal has none yet. Rows
-- are removed at enrolment and when older than 30 days (fleet/enrolment.ts).

CREATE TABLE pending_terminals (
  fingerprint text PRIMARY KEY,
  terminal_id text NOT NULL,
  public_key text NOT NULL,
  business_format text NOT NULL,
  last_seen timestamptz NOT NULL DEFAULT now()
);

-- A terminal that learnt no district sends 'unassigned'; once enrolled it is
-- found by its id and pinned key.
CREATE INDEX terminals_by_terminal_id ON terminals (terminal_id);

-- Down Migration
DROP INDEX terminals_by_terminal_id;
DROP TABLE pending_terminals;
