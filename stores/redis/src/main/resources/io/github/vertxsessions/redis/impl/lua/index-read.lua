-- index-read (Cluster): KEYS: an index key. ARGV: now. Drops the members scored at or before now (expired sessions)
-- and returns the others as ID/score pairs, scores as Redis writes them (negative: found stale once, see
-- index-repair.lua).
if type(redis.pcall('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1])) == 'table' then
  return {}
end
return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
