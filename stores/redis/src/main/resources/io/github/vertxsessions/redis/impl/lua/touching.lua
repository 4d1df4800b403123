-- For the scripts that touch a session (composed after session.lua and index.lua).

-- Marks a live session accessed now, with one HSET and one PEXPIRE (and the index's commands, at most once per idle
-- timeout). Returns the fields written, as pairs, and what cover() returns.
local function touch(key, m, prefix)
  m.lastAccessedAt = now
  local fields = {'lastAccessedAt', ARGV[1]}
  local covering = cover(key, m, prefix, fields)
  redis.call('HSET', key, unpack(fields))
  expire(key, m)
  return fields, covering
end
