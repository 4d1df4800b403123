-- No parameters: fails when the table is missing (schema creation off).
SELECT 1 FROM {table} LIMIT 0
