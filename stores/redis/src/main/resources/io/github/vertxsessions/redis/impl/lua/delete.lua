-- delete: deletes the key, and the session from its principal's index.
-- KEYS: the session key. ARGV: now, key prefix. Returns the principal the session had, for Cluster to remove it from
-- the index; false when it had none.
local key = KEYS[1]
-- An error reply (the key is not a hash) means no principal.
local principal = redis.pcall('HGET', key, 'principal')
redis.call('DEL', key)
if type(principal) ~= 'string' then
  return false
end
if INDEX_HERE then
  local ix = indexing(ARGV[2])
  ix.remove(ix.key(principal), ix.id(key))
end
return principal
