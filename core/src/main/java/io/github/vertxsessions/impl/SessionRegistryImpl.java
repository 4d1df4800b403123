package io.github.vertxsessions.impl;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionInfo;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.SessionRegistry;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The per-user operations, over a store's index by principal: a revocation is an explicit delete of the session
 * ({@link io.github.vertxsessions.spi.SessionStore#delete(String, boolean)}).
 */
public class SessionRegistryImpl implements SessionRegistry {

  /** Newest first; the ID breaks ties, so the order is the same on every call. */
  static final Comparator<SessionRecord> NEWEST_FIRST = Comparator.comparingLong(SessionRecord::createdAt).reversed()
    .thenComparing(SessionRecord::id);

  private final IndexedSessionStore store;
  private final SessionHandles handles;
  private final SessionMonitor monitor;

  public SessionRegistryImpl(Vertx vertx, IndexedSessionStore store, SessionOptions options) {
    this.store = Objects.requireNonNull(store, "store");
    this.handles = new SessionHandles(options.getSecrets().get(0));
    this.monitor = HandlerRuntime.monitorOf(vertx, options);
  }

  @Override
  public Future<List<SessionInfo>> list(String principal) {
    return store.findByPrincipal(principal).map(found -> found.stream().sorted(NEWEST_FIRST).map(this::info).toList());
  }

  @Override
  public Future<Integer> count(String principal) {
    return store.findByPrincipal(principal).map(List::size);
  }

  @Override
  public Future<Boolean> revoke(String principal, String handle) {
    return revokeWhere(principal, record -> handles.of(record.id()).equals(handle)).map(revoked -> revoked > 0);
  }

  @Override
  public Future<Integer> revokeAll(String principal) {
    return revokeWhere(principal, record -> true);
  }

  @Override
  public Future<Integer> revokeOthers(String principal, Session current) {
    String kept = current.id();
    return revokeWhere(principal, record -> !record.id().equals(kept));
  }

  @Override
  public String handleOf(Session session) {
    return handles.of(session.id());
  }

  private Future<Integer> revokeWhere(String principal, Predicate<SessionRecord> revoked) {
    return store.findByPrincipal(principal).compose(found -> {
      List<String> ids = found.stream().filter(revoked).map(SessionRecord::id).toList();
      return Future.all(ids.stream().map(id -> store.delete(id, true)
        .onSuccess(v -> monitor.publish(SessionEvent.Type.REVOKED, id, principal, store))).toList())
        .map(all -> ids.size());
    });
  }

  private SessionInfo info(SessionRecord record) {
    return new SessionInfo(handles.of(record.id()), Instant.ofEpochMilli(record.createdAt()),
      Instant.ofEpochMilli(record.lastAccessedAt()), Instant.ofEpochMilli(record.expiresAt()),
      record.owner().description());
  }
}
