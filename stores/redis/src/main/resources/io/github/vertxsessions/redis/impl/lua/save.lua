-- save: creates a session or applies a delta to it, in one step.
-- KEYS: the session key. ARGV: now, creation (1 or 0), createdAt, idleTimeout, maxLifetime, cookieMaxAge, key prefix,
-- then the owner: 1 to store it (0: leave it as it is), the principal (empty for none), 1 if there is a description,
-- the description, and (Cluster) how far the caller indexed the principal; then the number of fields to delete,
-- those fields, then field/value pairs to set. Returns the new version, GONE or DUPLICATE; on those two nothing is
-- written. In Cluster, when the index needs work, returns {version, the principal the session left or false, the
-- principal whose index must cover it or false, up to when}.
--
-- RedisSessionStoreImpl sends it for a creation or a change of owner; update.lua does the other saves, with less.
-- The index's helpers are created only when the owner changes or the index must cover the session.
local key = KEYS[1]
local prefix = ARGV[7]
local creation = ARGV[2] == '1'
local m = meta(key)
local live = isLive(m)
-- The principal the key held, even for a creation that replaces an expired session of someone.
local old = m and m.principal or nil
-- The session as this save leaves it, worked out here so that one HSET writes every field that changes, the version
-- included (the script is atomic: no other save can increment it in between).
if creation then
  if live then
    return DUPLICATE
  end
  -- An expired session, or a key that is not a session at all, gives way to the new one.
  redis.call('DEL', key)
  m = {version = 1, createdAt = tonumber(ARGV[3]), maxLifetime = tonumber(ARGV[5]), described = false}
elseif not live then
  return GONE
else
  m.version = m.version + 1
end
m.lastAccessedAt = now
m.idleTimeout = tonumber(ARGV[4])
local fields = {'version', string.format('%d', m.version), 'lastAccessedAt', ARGV[1], 'idleTimeout', ARGV[4],
  'cookieMaxAge', ARGV[6]}
if creation then
  table.insert(fields, 'createdAt')
  table.insert(fields, ARGV[3])
  table.insert(fields, 'maxLifetime')
  table.insert(fields, ARGV[5])
end
local removed = {}
local unset = tonumber(ARGV[13])
for i = 14, 13 + unset do
  removed[#removed + 1] = ARGV[i]
end
for i = 14 + unset, #ARGV do
  fields[#fields + 1] = ARGV[i]
end

local setOwner = ARGV[8] == '1'
local principal = old
if setOwner then
  principal = ARGV[9] ~= '' and ARGV[9] or nil
elseif creation then
  principal = nil
end
local left = false
if principal ~= old then
  local ix = indexing(prefix)
  local id = ix.id(key)
  if old ~= nil then
    if INDEX_HERE then
      ix.remove(ix.key(old), id)
    else
      left = old
    end
  end
  if principal ~= nil then
    local upto
    if INDEX_HERE then
      upto = ix.horizon(m)
      ix.add(ix.key(principal), id, upto)
    else
      -- What the caller indexed; without it, cover() below reports the session as not covered yet.
      upto = tonumber(ARGV[12])
    end
    table.insert(fields, 'principal')
    table.insert(fields, principal)
    if upto ~= nil then
      table.insert(fields, 'indexedUntil')
      table.insert(fields, string.format('%d', upto))
    elseif m.indexedUntil ~= nil then
      table.insert(removed, 'indexedUntil')
    end
    m.indexedUntil = upto
  elseif m.principal ~= nil then
    table.insert(removed, 'principal')
    table.insert(removed, 'indexedUntil')
  end
  m.principal = principal
end
if setOwner then
  if ARGV[10] == '1' then
    table.insert(fields, 'description')
    table.insert(fields, ARGV[11])
  elseif m.described then
    table.insert(removed, 'description')
  end
end
local covering = m.principal and cover(key, m, prefix, fields)
-- Removed first: a field both removed and set (none is) would end set, as it would with the fields apart.
if #removed > 0 then
  callWith('HDEL', key, removed)
end
callWith('HSET', key, fields)
expire(key, m)
if left or covering then
  return {m.version, left, covering and covering[1] or false, covering and covering[2] or false}
end
return m.version
