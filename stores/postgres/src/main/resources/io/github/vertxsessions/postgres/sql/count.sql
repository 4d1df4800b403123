-- $1 now.
SELECT count(*) FROM {table} WHERE expires_at > $1::timestamptz
