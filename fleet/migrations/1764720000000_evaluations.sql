-- Up Migration
-- Bundle schema version 2 (issue 12): each terminal's quarterly five-function
-- evaluation as graded on the terminal. One row per terminal and quarter; a
-- regrade in a later bundle (higher sequence) replaces it. `detail` holds the
-- scores, deductions and rectification items as the bundle carried them.

CREATE TABLE evaluations (
  district_id text NOT NULL,
  terminal_id text NOT NULL,
  quarter text NOT NULL CHECK (quarter ~ '^\d{4}-Q[1-4]$'),
  evaluated_on date NOT NULL,
  total int CHECK (total BETWEEN 0 AND 100),
  grade text CHECK (grade IN ('优秀', '良好', '合格', '不合格')),
  rectification_deadline date,
  detail jsonb NOT NULL,
  bundle_sequence bigint NOT NULL,
  PRIMARY KEY (district_id, terminal_id, quarter)
);

-- Down Migration
DROP TABLE evaluations;
