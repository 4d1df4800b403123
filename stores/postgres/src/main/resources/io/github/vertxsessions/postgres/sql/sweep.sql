-- $1 now, $2 batch size: deletes up to that many expired rows.
-- SKIP LOCKED: two nodes sweeping at once take different rows, and neither waits on a request's row. Still filtered
-- on expiry outside: a row re-created meanwhile is live.
DELETE FROM {table}
WHERE id IN (SELECT id FROM {table} WHERE expires_at <= $1::timestamptz LIMIT $2::bigint FOR UPDATE SKIP LOCKED)
  AND expires_at <= $1::timestamptz
RETURNING id, principal
