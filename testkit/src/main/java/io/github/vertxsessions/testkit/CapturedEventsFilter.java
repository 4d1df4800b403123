package io.github.vertxsessions.testkit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * A logback filter for the console appender of a test configuration: it drops the events that a live
 * {@link LogCapture} holds, since the test that opened it asserts them, and lets everything else through, so an
 * unexpected warning still prints. In {@code logback-test.xml}:
 *
 * <pre>{@code
 * <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
 *   <filter class="io.github.vertxsessions.testkit.CapturedEventsFilter"/>
 *   ...
 * </appender>
 * }</pre>
 */
public final class CapturedEventsFilter extends Filter<ILoggingEvent> {

  /** Created by logback from the configuration. */
  public CapturedEventsFilter() {
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return LogCapture.claims(event.getLoggerName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
