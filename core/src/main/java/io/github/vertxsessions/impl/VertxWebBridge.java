package io.github.vertxsessions.impl;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.impl.SessionHandlerImpl;
import io.vertx.ext.web.impl.RoutingContextInternal;
import io.vertx.ext.web.impl.UserContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * Everything this library takes from vertx-web internals, in one place. vertx-web has no public way for another
 * session handler to make {@code ctx.session()} answer, nor to restore {@code ctx.user()} from a session: its own
 * SessionHandler uses {@link RoutingContextInternal#setSession} and {@link UserContextInternal#setUser}, and so do
 * we, and we keep vertx-web's user-holder key empty. {@code VertxWebInteropTest} exercises both, so a Vert.x upgrade
 * that moves them fails the build loudly. vertx-web's module exports that package to its own modules alone: on the
 * module path the JVM needs {@code --add-exports}, which {@link #requireInternals()} names when it is missing.
 */
final class VertxWebBridge {

  private static final Logger LOG = LoggerFactory.getLogger(VertxWebBridge.class);

  /** Where the logged-in user is kept in the session, as {@code {"principal": {...}, "attributes": {...}}}. */
  static final String USER_KEY = "__vertx.user";
  /** vertx-web's own SessionHandler keeps a Java object here; the session view never hands one out. */
  static final String VERTX_USER_HOLDER_KEY = SessionHandlerImpl.SESSION_USER_HOLDER_KEY;
  /** The user restored at the start of the request, to tell at the end whether it changed. */
  private static final String RESTORED_USER_KEY = "io.github.vertxsessions.restoredUser";

  /** The vertx-web package of {@link RoutingContextInternal} and {@link UserContextInternal}. */
  static final String INTERNAL_PACKAGE = "io.vertx.ext.web.impl";

  private VertxWebBridge() {
  }

  /**
   * Fails unless this library may use vertx-web's internals, naming the JVM flag that allows it: always so on the
   * class path, only with {@code --add-exports} on the module path. Called as a handler is created, so that a missing
   * flag stops the application at start rather than failing every request with an {@link IllegalAccessError}.
   */
  static void requireInternals() {
    // A class of vertx-web's public API: naming an internal one here would throw the very IllegalAccessError.
    Module web = RoutingContext.class.getModule();
    Module ours = VertxWebBridge.class.getModule();
    if (!web.isExported(INTERNAL_PACKAGE, ours)) {
      throw new IllegalStateException("SessionHandler needs vertx-web's " + INTERNAL_PACKAGE + ", which " + web
        + " does not export to " + ours + ": start the JVM with --add-exports " + web.getName() + "/"
        + INTERNAL_PACKAGE + "=" + (ours.isNamed() ? ours.getName() : "ALL-UNNAMED"));
    }
  }

  /**
   * Whether this is the first time a session handler sees this request, marking it seen. A reroute, or a handler
   * mounted twice, passes the same request again; vertx-web's own session handler uses the same mark, so two
   * session handlers on one route never both load a session.
   */
  static boolean firstPass(RoutingContext ctx, String sessionKey) {
    if (!(ctx instanceof RoutingContextInternal internal)) {
      return ctx.get(sessionKey) == null;
    }
    if (internal.seenHandler(RoutingContextInternal.SESSION_HANDLER)) {
      return false;
    }
    internal.visitHandler(RoutingContextInternal.SESSION_HANDLER);
    return true;
  }

  /** Makes {@code ctx.session()} return {@code session} and {@code ctx.user()} the user it holds. */
  static void attach(RoutingContext ctx, SessionImpl session) {
    if (!(ctx instanceof RoutingContextInternal internal)) {
      LOG.debug("Routing context {} is not vertx-web's own: ctx.session() stays empty", ctx.getClass().getName());
      return;
    }
    internal.setSession(new WebSessionView(session));
    User user = userFromJson(session.get(USER_KEY));
    if (user != null) {
      ((UserContextInternal) ctx.userContext()).setUser(user);
      ctx.put(RESTORED_USER_KEY, user);
    }
  }

  /** Records a log-in, a log-out or a change of user in the session, and its principal, before it is saved. */
  static void keepUser(RoutingContext ctx, SessionImpl session, Function<User, String> principalName) {
    User user = ctx.user();
    if (session.isDestroyed() || user == ctx.get(RESTORED_USER_KEY)) {
      return;
    }
    if (user == null) {
      session.remove(USER_KEY);
      session.setPrincipal(null);
    } else {
      session.put(USER_KEY, userToJson(user));
      try {
        session.setPrincipal(principalName.apply(user));
      } catch (IllegalArgumentException e) { // SessionOwner's rule for names; this runs as the headers go out
        LOG.warn("The user's name cannot be a principal ({}): the session gets none", e.getMessage());
        session.setPrincipal(null);
      }
    }
  }

  static JsonObject userToJson(User user) {
    return new JsonObject().put("principal", user.principal()).put("attributes", user.attributes());
  }

  static User userFromJson(Object value) {
    if (!(value instanceof JsonObject json) || !(json.getValue("principal") instanceof JsonObject principal)) {
      return null;
    }
    JsonObject attributes = json.getValue("attributes") instanceof JsonObject a ? a : new JsonObject();
    return User.create(principal.copy(), attributes.copy());
  }
}
