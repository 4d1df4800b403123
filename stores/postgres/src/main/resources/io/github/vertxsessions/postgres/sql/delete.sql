-- $1 id.
DELETE FROM {table} WHERE id = $1::text
