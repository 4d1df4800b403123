-- peek (Cluster): KEYS: a session key. ARGV: now, and a principal or nothing. Returns the session hash when the
-- session is live (and owned by that principal, when one is given), nil otherwise. Never touches it.
local hash, m = read(KEYS[1])
if isLive(m) and (ARGV[2] == nil or m.principal == ARGV[2]) then
  return hash
end
return false
