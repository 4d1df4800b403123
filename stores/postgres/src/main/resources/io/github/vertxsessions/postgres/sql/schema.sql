-- The table and its indexes, created if missing when schema creation is on; sent as one simple query at start.
-- docs/store-postgres.md shows the same DDL for the default table name (PgSchemaTest checks that it works).
CREATE TABLE IF NOT EXISTS {table} (
  id               text PRIMARY KEY,       -- the session ID
  created_at       timestamptz NOT NULL,   -- times: the store's clock, to the millisecond
  last_accessed_at timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,   -- SessionRecord.expiresAt() (expiry.sql), for filters, the sweeper, its index
  idle_timeout     bigint NOT NULL,        -- durations: milliseconds
  max_lifetime     bigint NOT NULL,        -- 0: none
  cookie_max_age   bigint NOT NULL,        -- -1: the handler's default
  version          bigint NOT NULL,        -- 1 at creation, one up with every save
  principal        text,                   -- null when nobody is logged in
  description      text,
  attributes       jsonb NOT NULL          -- one object, attribute name to JSON value
);
-- findByPrincipal
CREATE INDEX IF NOT EXISTS {principal_idx} ON {table} (principal) WHERE principal IS NOT NULL;
-- the sweeper
CREATE INDEX IF NOT EXISTS {expires_at_idx} ON {table} (expires_at);
