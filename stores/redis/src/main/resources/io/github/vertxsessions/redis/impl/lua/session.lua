-- What every script on a session key shares: the hash layout's rules (see SessionScripts for the layout).
-- SessionScripts puts this after the one line of constants it generates (INDEX_HERE, INDEX_INFIX, GONE, DUPLICATE)
-- and before the script's own part. Every call of a script creates each of its local functions anew, which is
-- measurable beside commands that cost a microsecond: only what most session scripts use lives here; what reads
-- whole hashes is in hash.lua, the index's helpers in index.lua.

local now = tonumber(ARGV[1])
-- About 35,000 years: beyond any session, and far inside what PEXPIRE accepts.
local MAX_TTL = 1125899906842624
-- Saves increment the version as a Lua number, exact up to here; no session gets there by saves.
local MAX_VERSION = 9007199254740992
-- What one command may be passed at most: Lua's unpack() gives some thousands of values at most.
local CHUNK = 4000

-- Runs command on key with the values of args after it, in chunks of CHUNK values (even: pairs stay whole).
local function callWith(command, key, args)
  for i = 1, #args, CHUNK do
    redis.call(command, key, unpack(args, i, math.min(i + CHUNK - 1, #args)))
  end
end

-- A redis.pcall reply on a session key: nil for WRONGTYPE (the key is not a hash, so not a session), so that no
-- TYPE command is needed first; any other error is raised as redis.call would.
local function ofHash(reply)
  if reply.err == nil then
    return reply
  end
  if string.sub(reply.err, 1, 9) == 'WRONGTYPE' then
    return nil
  end
  error(reply)
end

-- Whether n (from tonumber) is an integer; nil, a fraction, an infinity or NaN is not. A missing field comes as false
-- from Redis, which tonumber() turns into nil. tonumber() rather than a pattern match per field, which costs several
-- times as much on every call: so a value such as '1e3' or '0x10', which no store writes, counts as an integer here
-- while SessionHash.decode refuses it; such a hand-made hash loads as unreadable (missing), as the contract asks, and
-- the scripts merely keep it. A script must never fail half-way, which would leave its first writes behind.
local function whole(n)
  return n ~= nil and n % 1 == 0
end

-- The session in these field values, or nil when they are no well-formed session (the rule of SessionHash.decode on
-- the Java side, which also refuses a version from MAX_VERSION on).
local function session(version, createdAt, lastAccessedAt, idleTimeout, maxLifetime, cookieMaxAge, principal,
                       indexedUntil, description)
  version, createdAt, lastAccessedAt = tonumber(version), tonumber(createdAt), tonumber(lastAccessedAt)
  idleTimeout, maxLifetime, cookieMaxAge = tonumber(idleTimeout), tonumber(maxLifetime), tonumber(cookieMaxAge)
  if not (whole(version) and whole(createdAt) and whole(lastAccessedAt) and whole(idleTimeout)
    and whole(maxLifetime) and whole(cookieMaxAge)) or version >= MAX_VERSION then
    return nil
  end
  indexedUntil = principal and tonumber(indexedUntil) or nil
  -- One constructor with every field: the table is sized once.
  return {version = version, createdAt = createdAt, lastAccessedAt = lastAccessedAt, idleTimeout = idleTimeout,
    maxLifetime = maxLifetime, cookieMaxAge = cookieMaxAge, principal = principal or nil,
    indexedUntil = whole(indexedUntil) and indexedUntil or nil, described = description and true or false}
end

-- The session under key without its attributes (one HMGET), or nil when the key holds no well-formed session.
local function meta(key)
  local f = ofHash(redis.pcall('HMGET', key, 'version', 'createdAt', 'lastAccessedAt', 'idleTimeout', 'maxLifetime',
    'cookieMaxAge', 'principal', 'indexedUntil', 'description'))
  if f == nil then
    return nil
  end
  return session(f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9])
end

-- The expiry rule, written once in Java: SessionRecord.expiresAt() (idle expiry, capped by the absolute lifetime).
-- This copy and the Java side's checks of a plain read (RedisSessionStoreImpl.load) must agree with it.
local function expiresAt(m)
  local at = m.lastAccessedAt + m.idleTimeout
  if m.maxLifetime > 0 then
    at = math.min(at, m.createdAt + m.maxLifetime)
  end
  return at
end

-- SessionRecord.isLiveAt(now).
local function isLive(m)
  return m ~= nil and expiresAt(m) > now
end

local function ttlUntil(at)
  return string.format('%d', math.max(1, math.min(at - now, MAX_TTL)))
end

-- Sets the key's time to live to what is left of the session, so that Redis drops it on its own.
local function expire(key, m)
  redis.call('PEXPIRE', key, ttlUntil(expiresAt(m)))
end
