-- The index of sessions by principal (see PrincipalIndex), for the scripts that may update it (composed after
-- session.lua). Its helpers are made by indexing(), which a script calls only when the index needs work (at a
-- log-in or log-out, and at most once per idle timeout of activity): a save or a touch that leaves the index alone
-- does not pay for creating them.

local function indexing(prefix)
  local ix = {}

  -- How far the index covers a session indexed now: one idle timeout past its expiry, within its lifetime. The same
  -- rule as SessionHash.horizon(), which Cluster's separate index commands use.
  function ix.horizon(m)
    local at = expiresAt(m) + m.idleTimeout
    if m.maxLifetime > 0 then
      at = math.min(at, m.createdAt + m.maxLifetime)
    end
    return at
  end

  function ix.key(principal)
    return prefix .. INDEX_INFIX .. principal
  end

  -- The session ID of a session key.
  function ix.id(key)
    return string.sub(key, #prefix + 1)
  end

  -- Takes id out of an index; a key of another type there holds nothing to take out.
  function ix.remove(idx, id)
    redis.pcall('ZREM', idx, id)
  end

  -- Puts id in an index scored upto, and keeps the index key alive until upto at least. A key of another type
  -- under the index's name is not an index: it gives way, as a session key that is not a session does.
  function ix.add(idx, id, upto)
    local score = string.format('%d', upto)
    if type(redis.pcall('ZADD', idx, score, id)) == 'table' then
      redis.call('DEL', idx)
      redis.call('ZADD', idx, score, id)
    end
    local ttl = ttlUntil(upto)
    if redis.call('PTTL', idx) < tonumber(ttl) then
      redis.call('PEXPIRE', idx, ttl)
    end
  end

  return ix
end

-- After the session's expiry moved: if the session now outlives what its index covers, covers it up to a new horizon
-- and adds indexedUntil to the fields (pairs) the caller writes. Returns nil when nothing is left to do, or (Cluster)
-- {principal, horizon} for the caller to cover.
local function cover(key, m, prefix, fields)
  if m.principal == nil or (m.indexedUntil ~= nil and m.indexedUntil >= expiresAt(m)) then
    return nil
  end
  local ix = indexing(prefix)
  local upto = ix.horizon(m)
  if not INDEX_HERE then
    return {m.principal, string.format('%d', upto)}
  end
  ix.add(ix.key(m.principal), ix.id(key), upto)
  table.insert(fields, 'indexedUntil')
  table.insert(fields, string.format('%d', upto))
  m.indexedUntil = upto
  return nil
end
