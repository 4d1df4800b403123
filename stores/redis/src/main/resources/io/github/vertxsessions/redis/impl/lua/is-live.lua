-- is-live: KEYS: a session key. ARGV: now. Returns 1 for a live session, 0 otherwise.
return isLive(meta(KEYS[1])) and 1 or 0
