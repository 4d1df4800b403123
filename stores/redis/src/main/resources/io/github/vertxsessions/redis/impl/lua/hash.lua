-- For the scripts that read or write a session's whole hash (composed after session.lua).

-- The hash under key as field/value pairs, and the session it holds (one HGETALL). The hash is nil when the key is
-- not a hash, and empty when there is no key; the session is nil unless the hash is a well-formed session.
local function read(key)
  local hash = ofHash(redis.pcall('HGETALL', key))
  if hash == nil then
    return nil, nil
  end
  local v = {}
  for i = 1, #hash, 2 do
    v[hash[i]] = hash[i + 1]
  end
  return hash, session(v.version, v.createdAt, v.lastAccessedAt, v.idleTimeout, v.maxLifetime, v.cookieMaxAge,
    v.principal, v.indexedUntil, v.description)
end

-- The pairs of hash with the pairs of fields written over it: a hash as it is after an HSET of those fields.
local function updated(hash, fields)
  local at = {}
  for i = 1, #hash, 2 do
    at[hash[i]] = i + 1
  end
  for i = 1, #fields, 2 do
    if at[fields[i]] then
      hash[at[fields[i]]] = fields[i + 1]
    else
      table.insert(hash, fields[i])
      table.insert(hash, fields[i + 1])
    end
  end
  return hash
end
