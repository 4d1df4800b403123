-- index-repair (Cluster): KEYS: an index key. ARGV: now, grace, then per member: ID, the score read, and the score
-- to restore (or empty). A member whose score changed since the read is left alone (a save re-indexed it meanwhile).
-- Otherwise it gets its restored score when given one (its session is live and owned), and else is taken for stale:
-- the first time marked with the negative of now, and removed once it has been marked at least grace ago. The grace
-- covers a log-in in flight, which indexes the session before it saves it.
local now = tonumber(ARGV[1])
local grace = tonumber(ARGV[2])
if redis.call('TYPE', KEYS[1]).ok ~= 'zset' then
  return 0
end
for i = 3, #ARGV, 3 do
  local id, seen, restore = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if redis.call('ZSCORE', KEYS[1], id) == seen then
    if restore ~= '' then
      redis.call('ZADD', KEYS[1], restore, id)
    elseif tonumber(seen) > 0 then
      redis.call('ZADD', KEYS[1], string.format('%d', -now), id)
    elseif now + tonumber(seen) >= grace then
      redis.call('ZREM', KEYS[1], id)
    end
  end
end
return 0
