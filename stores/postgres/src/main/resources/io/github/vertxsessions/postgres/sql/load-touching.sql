-- $1 id, $2 now, $3 touched when last accessed at or before: the session, touched in the same statement if due.
-- Sent only when load.sql found the session's touch due (once per touch interval), as a plain read costs PostgreSQL
-- about a quarter less CPU than this statement whose touch is not due.
-- A touch that is not due matches no row, writes nothing and leaves the plain read to the second branch, which sees
-- the row as it was when the statement began.
WITH touched AS (
  UPDATE {table}
  SET last_accessed_at = $2::timestamptz,
      expires_at = {expiry($2::timestamptz, idle_timeout, created_at, max_lifetime)}
  WHERE id = $1::text AND expires_at > $2::timestamptz AND last_accessed_at <= $3::timestamptz
  RETURNING {columns}
)
SELECT {columns} FROM touched
UNION ALL
SELECT {columns} FROM {table}
WHERE id = $1::text AND expires_at > $2::timestamptz AND NOT EXISTS (SELECT 1 FROM touched)
