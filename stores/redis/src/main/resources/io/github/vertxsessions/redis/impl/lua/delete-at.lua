-- delete-at (Cluster), once copy.lua wrote the session elsewhere: KEYS: the key a session moved from. ARGV: now, the
-- version copied. Deletes the key if it still holds that version of a live session. Returns the version found there:
-- the one given when it deleted the key, another when a save came in between (nothing is deleted), or GONE when the
-- session is missing or expired.
local m = meta(KEYS[1])
if not isLive(m) then
  return GONE
end
if m.version == tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
end
return m.version
