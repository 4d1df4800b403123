package io.github.vertxsessions.demo;

import io.github.vertxsessions.SessionEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per session event, from a consumer of the handler's events address, so that a person running the demo
 * sees sessions come and go: {@code regenerated Yt3kq0… (was pP0q8Z…) of alice}. Events name sessions only in their
 * redacted form.
 */
final class SessionEventLog {

  /** Where the demo's handler publishes its events. */
  static final String ADDRESS = "sessions.events";
  static final String LOGGER_NAME = "io.github.vertxsessions.demo.events";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  private final MessageConsumer<JsonObject> consumer;

  private SessionEventLog(MessageConsumer<JsonObject> consumer) {
    this.consumer = consumer;
  }

  /** Starts logging the events published at {@link #ADDRESS}; completes once the consumer is registered. */
  static Future<SessionEventLog> start(Vertx vertx) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(ADDRESS,
      message -> LOG.info(line(new SessionEvent(message.body()))));
    return consumer.completion().map(v -> new SessionEventLog(consumer));
  }

  static String line(SessionEvent event) {
    return event.type().jsonName() + " " + event.session()
      + (event.previous() == null ? "" : " (was " + event.previous() + ")")
      + (event.principal() == null ? "" : " of " + event.principal());
  }

  Future<Void> stop() {
    return consumer.unregister();
  }
}
