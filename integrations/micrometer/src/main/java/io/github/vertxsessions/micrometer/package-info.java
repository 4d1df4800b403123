/**
 * Micrometer meters for vertx-sessions: {@link io.github.vertxsessions.micrometer.SessionMetrics} binds them to a
 * {@code MeterRegistry} for one Vert.x instance.
 */
package io.github.vertxsessions.micrometer;
