-- find (standalone and Sentinel): the live sessions of a principal.
-- KEYS: the index key. ARGV: now, key prefix, principal. Drops the members scored at or before now and those whose
-- session is gone or belongs to someone else; returns ID/hash pairs for the others, untouched.
local idx = KEYS[1]
local prefix = ARGV[2]
-- A key of another type there is no index: nothing is found.
if type(redis.pcall('ZREMRANGEBYSCORE', idx, '-inf', ARGV[1])) == 'table' then
  return {}
end
local found = {}
for _, id in ipairs(redis.call('ZRANGE', idx, 0, -1)) do
  local hash, m = read(prefix .. id)
  if isLive(m) and m.principal == ARGV[3] then
    table.insert(found, id)
    table.insert(found, hash)
  else
    redis.call('ZREM', idx, id)
  end
end
return found
