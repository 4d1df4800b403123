package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.github.vertxsessions.spi.support.SweepSchedule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local store of one name on one Vert.x instance: its sessions, their one sweeper, and how many handles are open
 * on it. It lives in a local map of the instance (hence {@link Shareable}), so every verticle that creates the store
 * gets these same sessions; the last handle to close stops the sweeper and takes the store out of that map.
 */
final class SharedLocalStore implements Shareable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSessionStore.class);
  private static final String REGISTRY = "io.github.vertxsessions.local-stores";

  final LocalSessions sessions;
  private final LocalStoreOptions options;
  private final LocalMap<String, SharedLocalStore> registry;
  private final String name;
  private final SweepSchedule sweeps;
  /** Open handles; read and written only inside the registry's atomic compute for {@link #name}. */
  private int handles;

  private SharedLocalStore(Vertx vertx, LocalMap<String, SharedLocalStore> registry, String name,
                           LocalStoreOptions options) {
    SessionMonitor monitor = SessionMonitor.of(vertx);
    this.sessions = new LocalSessions(options, (type, record) -> {
      if (monitor.isActive()) {
        monitor.publish(SessionEvent.of(type, record.id(), record.owner().principal(), LocalSessionStoreImpl.TYPE,
          options.getClock().instant()));
      }
    });
    this.options = options;
    this.registry = registry;
    this.name = name;
    this.sweeps = new SweepSchedule(vertx, options.getSweepInterval(), () -> {
      sessions.sweep();
      return Future.succeededFuture(sessions.hasExpiredBacklog());
    });
    // A context of the store's own: timers on the creating verticle's context would stop when it is undeployed.
    sweeps.start(((VertxInternal) vertx).createEventLoopContext());
  }

  /**
   * Opens one more handle on the store {@code name} of {@code vertx}, creating the store with {@code options} if it
   * is not there; when it is, its own options stay, and different ones are logged.
   */
  static SharedLocalStore acquire(Vertx vertx, String name, LocalStoreOptions options) {
    LocalMap<String, SharedLocalStore> registry = vertx.sharedData().getLocalMap(REGISTRY);
    SharedLocalStore store = registry.compute(name, (key, current) -> {
      SharedLocalStore opened = current != null ? current
        : new SharedLocalStore(vertx, registry, name, new LocalStoreOptions(options));
      opened.handles++;
      return opened;
    });
    if (!store.hasSettingsOf(options)) {
      LOG.warn("Local session store \"{}\" already exists with {}: ignoring the different options {} of this creation",
        name, describe(store.options), describe(options));
    }
    return store;
  }

  /** Closes one handle; the last one stops the sweeper and removes the store, so a later creation starts empty. */
  void release() {
    boolean[] last = new boolean[1];
    registry.computeIfPresent(name, (key, current) -> {
      last[0] = --handles == 0;
      return last[0] ? null : this;
    });
    if (last[0]) {
      sweeps.close();
    }
  }

  private boolean hasSettingsOf(LocalStoreOptions other) {
    return options.toJson().equals(other.toJson()) && options.getClock().equals(other.getClock());
  }

  private static String describe(LocalStoreOptions options) {
    return options.toJson().put("clock", options.getClock().toString()).encode();
  }
}
