-- $1 id, $2 now: moves a live session's idle expiry.
UPDATE {table}
SET last_accessed_at = $2::timestamptz,
    expires_at = {expiry($2::timestamptz, idle_timeout, created_at, max_lifetime)}
WHERE id = $1::text AND expires_at > $2::timestamptz AND last_accessed_at <= $2::timestamptz
