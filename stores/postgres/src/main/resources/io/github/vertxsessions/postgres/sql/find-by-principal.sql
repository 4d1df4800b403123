-- $1 principal, $2 now: through the partial index on principal.
SELECT {columns} FROM {table} WHERE principal = $1::text AND expires_at > $2::timestamptz
