-- touch: marks a live session accessed; does nothing otherwise.
-- KEYS: the session key. ARGV: now, key prefix. Returns 0, or (Cluster) {principal, horizon} when the principal's
-- index must cover the session further.
local m = meta(KEYS[1])
if isLive(m) then
  local _, covering = touch(KEYS[1], m, ARGV[2])
  if covering then
    return covering
  end
end
return 0
