package io.github.vertxsessions.micrometer.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionObserver.StoreOperation;
import io.github.vertxsessions.micrometer.SessionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Locale;

/**
 * Every meter of one store type, registered at once when that store first reports, so that each series starts at
 * zero and a report costs an array index rather than a registry lookup.
 */
final class StoreMeters {

  /** How a store call ended, as the {@code outcome} tag of {@link SessionMetrics#STORE_CALLS} says it. */
  enum CallOutcome {
    SUCCESS, REFUSED, FAILURE;

    final String tag = name().toLowerCase(Locale.ROOT);
  }

  private final Counter[] events;
  private final Timer[][] calls;
  private final Counter unavailableTimeout;
  private final Counter unavailableError;
  private final Counter savesFailed;
  private final Counter savesUnknown;
  private final Counter savesRefused;
  private final Counter deletesRetried;
  private final Counter deletesGivenUp;

  /**
   * @param tags       the binding's tags and {@code store}
   * @param registered where each meter registered here is added, for the binding to remove at its close
   */
  StoreMeters(MeterRegistry registry, Tags tags, List<Meter> registered) {
    SessionEvent.Type[] types = SessionEvent.Type.values();
    events = new Counter[types.length];
    for (SessionEvent.Type type : types) {
      events[type.ordinal()] = add(registered, Counter.builder(SessionMetrics.EVENTS).tags(tags)
        .tag("type", type.jsonName()).description("Session life-cycle events").register(registry));
    }
    StoreOperation[] operations = StoreOperation.values();
    CallOutcome[] outcomes = CallOutcome.values();
    calls = new Timer[operations.length][outcomes.length];
    for (StoreOperation operation : operations) {
      for (CallOutcome outcome : outcomes) {
        calls[operation.ordinal()][outcome.ordinal()] = add(registered, Timer.builder(SessionMetrics.STORE_CALLS)
          .tags(tags).tag("operation", operation.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome.tag)
          .description("The session handler's store calls, until the store answered").register(registry));
      }
    }
    unavailableTimeout = unavailable(registry, tags, "timeout", registered);
    unavailableError = unavailable(registry, tags, "error", registered);
    savesFailed = saveFailed(registry, tags, "failure", registered);
    savesUnknown = saveFailed(registry, tags, "unknown", registered);
    savesRefused = add(registered, Counter.builder(SessionMetrics.SAVES_REFUSED).tags(tags)
      .description("Saves the store refused because the session was gone").register(registry));
    deletesRetried = deleteFailed(registry, tags, "retry", registered);
    deletesGivenUp = deleteFailed(registry, tags, "none", registered);
  }

  private static Counter deleteFailed(MeterRegistry registry, Tags tags, String next, List<Meter> registered) {
    return add(registered, Counter.builder(SessionMetrics.DELETES_FAILED).tags(tags).tag("next", next)
      .description("Failed attempts to delete a destroyed session").register(registry));
  }

  private static Counter unavailable(MeterRegistry registry, Tags tags, String cause, List<Meter> registered) {
    return add(registered, Counter.builder(SessionMetrics.UNAVAILABLE).tags(tags).tag("cause", cause)
      .description("Requests handed to the store failure handler because their session could not be loaded")
      .register(registry));
  }

  private static Counter saveFailed(MeterRegistry registry, Tags tags, String outcome, List<Meter> registered) {
    return add(registered, Counter.builder(SessionMetrics.SAVES_FAILED).tags(tags).tag("outcome", outcome)
      .description("Automatic saves at the end of a request that failed").register(registry));
  }

  private static <M extends Meter> M add(List<Meter> registered, M meter) {
    registered.add(meter);
    return meter;
  }

  Counter event(SessionEvent.Type type) {
    return events[type.ordinal()];
  }

  Timer call(StoreOperation operation, CallOutcome outcome) {
    return calls[operation.ordinal()][outcome.ordinal()];
  }

  Counter unavailable(boolean timeout) {
    return timeout ? unavailableTimeout : unavailableError;
  }

  Counter saveFailed(boolean outcomeUnknown) {
    return outcomeUnknown ? savesUnknown : savesFailed;
  }

  Counter saveRefused() {
    return savesRefused;
  }

  Counter deleteFailed(boolean retrying) {
    return retrying ? deletesRetried : deletesGivenUp;
  }
}
