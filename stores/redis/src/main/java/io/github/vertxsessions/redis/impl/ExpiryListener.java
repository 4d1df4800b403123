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
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Redis's own expiry of session keys into {@code expired} events, from keyspace notifications: a connection of
 * its own subscribed to {@code __keyevent@*__:expired}, which Redis fills only when the server's
 * {@code notify-keyspace-events} holds {@code E} and {@code x} (or {@code A}); the store never changes the server's
 * configuration, and says once when it lacks them. Redis publishes a notification to every subscriber, so every node
 * sees every expiry: each publishes it to its own consumers only, and no consumer gets one twice. Pub/sub is
 * fire-and-forget: an expiry while the connection is down is not seen. A lost connection is opened again every
 * second until the store closes; a subscription the server refuses (an ACL without the channels) is given up on,
 * once, with a warning. Requests never wait for any of this.
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
    return redis.connect().onFailure(err -> reconnect(null, err.toString())).compose(opened -> {
      synchronized (this) {
        if (closed) {
          return opened.close();
        }
        connection = opened;
      }
      opened.handler(message -> onMessage(opened, message));
      opened.exceptionHandler(err -> reconnect(opened, err.toString()));
      opened.endHandler(v -> reconnect(opened, "connection closed"));
      return opened.send(Request.cmd(Command.PSUBSCRIBE).arg(CHANNELS))
        .onFailure(err -> reconnect(opened, err.toString()))
        .compose(v -> checkServerConfig());
    }).mapEmpty();
  }


  /** The Sentinels switched masters: subscribes again, on the new master, as after a lost connection. */
  void masterSwitched() {
    RedisConnection open;
    synchronized (this) {
      open = connection;
    }
    if (open != null) {
      reconnect(open, "the Sentinels switched masters");
    }
  }

  synchronized Future<Void> close() {
    closed = true;
    RedisConnection open = connection;
    connection = null;
    return open == null ? Future.succeededFuture() : open.close();
  }

  private void onMessage(RedisConnection from, Response message) {
    if (message.type() == ResponseType.ERROR) { // a refused PSUBSCRIBE (NOPERM) reaches the handler, not its future
      refused(from, message.toString());
      return;
    }
    if (message.type() != ResponseType.MULTI && message.type() != ResponseType.PUSH || message.size() < 3) {
      return;
    }
    if ("psubscribe".equals(message.get(0).toString())) { // Redis confirms the subscription
      subscribed();
      return;
    }
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

  /** A refusal by the server (no permission for the channels) lasts: given up on, said once, no retry. */
  private void refused(RedisConnection from, String why) {
    synchronized (this) {
      if (closed || from != connection) {
        return;
      }
      closed = true;
      connection = null;
    }
    LOG.warn("Redis refused the subscription to key expiry ({}): no expired session events will be published; "
      + "grant the store's user the channel pattern {} to get them", why, CHANNELS);
    from.close();
  }

  private synchronized void subscribed() {
    if (lost) {
      lost = false;
      LOG.info("Listening to Redis key expiry for session events again");
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

  /**
   * Gives up {@code failed} (null: none could be opened) and tries again in a second; only the connection in use
   * may schedule the retry, so one subscription at most is ever open or being opened.
   */
  private void reconnect(RedisConnection failed, String why) {
    synchronized (this) {
      if (closed || failed != connection) {
        return;
      }
      connection = null;
      if (!lost) {
        lost = true;
        LOG.warn("Lost the Redis subscription to key expiry ({}); expiries until it is back are not published, "
          + "retrying every {} ms", why, RETRY_MILLIS);
      }
    }
    if (failed != null) {
      failed.close(); // back to the client's pool: a refused subscription must not hold a connection each second
    }
    vertx.setTimer(RETRY_MILLIS, t -> start());
  }

}
