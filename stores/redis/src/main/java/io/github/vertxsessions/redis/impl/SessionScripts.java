package io.github.vertxsessions.redis.impl;

/**
 * The server side of the store: each operation on a session is one script on the session's key, so it is atomic and
 * costs one command. Every session script gets the store clock's now as ARGV[1] and decides expiry by it, then sets
 * the key's time to live to what is left, so Redis drops idle sessions on its own whatever its own clock says.
 *
 * <p>Field layout of a session hash: {@code version}, {@code createdAt}, {@code lastAccessedAt}, {@code idleTimeout},
 * {@code maxLifetime}, {@code cookieMaxAge} (decimal integers, epoch milliseconds and milliseconds), and one
 * {@code d:<name>} field per attribute holding the value as JSON text. A key that is not such a hash is not a
 * session: loads report it as unreadable, saves and creations treat it as missing.
 *
 * <p>A session with an owner has three more fields: {@code principal} and {@code description} (plain text; either
 * absent when there is none) and {@code indexedUntil}, the time until which the principal's index covers this
 * session. The index of a principal is a sorted set under {@code <prefix>principal:<name>} (see
 * {@link PrincipalIndex}) whose members are session IDs scored by their {@code indexedUntil}, and whose key lives at
 * least as long as its highest score. {@code indexedUntil} is never before the session's expiry: a script that moves
 * the expiry past it (a touch or a save, after a long activity) covers the session again up to one idle timeout
 * further, so this happens at most once per idle timeout of activity, and a score at or before now always means an
 * expired session.
 *
 * <p>Each script comes in two builds. {@link #IN_SCRIPT} (standalone and Sentinel) updates the index key in the
 * session's own script, naming it from the principal it reads, which Redis allows outside Cluster: the session and
 * its index never disagree. {@link #SEPARATE} (Cluster, where the index key lives in another slot) never touches the
 * index: its scripts report what the index needs, and {@link PrincipalIndex} sends it as separate commands.
 */
final class SessionScripts {

  /** What {@link #save} returns instead of a version when the session is missing or expired. */
  static final long GONE = -1;
  /** What {@link #save} returns instead of a version when a creation meets a live session. */
  static final long DUPLICATE = -2;

  /** Where the key of a principal's index starts, after the store's key prefix. */
  static final String INDEX_INFIX = "principal:";

  private static final String PRELUDE = """
    local now = tonumber(ARGV[1])
    -- About 35,000 years: beyond any session, and far inside what PEXPIRE accepts.
    local MAX_TTL = 1125899906842624
    -- Whether this script may write the index key of a principal itself (not in Cluster).
    local INDEX_HERE = %s
    local INDEX_INFIX = '%s'

    -- The timing fields of a session, or nil when the key holds no well-formed session hash. Integers only, as the
    -- Java side reads them and as HINCRBY needs: a script that failed half-way would leave its first writes behind.
    -- The owner's principal and how far the index covers the session come in the same command.
    local function meta(key)
      if redis.call('TYPE', key).ok ~= 'hash' then
        return nil
      end
      local f = redis.call('HMGET', key, 'version', 'createdAt', 'lastAccessedAt', 'idleTimeout', 'maxLifetime',
        'cookieMaxAge', 'principal', 'indexedUntil', 'description')
      for i = 1, 6 do
        if not f[i] or not string.match(f[i], '^%%-?%%d+$') then
          return nil
        end
        f[i] = tonumber(f[i])
      end
      local indexedUntil = f[8] and string.match(f[8], '^%%-?%%d+$') and tonumber(f[8]) or nil
      return {createdAt = f[2], lastAccessedAt = f[3], idleTimeout = f[4], maxLifetime = f[5],
        principal = f[7] or nil, indexedUntil = indexedUntil, described = f[9] ~= false}
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

    local function ttlUntil(at)
      return string.format('%%d', math.max(1, math.min(at - now, MAX_TTL)))
    end

    local function expire(key, m)
      redis.call('PEXPIRE', key, ttlUntil(expiresAt(m)))
    end

    local function touch(key, m)
      redis.call('HSET', key, 'lastAccessedAt', ARGV[1])
      m.lastAccessedAt = now
      expire(key, m)
    end

    -- How far the index covers a session indexed now: one idle timeout past its expiry, within its lifetime.
    local function horizon(m)
      local at = expiresAt(m) + m.idleTimeout
      if m.maxLifetime > 0 then
        at = math.min(at, m.createdAt + m.maxLifetime)
      end
      return at
    end

    local function indexKey(prefix, principal)
      return prefix .. INDEX_INFIX .. principal
    end

    -- Takes id out of an index; a key of another type there holds nothing to take out.
    local function unindex(idx, id)
      redis.pcall('ZREM', idx, id)
    end

    -- Puts id in an index scored upto, and keeps the index key alive until upto at least. A key of another type
    -- under the index's name is not an index: it gives way, as a session key that is not a session does.
    local function index(idx, id, upto)
      local score = string.format('%%d', upto)
      if type(redis.pcall('ZADD', idx, score, id)) == 'table' then
        redis.call('DEL', idx)
        redis.call('ZADD', idx, score, id)
      end
      local ttl = ttlUntil(upto)
      if redis.call('PTTL', idx) < tonumber(ttl) then
        redis.call('PEXPIRE', idx, ttl)
      end
    end

    -- After the session's expiry moved: if the session now outlives what its index covers, covers it up to a new
    -- horizon. Returns nil when nothing is left to do, or (Cluster) {principal, horizon} for the caller to cover.
    local function cover(key, m, prefix)
      if m.principal == nil or (m.indexedUntil ~= nil and m.indexedUntil >= expiresAt(m)) then
        return nil
      end
      local upto = horizon(m)
      if not INDEX_HERE then
        return {m.principal, string.format('%%d', upto)}
      end
      index(indexKey(prefix, m.principal), string.sub(key, #prefix + 1), upto)
      redis.call('HSET', key, 'indexedUntil', string.format('%%d', upto))
      m.indexedUntil = upto
      return nil
    end
    """;

