package io.github.vertxsessions.redis.impl;

/**
 * The server side of the store: each operation on a session is one script on the session's key, so it is atomic and
 * costs one command. Every session script gets the store clock's now as ARGV[1] and decides expiry by it, then sets
 * the key's time to live to what is left, so Redis drops idle sessions on its own whatever its own clock says.
 * Inside, a script reads the session once (a load: HGETALL; the others: HMGET of every field but the attributes),
 * works out the new state in Lua and writes it with one HSET (one HDEL when fields go) and one PEXPIRE: no TYPE check,
 * since a key of another type fails the read with WRONGTYPE, which the script catches, and nothing read back.
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
 *
 * <p>A change of ID names two session keys, which a cluster puts in different slots: outside Cluster it is one
 * script on both ({@link #CHANGE_ID}); in Cluster it is three, one per key and step ({@link ClusterIdChange}).
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

    -- What a save may pass to one command at most: Lua's unpack() gives some thousands of values at most.
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

    local function integer(text)
      return text and string.match(text, '^%%-?%%d+$') and tonumber(text) or nil
    end

    local TIMING = {'version', 'createdAt', 'lastAccessedAt', 'idleTimeout', 'maxLifetime', 'cookieMaxAge'}
    -- Saves increment the version as a Lua number, exact up to here; no session gets there by saves.
    local MAX_VERSION = 9007199254740992

    -- The session in fields (values by field name), or nil when they are no well-formed session. Integers only, as
    -- the Java side reads them: a script must never fail half-way, which would leave its first writes behind.
    local function parse(v)
      local m = {}
      for _, name in ipairs(TIMING) do
        m[name] = integer(v[name])
        if m[name] == nil then
          return nil
        end
      end
      if m.version >= MAX_VERSION then
        return nil
      end
      m.principal = v.principal
      m.indexedUntil = integer(v.indexedUntil)
      m.described = v.description ~= nil
      return m
    end

    local META = {'version', 'createdAt', 'lastAccessedAt', 'idleTimeout', 'maxLifetime', 'cookieMaxAge', 'principal',
      'indexedUntil', 'description'}

    -- The session under key without its attributes (one HMGET), or nil when the key holds no well-formed session.
    local function meta(key)
      local f = ofHash(redis.pcall('HMGET', key, unpack(META)))
      if f == nil then
        return nil
      end
      local v = {}
      for i, name in ipairs(META) do
        v[name] = f[i] or nil
      end
      return parse(v)
    end

    -- The hash under key as field/value pairs, and the session it holds (one HGETALL). The hash is nil when the key
    -- is not a hash, and empty when there is no key; the session is nil unless the hash is a well-formed session.
    local function read(key)
      local hash = ofHash(redis.pcall('HGETALL', key))
      if hash == nil then
        return nil, nil
      end
      local v = {}
      for i = 1, #hash, 2 do
        v[hash[i]] = hash[i + 1]
      end
      return hash, parse(v)
    end

    -- The pairs of hash with the pairs of fields written over it: a hash as it is after an HSET of those fields.
    local function updated(hash, fields)
      local at = {}
      for i = 1, #hash, 2 do
        at[hash[i]] = i + 1
      end
      for i = 1, #fields, 2 do
        if at[fields[i]] then
          hash[at[fields[i]]] = fields[i + 1]
        else
          table.insert(hash, fields[i])
          table.insert(hash, fields[i + 1])
        end
      end
      return hash
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
    -- horizon and adds indexedUntil to the fields (pairs) the caller writes. Returns nil when nothing is left to do,
    -- or (Cluster) {principal, horizon} for the caller to cover.
    local function cover(key, m, prefix, fields)
      if m.principal == nil or (m.indexedUntil ~= nil and m.indexedUntil >= expiresAt(m)) then
        return nil
      end
      local upto = horizon(m)
      if not INDEX_HERE then
        return {m.principal, string.format('%%d', upto)}
      end
      index(indexKey(prefix, m.principal), string.sub(key, #prefix + 1), upto)
      table.insert(fields, 'indexedUntil')
      table.insert(fields, string.format('%%d', upto))
      m.indexedUntil = upto
      return nil
    end

    -- Marks a live session accessed now, with one HSET and one PEXPIRE (and the index's commands, at most once per
    -- idle timeout). Returns the fields written, as pairs, and what cover() returns.
    local function touch(key, m, prefix)
      m.lastAccessedAt = now
      local fields = {'lastAccessedAt', ARGV[1]}
      local covering = cover(key, m, prefix, fields)
      redis.call('HSET', key, unpack(fields))
      expire(key, m)
      return fields, covering
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
   * Cluster, on a session key. ARGV: now, and a principal or nothing. Returns the session hash when the session is
   * live (and owned by that principal, when one is given), nil otherwise. Never touches it.
   */
  static final LuaScript PEEK = new LuaScript(prelude(false) + """
    local hash, m = read(KEYS[1])
    if isLive(m) and (ARGV[2] == nil or m.principal == ARGV[2]) then
      return hash
    end
    return false
    """);

  /**
   * Standalone and Sentinel, on the key a session moves from and the key it moves to. ARGV: now, key prefix. Moves a
   * live session to the second key in one step: one version up, accessed now, its expiry following, and its
   * principal's index holding the new ID instead of the old one. Returns the new version, {@link #GONE} when the old
   * session is missing or expired, or {@link #DUPLICATE} when the new key holds a live session; on those two nothing
   * is written.
   */
  static final LuaScript CHANGE_ID = new LuaScript(prelude(true) + """
    local from, to = KEYS[1], KEYS[2]
    local prefix = ARGV[2]
    local hash, m = read(from)
    if not isLive(m) then
      return %d
    end
    if isLive(meta(to)) then
      return %d
    end
    m.version = m.version + 1
    m.lastAccessedAt = now
    local fields = {'version', string.format('%%d', m.version), 'lastAccessedAt', ARGV[1]}
    if m.principal ~= nil then
      -- The new ID joins the index as a log-in's would, covered from now on.
      local idx = indexKey(prefix, m.principal)
      unindex(idx, string.sub(from, #prefix + 1))
      m.indexedUntil = horizon(m)
      index(idx, string.sub(to, #prefix + 1), m.indexedUntil)
      table.insert(fields, 'indexedUntil')
      table.insert(fields, string.format('%%d', m.indexedUntil))
    end
    -- An expired session, or a key that is not a session at all, gives way to the moved one.
    redis.call('DEL', to)
    callWith('HSET', to, updated(hash, fields))
    expire(to, m)
    redis.call('DEL', from)
    return m.version
    """.formatted(GONE, DUPLICATE));

  /**
   * Cluster, on the key a session moves to (see {@link ClusterIdChange}). ARGV: now, how far the caller indexed the
   * session's principal (empty when it has none), then the session's hash as {@link #PEEK} read it under its old key,
   * as field/value pairs. Writes the session there one version up and accessed now, and returns that version;
   * returns {@link #DUPLICATE} when the key holds a live session, and {@link #GONE} when the hash is no well-formed
   * session or the session has reached the end of its absolute lifetime since it was read; on those two nothing is
   * written.
   */
  static final LuaScript COPY = new LuaScript(prelude(false) + """
    local key = KEYS[1]
    if isLive(meta(key)) then
      return %d
    end
    local hash = {}
    local v = {}
    for i = 3, #ARGV, 2 do
      table.insert(hash, ARGV[i])
      table.insert(hash, ARGV[i + 1])
      v[ARGV[i]] = ARGV[i + 1]
    end
    local m = parse(v)
    if m == nil then
      return %d
    end
    m.version = m.version + 1
    m.lastAccessedAt = now
    if not isLive(m) then
      return %d
    end
    local fields = {'version', string.format('%%d', m.version), 'lastAccessedAt', ARGV[1]}
    if ARGV[2] ~= '' then
      table.insert(fields, 'indexedUntil')
      table.insert(fields, ARGV[2])
    end
    -- An expired session, or a key that is not a session at all, gives way to the copy.
    redis.call('DEL', key)
    callWith('HSET', key, updated(hash, fields))
    expire(key, m)
    return m.version
    """.formatted(DUPLICATE, GONE, GONE));

  /**
   * Cluster, on the key a session moved from, once {@link #COPY} wrote it elsewhere. ARGV: now, the version copied.
   * Deletes the key if it still holds that version of a live session. Returns the version found there: the one given
   * when it deleted the key, another when a save came in between (nothing is deleted), or {@link #GONE} when the
   * session is missing or expired.
   */
  static final LuaScript DELETE_AT = new LuaScript(prelude(false) + """
    local m = meta(KEYS[1])
    if not isLive(m) then
      return %d
    end
    if m.version == tonumber(ARGV[2]) then
      redis.call('DEL', KEYS[1])
    end
    return m.version
    """.formatted(GONE));

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
      local hash, m = read(key)
      if m == nil then
        if hash == nil then
          -- Only a key that is no session costs this second command.
          return {ok = 'a ' .. redis.call('TYPE', key).ok .. ', not a hash'}
        end
        if #hash == 0 then
          return false
        end
        return {ok = 'a hash without valid timing fields'}
      end
      if expiresAt(m) <= now then
        return false
      end
      if now - m.lastAccessedAt >= tonumber(ARGV[2]) then
        -- In Cluster the caller sees from the hash whether the index must cover the session further.
        local written = touch(key, m, ARGV[3])
        return updated(hash, written)
      end
      return hash
      """);
    save = new LuaScript(prelude + """
      local key = KEYS[1]
      local prefix = ARGV[7]
      local creation = ARGV[2] == '1'
      local before = meta(key)
      local live = isLive(before)
      -- The principal the key held, even for a creation that replaces an expired session of someone.
      local old = before and before.principal or nil
      -- The session as this save leaves it, worked out here so that one HSET writes every field that changes, the
      -- version included (the script is atomic: no other save can increment it in between).
      local m
      if creation then
        if live then
          return %d
        end
        -- An expired session, or a key that is not a session at all, gives way to the new one.
        redis.call('DEL', key)
        m = {version = 1, createdAt = tonumber(ARGV[3]), maxLifetime = tonumber(ARGV[5]), described = false}
      elseif not live then
        return %d
      else
        m = {version = before.version + 1, createdAt = before.createdAt, maxLifetime = before.maxLifetime,
          principal = before.principal, indexedUntil = before.indexedUntil, described = before.described}
      end
      m.lastAccessedAt = now
      m.idleTimeout = tonumber(ARGV[4])
      local fields = {'version', string.format('%%d', m.version), 'lastAccessedAt', ARGV[1], 'idleTimeout', ARGV[4],
        'cookieMaxAge', ARGV[6]}
      if creation then
        table.insert(fields, 'createdAt')
        table.insert(fields, ARGV[3])
        table.insert(fields, 'maxLifetime')
        table.insert(fields, ARGV[5])
      end
      local removed = {}
      local unset = tonumber(ARGV[13])
      for i = 14, 13 + unset do
        table.insert(removed, ARGV[i])
      end
      for i = 14 + unset, #ARGV do
        table.insert(fields, ARGV[i])
      end

      local setOwner = ARGV[8] == '1'
      local principal = old
      if setOwner then
        principal = ARGV[9] ~= '' and ARGV[9] or nil
      elseif creation then
        principal = nil
      end
      local left = false
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
      local covering = cover(key, m, prefix, fields)
      -- Removed first: a field both removed and set (none is) would end set, as it would with the fields apart.
      callWith('HDEL', key, removed)
      callWith('HSET', key, fields)
      expire(key, m)
      if left or covering then
        return {m.version, left, covering and covering[1] or false, covering and covering[2] or false}
      end
      return m.version
      """.formatted(DUPLICATE, GONE));
    touch = new LuaScript(prelude + """
      local m = meta(KEYS[1])
      if isLive(m) then
        local _, covering = touch(KEYS[1], m, ARGV[2])
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
        local hash, m = read(prefix .. id)
        if isLive(m) and m.principal == ARGV[3] then
          table.insert(found, id)
          table.insert(found, hash)
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
