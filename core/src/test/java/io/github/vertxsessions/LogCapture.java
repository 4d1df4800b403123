package io.github.vertxsessions;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** What one logger (and those below it) records while a test runs: open it, act, read it; closing detaches it. */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String name) {
    logger = (Logger) LoggerFactory.getLogger(name);
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures the logger named after {@code type}, as {@code LoggerFactory.getLogger(type)} names it. */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName());
  }

  /** Captures the logger {@code name}, a package for instance. */
  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  /** Every event so far. */
  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** The messages of the WARN events so far. */
  public List<String> warnings() {
    return events().stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
