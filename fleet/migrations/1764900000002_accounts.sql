-- Up Migration
-- Logins for the district office: reps see their own shops (shops.rep = the
-- rep's login), managers their district. Passwords are stored as scrypt
-- hashes (fleet/auth.ts). Sessions are kept by the SHA-256 of their token, so
-- a copy of this table opens no session; each has its own CSRF token.
-- A small table read by login, not a fact table: under Citus a reference table.

CREATE TABLE accounts (
  login text PRIMARY KEY CHECK (login ~ '^[\w.:-]{1,64}$'),
  district_id text NOT NULL REFERENCES districts,
  role text NOT NULL CHECK (role IN ('rep', 'manager')),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_sha256 bytea PRIMARY KEY,
  login text NOT NULL REFERENCES accounts ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_by_login ON sessions (login);

-- Down Migration
DROP TABLE sessions, accounts;
