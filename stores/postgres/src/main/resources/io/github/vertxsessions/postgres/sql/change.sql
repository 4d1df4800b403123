-- $1 id, $2 now, $3 names to remove (text[]), $4 attributes to set (JSON text), $5 idle_timeout, $6 cookie_max_age,
-- $7 whether the owner changes, $8 principal, $9 description: the new version, or no row when the session is gone or
-- expired. The stored creation time and lifetime win over the delta's: the expiry reads them from the row.
UPDATE {table}
SET attributes = (attributes - $3::text[]) || $4::text::jsonb,
    version = version + 1,
    last_accessed_at = $2::timestamptz,
    idle_timeout = $5::bigint,
    cookie_max_age = $6::bigint,
    expires_at = {expiry($2::timestamptz, $5::bigint, created_at, max_lifetime)},
    principal = CASE WHEN $7::boolean THEN $8::text ELSE principal END,
    description = CASE WHEN $7::boolean THEN $9::text ELSE description END
WHERE id = $1::text AND expires_at > $2::timestamptz
RETURNING version