  /** Standalone and Sentinel: the index is updated in the session's own scripts. */
  static final SessionScripts IN_SCRIPT = new SessionScripts(true);
  /** Cluster: the scripts report what the index needs; {@link PrincipalIndex} does it. */
  static final SessionScripts SEPARATE = new SessionScripts(false);

  /** ARGV: now. Returns 1 for a live session, 0 otherwise. */
  static final LuaScript IS_LIVE = new LuaScript(prelude(false) + """
    return isLive(meta(KEYS[1])) and 1 or 0
    """);

  /**
   * Cluster, on an index key. ARGV: now, session ID, horizon. Puts the session in the index up to the horizon and
   * keeps the key alive until then at least.
   */
  static final LuaScript INDEX_ADD = new LuaScript(prelude(false) + """
    index(KEYS[1], ARGV[2], tonumber(ARGV[3]))
    return 0
    """);

  /**
   * Cluster, on an index key. ARGV: now. Drops the members scored at or before now (expired sessions) and returns
   * the others as ID/score pairs, scores as Redis writes them (negative: found stale once, see {@link #INDEX_REPAIR}).
   */
  static final LuaScript INDEX_READ = new LuaScript("""
    if type(redis.pcall('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1])) == 'table' then
      return {}
    end
    return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
    """);

  /**
   * Cluster, on an index key. ARGV: now, grace, then per member: ID, the score read, and the score to restore (or
   * empty). A member whose score changed since the read is left alone (a save re-indexed it meanwhile). Otherwise it
   * gets its restored score when given one (its session is live and owned), and else is taken for stale: the first
   * time marked with the negative of now, and removed once it has been marked at least {@code grace} ago. The grace
   * covers a log-in in flight, which indexes the session before it saves it.
   */
  static final LuaScript INDEX_REPAIR = new LuaScript("""
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
    """);

  /**
   * Cluster, on a session key. ARGV: now, principal. Returns the session hash when the session is live and owned by
   * that principal, nil otherwise. Never touches it.
   */
  static final LuaScript PEEK = new LuaScript(prelude(false) + """
    local m = meta(KEYS[1])
    if isLive(m) and m.principal == ARGV[2] then
      return redis.call('HGETALL', KEYS[1])
    end
    return false
    """);

  /**
   * Cluster, on a session key, once its index covers it up to a horizon. ARGV: now, principal, horizon. Records the
   * horizon if the session still has that principal and was covered less far.
   */
  static final LuaScript CONFIRM_COVER = new LuaScript(prelude(false) + """
    local m = meta(KEYS[1])
    if m ~= nil and m.principal == ARGV[2] and (m.indexedUntil == nil or m.indexedUntil < tonumber(ARGV[3])) then
      redis.call('HSET', KEYS[1], 'indexedUntil', ARGV[3])
    end
    return 0
    """);

  /**
   * ARGV: now, touchInterval, key prefix. Returns the session hash as field/value pairs (touched first when due), nil
   * when it is missing or expired, or a status reply saying why the key cannot be a session.
   */
  final LuaScript load;
  /**
   * ARGV: now, creation (1 or 0), createdAt, idleTimeout, maxLifetime, cookieMaxAge, key prefix, then the owner:
   * 1 to store it (0: leave it as it is), the principal (empty for none), 1 if there is a description, the
   * description, and (Cluster) how far the caller indexed the principal; then the number of fields to delete, those
   * fields, then field/value pairs to set. Returns the new version, {@link #GONE} or {@link #DUPLICATE}; on those
   * two nothing is written. In Cluster, when the index needs work, returns {version, the principal the session left
   * or false, the principal whose index must cover it or false, up to when}.
   */
  final LuaScript save;
  /**
   * ARGV: now, key prefix. Marks a live session accessed; does nothing otherwise. Returns 0, or (Cluster) {principal,
   * horizon} when the principal's index must cover the session further.
   */
  final LuaScript touch;
  /**
   * ARGV: now, key prefix. Deletes the key, and the session from its principal's index. Returns the principal the
   * session had, for Cluster to remove it from the index; false when it had none.
   */
  final LuaScript delete;
  /**
   * Standalone and Sentinel, on an index key. ARGV: now, key prefix, principal. Drops the members scored at or before
   * now and those whose session is gone or belongs to someone else; returns ID/hash pairs for the others, untouched.
   */
  final LuaScript find;

