package io.github.vertxsessions.store;

import io.github.vertxsessions.store.impl.LocalSessionStoreImpl;
import io.vertx.core.Vertx;

/**
 * The embedded default store: sessions in this JVM's memory, shared by every verticle of the process, removed by a
 * sweeper that runs on the event loop in bounded slices. For one node; use Redis or MongoDB behind a load balancer.
 */
public interface LocalSessionStore extends SessionStore {

  static LocalSessionStore create(Vertx vertx) {
    return create(vertx, new LocalStoreOptions());
  }

  static LocalSessionStore create(Vertx vertx, LocalStoreOptions options) {
    return new LocalSessionStoreImpl(vertx, new LocalStoreOptions(options));
  }

  /** How many sessions were evicted because the store was full. */
  long evictions();

  /** How many expired sessions the sweeper removed. */
  long swept();
}
