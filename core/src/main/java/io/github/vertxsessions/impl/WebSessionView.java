package io.github.vertxsessions.impl;

import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;

/**
 * Our session as vertx-web's {@link Session}, for {@code ctx.session()} and the vertx-web handlers that use it
 * (CSRF, form and OAuth2 log-in, impersonation). vertx-web's operations are synchronous, so they take effect at once
 * in memory and reach the store with the automatic save, or, for {@link #destroy()}, at once in the background.
 */
final class WebSessionView implements Session {

  private static final Logger LOG = LoggerFactory.getLogger(WebSessionView.class);
  /** A User stored as an attribute (impersonation keeps the previous user so) is wrapped in this marker. */
  private static final String USER_VALUE_KEY = "__vertx.userValue";

  private final SessionImpl session;

  WebSessionView(SessionImpl session) {
    this.session = session;
  }

  @Override
  public Session regenerateId() {
    session.regenerateId();
    return this;
  }

  @Override
  public String id() {
    return session.id();
  }

  @Override
  public Session put(String key, Object obj) {
    if (obj instanceof User user) {
      session.put(key, new JsonObject().put(USER_VALUE_KEY, VertxWebBridge.userToJson(user)));
    } else {
      session.put(key, obj);
    }
    return this;
  }

  @Override
  public Session putIfAbsent(String key, Object obj) {
    if (session.get(key) == null) {
      put(key, obj);
    }
    return this;
  }

  @Override
  public Session computeIfAbsent(String key, Function<String, Object> mappingFunction) {
    if (session.get(key) == null) {
      Object value = mappingFunction.apply(key);
      if (value != null) {
        put(key, value);
      }
    }
    return this;
  }

  @Override
  public <T> T get(String key) {
    return VertxWebBridge.VERTX_USER_HOLDER_KEY.equals(key) ? null : unwrap(session.get(key));
  }

  @Override
  public <T> T remove(String key) {
    return unwrap(session.remove(key));
  }

  @Override
  public Map<String, Object> data() {
    return session.data();
  }

  @Override
  public boolean isEmpty() {
    return session.isEmpty();
  }

  @Override
  public long lastAccessed() {
    return session.lastAccessedAt().toEpochMilli();
  }

  @Override
  public void destroy() {
    String id = session.id();
    session.destroy().onFailure(err -> LOG.warn("Deleting destroyed session {} failed: {}",
      SessionRecord.redact(id), err.toString()));
  }

  @Override
  public boolean isDestroyed() {
    return session.isDestroyed();
  }

  @Override
  public boolean isRegenerated() {
    return session.replacedId() != null;
  }

  @Override
  public String oldId() {
    return session.replacedId();
  }

  @Override
  public long timeout() {
    return session.idleTimeoutMillis();
  }

  /** Access is recorded by the handler on every load; nothing to do here. */
  @Override
  public void setAccessed() {
  }

  @SuppressWarnings("unchecked")
  private static <T> T unwrap(Object value) {
    if (value instanceof JsonObject json && json.size() == 1
      && json.getValue(USER_VALUE_KEY) != null) {
      return (T) VertxWebBridge.userFromJson(json.getValue(USER_VALUE_KEY));
    }
    return (T) value;
  }
}
