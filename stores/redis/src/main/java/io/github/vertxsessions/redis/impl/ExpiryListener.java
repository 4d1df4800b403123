package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Redis's own expiry of session keys into {@code expired} events, from keyspace notifications: a connection of
 * its own subscribed to {@code __keyevent@*__:expired}, which Redis fills only when the server's
 * {@code notify-keyspace-events} holds {@code E} and {@code x} (or {@code A}); the store never changes the server's
 * configuration, and says once when it lacks them. Redis publishes a notification to every subscriber, so every node
 * sees every expiry: each publishes it to its own consumers only, and no consumer gets one twice. Pub/sub is
 * fire-and-forget: an expiry while the connection is down is not seen. A lost connection is opened again every
 * second until the store closes; requests never wait for any of this.
 */
final class ExpiryListener {

  private static final Logger LOG = LoggerFactory.getLogger(ExpiryListener.class);
  static final String CHANNELS = "__keyevent@*__:expired";
  private static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final Redis redis;
  private final String keyPrefix;
  private final SessionMonitor monitor;
  private final SessionStore store;
  private RedisConnection connection;
  private boolean closed;
  private boolean lost;

  ExpiryListener(Vertx vertx, Redis redis, String keyPrefix, SessionStore store) {
    this.vertx = vertx;
    this.redis = redis;
    this.keyPrefix = keyPrefix;
    this.monitor = SessionMonitor.of(vertx);
    this.store = store;
  }

  /** Subscribes; completes when the subscription stands, or fails with why (retried meanwhile). */
  synchronized Future<Void> start() {
    if (closed) {
      return Future.succeededFuture();
    }
    return redis.connect().compose(opened -> {
      synchronized (this) {
        if (closed) {
          return opened.close();
        }
        connection = opened;
      }
      opened.handler(this::onMessage);
      opened.exceptionHandler(err -> reconnect(opened, err.toString()));
      opened.endHandler(v -> reconnect(opened, "connection closed"));
      return opened.send(Request.cmd(Command.PSUBSCRIBE).arg(CHANNELS)).compose(v -> checkServerConfig());
    }).onSuccess(v -> {
      if (lost) {
        lost = false;
        LOG.info("Listening to Redis key expiry for session events again");
      }
    }).onFailure(err -> reconnect(null, err.toString())).mapEmpty();
  }

  synchronized Future<Void> close() {
    closed = true;
    RedisConnection open = connection;
    connection = null;
    return open == null ? Future.succeededFuture() : open.close();
  }

  private void onMessage(Response message) {
    // ["pmessage", pattern, channel, key]
    if (message.size() < 4 || !"pmessage".equals(message.get(0).toString())) {
      return;
    }
    String key = message.get(3).toString();
    if (key.startsWith(keyPrefix) && key.indexOf(':', keyPrefix.length()) < 0) { // index keys hold a ':'
      String id = key.substring(keyPrefix.length());
      if (monitor.isActive()) {
        monitor.publishHere(SessionEvent.of(SessionEvent.Type.EXPIRED, id, null, store.type(), store.clock().instant()));
      }
    }
  }

  /** A server without the notifications gives no events: said once, at start, with the setting that would. */
  private Future<Void> checkServerConfig() {
    return redis.send(Request.cmd(Command.CONFIG).arg("GET").arg("notify-keyspace-events")).map(reply -> {
      // a map under RESP3, a flat name/value array under RESP2: get(name) reads both
      Response value = reply == null ? null : reply.get("notify-keyspace-events");
      String flags = value == null ? "" : value.toString();
      boolean enabled = flags.contains("E") && (flags.contains("x") || flags.contains("A"));
      if (!enabled) {
        LOG.warn("Redis sends no key expiry notifications (notify-keyspace-events is '{}'): no expired session "
          + "events will be published; set it to include 'Ex' on the server to get them", flags);
      }
      return (Void) null;
    }).recover(err -> { // managed servers often refuse CONFIG: the subscription stands, the check is only a hint
      LOG.debug("Cannot read notify-keyspace-events: {}", err.toString());
      return Future.succeededFuture();
    });
  }

  private void reconnect(RedisConnection failed, String why) {
    synchronized (this) {
      if (closed || failed != null && failed != connection) {
        return;
      }
      connection = null;
      if (!lost) {
        lost = true;
        LOG.warn("Lost the Redis subscription to key expiry ({}); expiries until it is back are not published, "
          + "retrying every {} ms", why, RETRY_MILLIS);
      }
    }
    vertx.setTimer(RETRY_MILLIS, t -> start());
  }
}
