-- $1 id, $2 attributes (JSON text), $3 created_at, $4 now, $5 idle_timeout, $6 max_lifetime, $7 cookie_max_age,
-- $8 principal, $9 description: inserts, or replaces an expired row; no row back when a live one has the ID.
INSERT INTO {table} AS s (id, attributes, version, created_at, last_accessed_at, expires_at,
                          idle_timeout, max_lifetime, cookie_max_age, principal, description)
VALUES ($1::text, $2::text::jsonb, 1, $3::timestamptz, $4::timestamptz,
        {expiry($4::timestamptz, $5::bigint, $3::timestamptz, $6::bigint)},
        $5::bigint, $6::bigint, $7::bigint, $8::text, $9::text)
ON CONFLICT (id) DO UPDATE
SET attributes = EXCLUDED.attributes, version = EXCLUDED.version, created_at = EXCLUDED.created_at,
    last_accessed_at = EXCLUDED.last_accessed_at, expires_at = EXCLUDED.expires_at,
    idle_timeout = EXCLUDED.idle_timeout, max_lifetime = EXCLUDED.max_lifetime,
    cookie_max_age = EXCLUDED.cookie_max_age, principal = EXCLUDED.principal, description = EXCLUDED.description
WHERE s.expires_at <= $4::timestamptz
RETURNING s.version
