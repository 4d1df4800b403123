package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One handle on a {@link SharedLocalStore}: every operation works on the shared sessions, and {@link #close()}
 * releases this handle only. A closed handle refuses operations, since the store it points at may be gone.
 */
public final class LocalSessionStoreImpl implements LocalSessionStore {

  /** The {@link #type()} of every local store. */
  static final String TYPE = "local";

  private final SharedLocalStore shared;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalSessionStoreImpl(SharedLocalStore shared) {
    this.shared = shared;
  }

  /** A new handle on the store {@code name} of {@code vertx}: see {@link LocalSessionStore#create}. */
  public static LocalSessionStoreImpl open(Vertx vertx, String name, LocalStoreOptions options) {
    return new LocalSessionStoreImpl(SharedLocalStore.acquire(vertx, name, options));
  }

  @Override
  public Future<SessionRecord> load(String id, long touchInterval) {
    return whileOpen(() -> shared.sessions.load(id, touchInterval));
  }

  @Override
  public Future<Long> save(SessionDelta delta) {
    return whileOpen(() -> shared.sessions.save(delta));
  }

  @Override
  public Future<Long> changeId(String oldId, String newId) {
    return whileOpen(() -> shared.sessions.changeId(oldId, newId));
  }

  @Override
  public Future<Void> touch(String id) {
    return whileOpen(() -> shared.sessions.touch(id));
  }

  @Override
  public Future<Void> delete(String id) {
    return whileOpen(() -> shared.sessions.delete(id));
  }

  @Override
  public Future<List<SessionRecord>> findByPrincipal(String principal) {
    return whileOpen(() -> shared.sessions.findByPrincipal(principal));
  }

  @Override
  public Future<Long> count() {
    return whileOpen(shared.sessions::count);
  }

  @Override
  public Future<Void> clear() {
    return whileOpen(shared.sessions::clear);
  }

  /** Releases this handle, once however often it is called. */
  @Override
  public Future<Void> close() {
    if (closed.compareAndSet(false, true)) {
      shared.release();
    }
    return Future.succeededFuture();
  }

  /** The clock of the options the shared store was created with. */
  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Clock clock() {
    return shared.sessions.clock();
  }

  @Override
  public long evictions() {
    return shared.sessions.evictions();
  }

  @Override
  public long swept() {
    return shared.sessions.swept();
  }

  @Override
  public long heldEntries() {
    return shared.sessions.heldEntries();
  }

  @Override
  public int sweep() {
    return shared.sessions.sweep();
  }

  private <T> Future<T> whileOpen(Supplier<Future<T>> operation) {
    return closed.get() ? Future.failedFuture(new IllegalStateException("This LocalSessionStore is closed"))
      : operation.get();
  }
}
