package com.example.sessions;

import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.JsonValues;
import io.github.vertxsessions.spi.support.SweepSchedule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session store in one concurrent map, as small as the contract allows: every change of a session is one atomic
 * {@code compute} on its ID, expired sessions are filtered out on every read and swept in bounded slices on an event
 * loop. It shows what a store author writes; the project's own {@code LocalSessionStore} is the one to use.
 */
public final class MapSessionStore implements SessionStore {

  private static final int SWEEP_BATCH = 500;
  private static final int MAX_CHANGE_ID_ATTEMPTS = 10;

  private final ConcurrentHashMap<String, SessionRecord> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SweepSchedule sweeps;

  /**
   * @param vertx the Vert.x instance whose event loop sweeps
   * @param clock the store's clock, which decides expiry
   */
  public MapSessionStore(Vertx vertx, Clock clock) {
    this.clock = clock;
    this.sweeps = new SweepSchedule(vertx, Duration.ofSeconds(1), () -> Future.succeededFuture(sweep()));
    sweeps.start(vertx.getOrCreateContext());
  }

  @Override
  public Future<SessionRecord> load(String id, long touchInterval) {
    long now = clock.millis();
    SessionRecord live = sessions.computeIfPresent(id, (key, current) -> !current.isLiveAt(now) ? null
      : current.isTouchDue(now, touchInterval) ? current.accessedAt(now) : current);
    return Future.succeededFuture(live == null ? null : copy(live));
  }

  @Override
  public Future<Long> save(SessionDelta delta) {
    long now = clock.millis();
    RuntimeException[] refused = new RuntimeException[1];
    SessionRecord saved = sessions.compute(delta.id(), (id, current) -> {
      boolean live = current != null && current.isLiveAt(now);
      if (delta.creation() == live) {
        refused[0] = live ? new DuplicateSessionIdException(id) : new SessionGoneException(id);
        return current;
      }
      return delta.creation() ? copy(delta.created(now)) : copy(delta.appliedTo(current, now));
    });
    return refused[0] != null ? Future.failedFuture(refused[0]) : Future.succeededFuture(saved.version());
  }

  /**
   * A {@code compute} must not change another key of the map, so the move takes the ordered steps the contract
   * describes for sessions that live apart: the copy goes in under {@code newId}, then the old entry goes only if it
   * is still the one copied. When it is not, the copy goes too, and the next attempt finds the session gone (and
   * fails) or saved meanwhile (and copies it again).
   */
  @Override
  public Future<Long> changeId(String oldId, String newId) {
    for (int attempt = 0; attempt < MAX_CHANGE_ID_ATTEMPTS; attempt++) {
      long now = clock.millis();
      SessionRecord[] copied = new SessionRecord[1];
      RuntimeException[] refused = new RuntimeException[1];
      sessions.compute(newId, (id, current) -> {
        SessionRecord old = sessions.get(oldId);
        if (current != null && current.isLiveAt(now)) {
          refused[0] = new DuplicateSessionIdException(id);
        } else if (old == null || !old.isLiveAt(now)) {
          refused[0] = new SessionGoneException(oldId);
        } else {
          copied[0] = old;
          return old.toBuilder().id(id).version(old.version() + 1).lastAccessedAt(now).build();
        }
        return current;
      });
      if (refused[0] != null) {
        return Future.failedFuture(refused[0]);
      }
      if (sessions.remove(oldId, copied[0])) {
        return Future.succeededFuture(copied[0].version() + 1);
      }
      sessions.remove(newId);
    }
    SessionRecord old = sessions.get(oldId);
    return Future.failedFuture(old == null || !old.isLiveAt(clock.millis()) ? new SessionGoneException(oldId)
      : new IllegalStateException("The session kept changing during its ID change"));
  }

  @Override
  public Future<Void> touch(String id) {
    long now = clock.millis();
    sessions.computeIfPresent(id, (key, current) -> current.isLiveAt(now) ? current.accessedAt(now) : current);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> delete(String id) {
    sessions.remove(id);
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> count() {
    long now = clock.millis();
    return Future.succeededFuture(sessions.values().stream().filter(record -> record.isLiveAt(now)).count());
  }

  @Override
  public Future<Void> clear() {
    sessions.clear();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    sweeps.close();
    return Future.succeededFuture();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** Removes up to a batch of expired sessions; whether more may remain. */
  private boolean sweep() {
    long now = clock.millis();
    int removed = 0;
    for (Iterator<SessionRecord> it = sessions.values().iterator(); it.hasNext() && removed < SWEEP_BATCH; ) {
      SessionRecord record = it.next();
      if (!record.isLiveAt(now) && sessions.remove(record.id(), record)) {
        removed++;
      }
    }
    return removed == SWEEP_BATCH;
  }

  /** The caller never shares a JSON container with the store. */
  private static SessionRecord copy(SessionRecord record) {
    return record.toBuilder().data(JsonValues.copyAll(record.data())).build();
  }
}
