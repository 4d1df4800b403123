-- copy (Cluster, see ClusterIdChange): KEYS: the key a session moves to. ARGV: now, how far the caller indexed the
-- session's principal (empty when it has none), then the session's hash as peek.lua read it under its old key, as
-- field/value pairs. Writes the session there one version up and accessed now, and returns that version; returns
-- DUPLICATE when the key holds a live session, and GONE when the hash is no well-formed session or the session has
-- reached the end of its absolute lifetime since it was read; on those two nothing is written.
local key = KEYS[1]
if isLive(meta(key)) then
  return DUPLICATE
end
local hash = {}
local v = {}
for i = 3, #ARGV, 2 do
  table.insert(hash, ARGV[i])
  table.insert(hash, ARGV[i + 1])
  v[ARGV[i]] = ARGV[i + 1]
end
local m = session(v.version, v.createdAt, v.lastAccessedAt, v.idleTimeout, v.maxLifetime, v.cookieMaxAge,
  v.principal, v.indexedUntil, v.description)
if m == nil then
  return GONE
end
m.version = m.version + 1
m.lastAccessedAt = now
if not isLive(m) then
  return GONE
end
local fields = {'version', string.format('%d', m.version), 'lastAccessedAt', ARGV[1]}
if ARGV[2] ~= '' then
  table.insert(fields, 'indexedUntil')
  table.insert(fields, ARGV[2])
end
-- An expired session, or a key that is not a session at all, gives way to the copy.
redis.call('DEL', key)
callWith('HSET', key, updated(hash, fields))
expire(key, m)
return m.version
