/**
 * The embedded store, for application code: {@link io.github.vertxsessions.local.LocalSessionStore} keeps sessions
 * in the JVM's memory, for an application on one node and for development and tests; its
 * {@link io.github.vertxsessions.local.LocalStoreOptions} bound its size and set its sweeper's pace.
 */
package io.github.vertxsessions.local;
