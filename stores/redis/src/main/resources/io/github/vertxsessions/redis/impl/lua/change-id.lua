-- change-id (standalone and Sentinel): KEYS: the key a session moves from, the key it moves to. ARGV: now, key
-- prefix. Moves a live session to the second key in one step: one version up, accessed now, its expiry following,
-- and its principal's index holding the new ID instead of the old one. Returns the new version, GONE when the old
-- session is missing or expired, or DUPLICATE when the new key holds a live session; on those two nothing is written.
local from, to = KEYS[1], KEYS[2]
local hash, m = read(from)
if not isLive(m) then
  return GONE
end
if isLive(meta(to)) then
  return DUPLICATE
end
m.version = m.version + 1
m.lastAccessedAt = now
local fields = {'version', string.format('%d', m.version), 'lastAccessedAt', ARGV[1]}
if m.principal ~= nil then
  -- The new ID joins the index as a log-in's would, covered from now on.
  local ix = indexing(ARGV[2])
  local idx = ix.key(m.principal)
  ix.remove(idx, ix.id(from))
  m.indexedUntil = ix.horizon(m)
  ix.add(idx, ix.id(to), m.indexedUntil)
  table.insert(fields, 'indexedUntil')
  table.insert(fields, string.format('%d', m.indexedUntil))
end
-- An expired session, or a key that is not a session at all, gives way to the moved one.
redis.call('DEL', to)
callWith('HSET', to, updated(hash, fields))
expire(to, m)
redis.call('DEL', from)
return m.version
