package io.github.vertxsessions.bench.micro;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Fills a store with small sessions the way the handler creates them: one creation save each. */
final class Sessions {

  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
  /** The handler's own ID generator: 256 bits from a CSPRNG. */
  private static final Supplier<String> IDS = new SessionOptions().getIdGenerator();

  private Sessions() {
  }

  /** A creation of a session holding one small attribute, as after a log-in. */
  static SessionDelta creation(long index, long now) {
    return SessionDelta.builder(IDS.get()).creation(true).set(Map.of("user", "user-" + index)).createdAt(now)
      .idleTimeout(IDLE_TIMEOUT.toMillis()).build();
  }

  /** Saves synchronously-completing creations into an in-memory store, failing loudly if one does not succeed. */
  static void create(SessionStore store, SessionDelta delta) {
    Future<Long> saved = store.save(delta);
    if (!saved.succeeded()) {
      throw new IllegalStateException("an in-memory save did not succeed at once: " + saved.cause());
    }
  }
}