  private SessionScripts(boolean indexHere) {
    String prelude = prelude(indexHere);
    load = new LuaScript(prelude + """
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
        -- In Cluster the caller sees from the hash whether the index must cover the session further.
        cover(key, m, ARGV[3])
      end
      return redis.call('HGETALL', key)
      """);
    save = new LuaScript(prelude + """
      local key = KEYS[1]
      local prefix = ARGV[7]
      local creation = ARGV[2] == '1'
      local before = meta(key)
      local live = isLive(before)
      -- The principal the key held, even for a creation that replaces an expired session of someone.
      local old = before and before.principal or nil
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
      local unset = tonumber(ARGV[13])
      for i = 14, 13 + unset do
        redis.call('HDEL', key, ARGV[i])
      end
      for i = 14 + unset, #ARGV, 2 do
        redis.call('HSET', key, ARGV[i], ARGV[i + 1])
      end
      local version = redis.call('HINCRBY', key, 'version', 1)
      local m = meta(key)
      expire(key, m)

      local setOwner = ARGV[8] == '1'
      local principal = old
      if setOwner then
        principal = ARGV[9] ~= '' and ARGV[9] or nil
      elseif creation then
        principal = nil
      end
      local left = false
      local fields = {}
      local removed = {}
      if principal ~= old then
        local id = string.sub(key, #prefix + 1)
        if old ~= nil then
          if INDEX_HERE then
            unindex(indexKey(prefix, old), id)
          else
            left = old
          end
        end
        if principal ~= nil then
          local upto
          if INDEX_HERE then
            upto = horizon(m)
            index(indexKey(prefix, principal), id, upto)
          else
            -- What the caller indexed; without it, cover() below reports the session as not covered yet.
            upto = tonumber(ARGV[12])
          end
          table.insert(fields, 'principal')
          table.insert(fields, principal)
          if upto ~= nil then
            table.insert(fields, 'indexedUntil')
            table.insert(fields, string.format('%%d', upto))
          elseif m.indexedUntil ~= nil then
            table.insert(removed, 'indexedUntil')
          end
          m.indexedUntil = upto
        elseif m.principal ~= nil then
          table.insert(removed, 'principal')
          table.insert(removed, 'indexedUntil')
        end
        m.principal = principal
      end
      if setOwner then
        if ARGV[10] == '1' then
          table.insert(fields, 'description')
          table.insert(fields, ARGV[11])
        elseif m.described then
          table.insert(removed, 'description')
        end
      end
      if #fields > 0 then
        redis.call('HSET', key, unpack(fields))
      end
      if #removed > 0 then
        redis.call('HDEL', key, unpack(removed))
      end
      local covering = cover(key, m, prefix)
      if left or covering then
        return {version, left, covering and covering[1] or false, covering and covering[2] or false}
      end
      return version
      """.formatted(DUPLICATE, GONE));
    touch = new LuaScript(prelude + """
      local m = meta(KEYS[1])
      if isLive(m) then
        touch(KEYS[1], m)
        local covering = cover(KEYS[1], m, ARGV[2])
        if covering then
          return covering
        end
      end
      return 0
      """);
    delete = new LuaScript(prelude + """
      local key = KEYS[1]
      -- An error reply (the key is not a hash) means no principal.
      local principal = redis.pcall('HGET', key, 'principal')
      redis.call('DEL', key)
      if type(principal) ~= 'string' then
        return false
      end
      if INDEX_HERE then
        local prefix = ARGV[2]
        unindex(indexKey(prefix, principal), string.sub(key, #prefix + 1))
      end
      return principal
      """);
    find = new LuaScript(prelude + """
      local idx = KEYS[1]
      local prefix = ARGV[2]
      -- A key of another type there is no index: nothing is found.
      if type(redis.pcall('ZREMRANGEBYSCORE', idx, '-inf', ARGV[1])) == 'table' then
        return {}
      end
      local found = {}
      for _, id in ipairs(redis.call('ZRANGE', idx, 0, -1)) do
        local key = prefix .. id
        local m = meta(key)
        if isLive(m) and m.principal == ARGV[3] then
          table.insert(found, id)
          table.insert(found, redis.call('HGETALL', key))
        else
          redis.call('ZREM', idx, id)
        end
      end
      return found
      """);
  }

  private static String prelude(boolean indexHere) {
    return PRELUDE.formatted(indexHere, INDEX_INFIX);
  }
}
