-- $1 id, $2 now: the live session, read only. Its touch, when due, is load-touching.sql, sent after this.
SELECT {columns} FROM {table} WHERE id = $1::text AND expires_at > $2::timestamptz
