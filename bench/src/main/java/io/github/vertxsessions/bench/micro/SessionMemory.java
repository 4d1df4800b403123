package io.github.vertxsessions.bench.micro;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.function.IntConsumer;

/**
 * Heap per idle session: {@code SessionMemory <sessions>} fills our local store, then vertx-web's, with that many
 * sessions holding one small attribute, and divides the growth of the heap in use (after full collections) by the
 * count. The stores' own structures (map, expiry index) are included, as they are part of what a session costs.
 */
public final class SessionMemory {

  private SessionMemory() {
  }

  public static void main(String[] args) {
    int sessions = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    long now = Clock.systemUTC().millis();

    LocalSessionStore ours = LocalSessionStore.create(vertx, new LocalStoreOptions().setMaxSessions(sessions));
    double oursBytes = bytesPerSession(sessions, i -> Sessions.create(ours, Sessions.creation(i, now)));
    long oursHeld = ours.count().result();

    io.vertx.ext.web.sstore.LocalSessionStore theirs = io.vertx.ext.web.sstore.LocalSessionStore.create(vertx);
    double theirsBytes = bytesPerSession(sessions, i -> {
      Session session = theirs.createSession(Sessions.IDLE_TIMEOUT.toMillis());
      session.put("user", "user-" + i);
      Future<Void> put = theirs.put(session);
      if (!put.succeeded()) {
        throw new IllegalStateException("vertx-web's local put did not succeed at once: " + put.cause());
      }
    });
    long theirsHeld = theirs.size().result();

    vertx.close();
    MicroResult.print(new JsonObject()
      .put("sessions", sessions)
      .put("oursBytesPerSession", oursBytes)
      .put("oursHeld", oursHeld)
      .put("vertxWebBytesPerSession", theirsBytes)
      .put("vertxWebHeld", theirsHeld));
  }

  private static double bytesPerSession(int sessions, IntConsumer createOne) {
    long before = usedHeapAfterGc();
    for (int i = 0; i < sessions; i++) {
      createOne.accept(i);
    }
    long after = usedHeapAfterGc();
    return (after - before) / (double) sessions;
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
