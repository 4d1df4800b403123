package io.github.vertxsessions.redis.impl;

/**
 * The server side of the store: each operation on a session that writes is one script on the session's key, so it
 * is atomic and costs one command; a read whose touch is not due is one plain HGETALL, checked in Java
 * ({@link RedisSessionStoreImpl#load}). Every session script gets the store clock's now as ARGV[1] and decides expiry
 * by it, then sets the key's time to live to what is left, so Redis drops idle sessions on its own whatever its own
 * clock says. Inside, a script reads the session once (a load: HGETALL; the others: HMGET of every field but the
 * attributes), works out the new state in Lua and writes it with one HSET (one HDEL when fields go) and one PEXPIRE:
 * no TYPE check, since a key of another type fails the read with WRONGTYPE, which the script catches, and nothing
 * read back.
 *
 * <p>The Lua is in resource files beside this package ({@code lua/*.lua}, see {@link LuaScript#of}): each script is
 * one line of constants generated here, then {@code session.lua} (the layout's rules, the expiry rule among them),
 * then what else it needs ({@code hash.lua} to read whole hashes, {@code index.lua} for the index by principal,
 * {@code touching.lua} to touch), then its own file. A script pays on every call for the helper functions it
 * declares, so each includes only those.
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

  /** What {@link #save} returns instead of a version when the session is missing or expired (GONE in the Lua). */
  static final long GONE = -1;
  /** What {@link #save} returns instead of a version when a creation meets a live session (DUPLICATE in the Lua). */
  static final long DUPLICATE = -2;

  /** Where the key of a principal's index starts, after the store's key prefix. */
  static final String INDEX_INFIX = "principal:";

  /** Standalone and Sentinel: the index is updated in the session's own scripts. */
  static final SessionScripts IN_SCRIPT = new SessionScripts(true);
  /** Cluster: the scripts report what the index needs; {@link PrincipalIndex} does it. */
  static final SessionScripts SEPARATE = new SessionScripts(false);

  /** ARGV: now. Returns 1 for a live session, 0 otherwise. */
  static final LuaScript IS_LIVE = session(false, "is-live.lua");

  /**
   * Cluster, on an index key. ARGV: now, session ID, horizon. Puts the session in the index up to the horizon and
   * keeps the key alive until then at least.
   */
  static final LuaScript INDEX_ADD = session(false, "index.lua", "index-add.lua");

  /**
   * Cluster, on an index key. ARGV: now. Drops the members scored at or before now (expired sessions) and returns
   * the others as ID/score pairs, scores as Redis writes them (negative: found stale once, see {@link #INDEX_REPAIR}).
   */
  static final LuaScript INDEX_READ = LuaScript.of("", "index-read.lua");

  /**
   * Cluster, on an index key. ARGV: now, grace, then per member: ID, the score read, and the score to restore (or
   * empty). A member whose score changed since the read is left alone (a save re-indexed it meanwhile). Otherwise it
   * gets its restored score when given one (its session is live and owned), and else is taken for stale: the first
   * time marked with the negative of now, and removed once it has been marked at least {@code grace} ago. The grace
   * covers a log-in in flight, which indexes the session before it saves it.
   */
  static final LuaScript INDEX_REPAIR = LuaScript.of("", "index-repair.lua");

  /**
   * Cluster, on a session key. ARGV: now, and a principal or nothing. Returns the session hash when the session is
   * live (and owned by that principal, when one is given), nil otherwise. Never touches it.
   */
  static final LuaScript PEEK = session(false, "hash.lua", "peek.lua");

  /**
   * Standalone and Sentinel, on the key a session moves from and the key it moves to. ARGV: now, key prefix. Moves a
   * live session to the second key in one step: one version up, accessed now, its expiry following, and its
   * principal's index holding the new ID instead of the old one. Returns the new version, {@link #GONE} when the old
   * session is missing or expired, or {@link #DUPLICATE} when the new key holds a live session; on those two nothing
   * is written.
   */
  static final LuaScript CHANGE_ID = session(true, "hash.lua", "index.lua", "change-id.lua");

  /**
   * Cluster, on the key a session moves to (see {@link ClusterIdChange}). ARGV: now, how far the caller indexed the
   * session's principal (empty when it has none), then the session's hash as {@link #PEEK} read it under its old key,
   * as field/value pairs. Writes the session there one version up and accessed now, and returns that version;
   * returns {@link #DUPLICATE} when the key holds a live session, and {@link #GONE} when the hash is no well-formed
   * session or the session has reached the end of its absolute lifetime since it was read; on those two nothing is
   * written.
   */
  static final LuaScript COPY = session(false, "hash.lua", "copy.lua");

  /**
   * Cluster, on the key a session moved from, once {@link #COPY} wrote it elsewhere. ARGV: now, the version copied.
   * Deletes the key if it still holds that version of a live session. Returns the version found there: the one given
   * when it deleted the key, another when a save came in between (nothing is deleted), or {@link #GONE} when the
   * session is missing or expired.
   */
  static final LuaScript DELETE_AT = session(false, "delete-at.lua");

  /**
   * Cluster, on a session key, once its index covers it up to a horizon. ARGV: now, principal, horizon. Records the
   * horizon if the session still has that principal and was covered less far.
   */
  static final LuaScript CONFIRM_COVER = session(false, "confirm-cover.lua");

  /**
   * ARGV: now, touchInterval, key prefix. Returns the session hash as field/value pairs (touched first when due), nil
   * when it is missing or expired, or a status reply saying why the key cannot be a session. Run only for a read
   * whose touch the plain read found due.
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
   * A save that is no creation and leaves the owner alone (nearly every save), with fewer arguments and branches than
   * {@link #save}. ARGV: now, idleTimeout, cookieMaxAge, key prefix, the number of fields to delete, those fields,
   * then field/value pairs to set. Returns the new version or {@link #GONE}; in Cluster, when the index must cover the
   * session further, {version, false, principal, up to when}, as {@link #save} does.
   */
  final LuaScript update;
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
    load = session(indexHere, "hash.lua", "index.lua", "touching.lua", "load.lua");
    save = session(indexHere, "index.lua", "save.lua");
    update = session(indexHere, "index.lua", "update.lua");
    touch = session(indexHere, "index.lua", "touching.lua", "touch.lua");
    delete = session(indexHere, "index.lua", "delete.lua");
    find = session(indexHere, "hash.lua", "find.lua");
  }

  /**
   * A script on session keys: the constants line, {@code session.lua}, then {@code files}. {@code indexHere} says
   * whether the script may write the index key of a principal itself (not in Cluster, where it lives in another
   * slot).
   */
  private static LuaScript session(boolean indexHere, String... files) {
    String constants = "local INDEX_HERE, INDEX_INFIX, GONE, DUPLICATE = %s, '%s', %d, %d\n"
      .formatted(indexHere, INDEX_INFIX, GONE, DUPLICATE);
    String[] all = new String[files.length + 1];
    all[0] = "session.lua";
    System.arraycopy(files, 0, all, 1, files.length);
    return LuaScript.of(constants, all);
  }
}
