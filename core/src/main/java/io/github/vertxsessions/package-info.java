/**
 * Sessions for Vert.x Web: what application code uses. Mount a {@link io.github.vertxsessions.SessionHandler} on a
 * router, configured with {@link io.github.vertxsessions.SessionOptions} and given a store (the embedded
 * {@link io.github.vertxsessions.local.LocalSessionStore}, or the Redis, MongoDB or PostgreSQL store of their own modules); routes
 * then read and change the request's {@link io.github.vertxsessions.Session}, which the handler saves when the
 * response is sent.
 *
 * <pre>{@code
 * SessionHandler sessions = SessionHandler.create(vertx, LocalSessionStore.create(vertx),
 *     new SessionOptions().setSecrets(List.of(secret)));
 * router.route().handler(sessions);
 * router.get("/count").handler(ctx -> {
 *   Session session = SessionHandler.session(ctx);
 *   Integer views = session.getInteger("views");
 *   session.put("views", views == null ? 1 : views + 1);
 *   ctx.end("views: " + session.getInteger("views"));
 * });
 * }</pre>
 *
 * <p>Store authors implement {@link io.github.vertxsessions.spi.SessionStore}; the {@code impl} packages are
 * internal and may change in any release.
 */
package io.github.vertxsessions;
