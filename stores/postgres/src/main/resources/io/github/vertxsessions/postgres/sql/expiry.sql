-- The one rule of expiry in SQL, a copy of SessionRecord.expiresAt() in core
-- (core/src/main/java/io/github/vertxsessions/spi/SessionRecord.java), which is the rule: the idle expiry, capped by
-- the absolute lifetime when there is one (LEAST ignores the NULL of none).
-- A duration longer than 100 years (3155760000000 ms) counts as that long here, which keeps the arithmetic exact
-- (a whole number of milliseconds times one stays exact below 2^53 microseconds) and inside what timestamptz holds.
-- The statements use it as {expiry(accessed_at, idle_timeout, created_at, max_lifetime)} with their own expressions.
LEAST({accessed_at} + LEAST({idle_timeout}, 3155760000000) * INTERVAL '1 millisecond',
      CASE WHEN {max_lifetime} > 0 THEN {created_at} + LEAST({max_lifetime}, 3155760000000) * INTERVAL '1 millisecond' END)
