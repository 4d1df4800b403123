-- load: a read whose touch the Java side found due (RedisSessionStoreImpl.load reads with a plain HGETALL first).
-- KEYS: the session key. ARGV: now, touchInterval, key prefix. Returns the session hash as field/value pairs
-- (touched first when still due: another request may have touched it since), nil when it is missing or expired, or
-- a status reply saying why the key cannot be a session.
local key = KEYS[1]
local hash, m = read(key)
if m == nil then
  if hash == nil then
    -- Only a key that is no session costs this second command.
    return {ok = 'a ' .. redis.call('TYPE', key).ok .. ', not a hash'}
  end
  if #hash == 0 then
    return false
  end
  return {ok = 'a hash without valid timing fields'}
end
if expiresAt(m) <= now then
  return false
end
if now - m.lastAccessedAt >= tonumber(ARGV[2]) then
  -- In Cluster the caller sees from the hash whether the index must cover the session further.
  local written = touch(key, m, ARGV[3])
  return updated(hash, written)
end
return hash
