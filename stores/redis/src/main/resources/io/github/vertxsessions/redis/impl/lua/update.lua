-- update: applies a delta that leaves the owner alone to a live session, in one step: nearly every save. A creation
-- and a change of owner take save.lua; this one does only what such a delta needs, with fewer arguments and branches.
-- KEYS: the session key. ARGV: now, idleTimeout, cookieMaxAge, key prefix, the number of fields to delete, those
-- fields, then field/value pairs to set. Returns the new version, or GONE (writing nothing) when the session is
-- missing or expired. In Cluster, when the index must cover the session further, returns {version, false, principal,
-- up to when}, as save.lua does.
--
-- One HMGET, one HSET and one PEXPIRE (an HDEL more when attributes go); the index's helpers are made only when the
-- session's expiry moves past what its principal's index covers.
local key = KEYS[1]
local m = meta(key)
if not isLive(m) then
  return GONE
end
m.version = m.version + 1
m.lastAccessedAt = now
m.idleTimeout = tonumber(ARGV[2])
local fields = {'version', string.format('%d', m.version), 'lastAccessedAt', ARGV[1], 'idleTimeout', ARGV[2],
  'cookieMaxAge', ARGV[3]}
local unset = tonumber(ARGV[5])
for i = 6 + unset, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local covering = m.principal and cover(key, m, ARGV[4], fields)
if unset > 0 then
  local removed = {}
  for i = 6, 5 + unset do
    removed[#removed + 1] = ARGV[i]
  end
  -- Removed first: a field both removed and set (none is) would end set, as it would with the fields apart.
  callWith('HDEL', key, removed)
end
callWith('HSET', key, fields)
expire(key, m)
if covering then
  return {m.version, false, covering[1], covering[2]}
end
return m.version
