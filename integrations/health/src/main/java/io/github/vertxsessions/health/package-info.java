/**
 * Health checks for vertx-sessions: {@link io.github.vertxsessions.health.SessionStoreHealth} probes a session store
 * for {@code vertx-health-check}.
 */
package io.github.vertxsessions.health;
