-- confirm-cover (Cluster), once an index covers a session up to a horizon: KEYS: the session key. ARGV: now,
-- principal, horizon. Records the horizon if the session still has that principal and was covered less far.
local m = meta(KEYS[1])
if m ~= nil and m.principal == ARGV[2] and (m.indexedUntil == nil or m.indexedUntil < tonumber(ARGV[3])) then
  redis.call('HSET', KEYS[1], 'indexedUntil', ARGV[3])
end
return 0
