-- $1 id, $2 now, $3 new id: moves a live session, principal included, to the new ID, one version up and accessed now;
-- the new version, or no row when the session is gone or expired. Any row under the new ID, even an expired one,
-- fails it with a unique violation.
-- One statement, so one row lock: a save, delete or revocation of the old ID either commits first, and this moves
-- what it left (or finds nothing), or waits for this and then finds no row under the old ID.
UPDATE {table}
SET id = $3::text,
    version = version + 1,
    last_accessed_at = $2::timestamptz,
    expires_at = {expiry($2::timestamptz, idle_timeout, created_at, max_lifetime)}
WHERE id = $1::text AND expires_at > $2::timestamptz
RETURNING version
