-- $1 id, $2 now: deletes the row of an expired session, so that an ID change may take its ID as a creation may.
DELETE FROM {table} WHERE id = $1::text AND expires_at <= $2::timestamptz
