-- Up Migration
-- The overview asks each shop's last visit, and a shop's page its year of
-- days; the fact tables' keys lead with the date (for partitions and Citus),
-- so a shop's rows need their own indexes, district first.
CREATE INDEX visits_by_terminal ON visits (district_id, terminal_id, visit_date DESC);
CREATE INDEX shop_days_by_terminal ON shop_days (district_id, terminal_id, sale_date);

-- Down Migration
DROP INDEX shop_days_by_terminal;
DROP INDEX visits_by_terminal;
