package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.spi.SessionRecord;

/**
 * The server side of the store: each operation on a session is one script on the session's key, so it is atomic and
 * costs one command. Every session script gets the store clock's now as ARGV[1] and decides expiry by it, then sets
 * the key's time to live to what is left, so Redis drops idle sessions on its own whatever its own clock says.
 *
 * <p>Field layout of a session hash: {@code version}, {@code createdAt}, {@code lastAccessedAt}, {@code idleTimeout},
 * {@code maxLifetime}, {@code cookieMaxAge} (decimal integers, epoch milliseconds and milliseconds), and one
 * {@code d:<name>} field per attribute holding the value as JSON text. A key that is not such a hash is not a
 * session: loads report it as unreadable, saves and creations treat it as missing.
 */
final class SessionScripts {

  /** What {@link #SAVE} returns instead of a version when the session is missing or expired. */
  static final long GONE = -1;
  /** What {@link #SAVE} returns instead of a version when a creation meets a live session. */
  static final long DUPLICATE = -2;

  private static final String PRELUDE = """
    local now = tonumber(ARGV[1])
    -- About 35,000 years: beyond any session, and far inside what PEXPIRE accepts.
    local MAX_TTL = 1125899906842624

    -- The timing fields of a session, or nil when the key holds no well-formed session hash. Integers only, as the
    -- Java side reads them and as HINCRBY needs: a script that failed half-way would leave its first writes behind.
    local function meta(key)
      if redis.call('TYPE', key).ok ~= 'hash' then
        return nil
      end
      local f = redis.call('HMGET', key, 'version', 'createdAt', 'lastAccessedAt', 'idleTimeout', 'maxLifetime',
        'cookieMaxAge')
      for i = 1, 6 do
        if not f[i] or not string.match(f[i], '^%-?%d+$') then
          return nil
        end
        f[i] = tonumber(f[i])
      end
      return {createdAt = f[2], lastAccessedAt = f[3], idleTimeout = f[4], maxLifetime = f[5]}
    end

    -- The same rule as SessionRecord.expiresAt(): idle expiry, capped by the absolute lifetime.
    local function expiresAt(m)
      local at = m.lastAccessedAt + m.idleTimeout
      if m.maxLifetime > 0 then
        at = math.min(at, m.createdAt + m.maxLifetime)
      end
      return at
    end

    local function isLive(m)
      return m ~= nil and expiresAt(m) > now
    end

    local function expire(key, m)
      local ttl = math.max(1, math.min(expiresAt(m) - now, MAX_TTL))
      redis.call('PEXPIRE', key, string.format('%d', ttl))
    end

    local function touch(key, m)
      redis.call('HSET', key, 'lastAccessedAt', ARGV[1])
      m.lastAccessedAt = now
      expire(key, m)
    end
    """;

  /**
   * ARGV: now, touchInterval. Returns the session hash as field/value pairs (touched first when due), nil when it
   * is missing or expired, or a status reply saying why the key cannot be a session.
   */
  static final LuaScript LOAD = new LuaScript(PRELUDE + """
    local key = KEYS[1]
    local m = meta(key)
    if m == nil then
      local kind = redis.call('TYPE', key).ok
      if kind == 'none' then
        return false
      end
      return {ok = kind == 'hash' and 'a hash without valid timing fields' or 'a ' .. kind .. ', not a hash'}
    end
    if expiresAt(m) <= now then
      return false
    end
    if now - m.lastAccessedAt >= tonumber(ARGV[2]) then
      touch(key, m)
    end
    return redis.call('HGETALL', key)
    """);

  /**
   * ARGV: now, creation (1 or 0), createdAt, idleTimeout, maxLifetime, cookieMaxAge, the number of fields to
   * delete, those fields, then field/value pairs to set. Returns the new version, {@link #GONE} or
   * {@link #DUPLICATE}; on those two nothing is written.
   */
  static final LuaScript SAVE = new LuaScript(PRELUDE + """
    local key = KEYS[1]
    local creation = ARGV[2] == '1'
    local live = isLive(meta(key))
    if creation then
      if live then
        return %d
      end
      -- An expired session, or a key that is not a session at all, gives way to the new one.
      redis.call('DEL', key)
      -- Version 0 here, so that the increment below makes every save, creations included, return the new version.
      redis.call('HSET', key, 'version', 0, 'createdAt', ARGV[3], 'maxLifetime', ARGV[5])
    elseif not live then
      return %d
    end
    redis.call('HSET', key, 'lastAccessedAt', ARGV[1], 'idleTimeout', ARGV[4], 'cookieMaxAge', ARGV[6])
    local unset = tonumber(ARGV[7])
    for i = 8, 7 + unset do
      redis.call('HDEL', key, ARGV[i])
    end
    for i = 8 + unset, #ARGV, 2 do
      redis.call('HSET', key, ARGV[i], ARGV[i + 1])
    end
    local version = redis.call('HINCRBY', key, 'version', 1)
    expire(key, meta(key))
    return version
    """.formatted(DUPLICATE, GONE));

  /** ARGV: now. Marks a live session accessed; does nothing otherwise. */
  static final LuaScript TOUCH = new LuaScript(PRELUDE + """
    local m = meta(KEYS[1])
    if isLive(m) then
      touch(KEYS[1], m)
    end
    return 0
    """);

  /** ARGV: now. Returns 1 for a live session, 0 otherwise. */
  static final LuaScript IS_LIVE = new LuaScript(PRELUDE + """
    return isLive(meta(KEYS[1])) and 1 or 0
    """);

  private SessionScripts() {
  }
}
