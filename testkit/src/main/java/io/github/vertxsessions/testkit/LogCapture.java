package io.github.vertxsessions.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one logger (and those below it) records while a test runs: open it, act, assert on what it holds; closing
 * detaches it. While open, its events are the test's to assert: {@link CapturedEventsFilter} keeps them off the
 * console, so that a green build prints only the warnings no test expected.
 *
 * <p>The logger logs at INFO at least while captured (its level is restored on close), so a test sees the INFO lines
 * it asserts even where the test configuration prints only warnings.
 */
public final class LogCapture implements AutoCloseable {

  /** The logger names captured now, once per open capture, which {@link CapturedEventsFilter} consults. */
  private static final List<String> LIVE = new CopyOnWriteArrayList<>();

  private final Logger logger;
  private final Level previousLevel;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String name) {
    logger = (Logger) LoggerFactory.getLogger(name);
    previousLevel = logger.getLevel();
    if (!logger.isInfoEnabled()) {
      logger.setLevel(Level.INFO);
    }
    appender.start();
    logger.addAppender(appender);
    LIVE.add(name);
  }

  /**
   * Captures the logger named after {@code type}, as {@code LoggerFactory.getLogger(type)} names it.
   *
   * @param type the class whose logger to capture
   * @return the open capture
   */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName());
  }

  /**
   * Captures the logger {@code name}, a package for instance, and those below it.
   *
   * @param name a logger name
   * @return the open capture
   */
  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  /** @return every event so far */
  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /**
   * @param level a level
   * @return the messages of the events of exactly that level so far
   */
  public List<String> lines(Level level) {
    return events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** @return the messages of the WARN events so far */
  public List<String> warnings() {
    return lines(Level.WARN);
  }

  /**
   * Waits until at least {@code count} events of {@code level} were captured, for lines logged after the response
   * that a test has in hand (a write's failure, a retry).
   *
   * @param level the level of the awaited events
   * @param count how many to wait for
   * @param bound how long to wait at most
   * @return the messages of the events of that level so far
   * @throws AssertionError if fewer were captured within {@code bound}
   */
  public List<String> awaitLines(Level level, int count, Duration bound) {
    return Eventually.eventually(bound, count + " " + level + " lines of " + logger.getName(), () -> lines(level),
      found -> found.size() >= count);
  }

  /**
   * Waits until an event of {@code level} whose message contains {@code text} was captured, whatever else was.
   *
   * @param level the level of the awaited event
   * @param text  what its message contains
   * @param bound how long to wait at most
   * @return the first such message
   * @throws AssertionError if none was captured within {@code bound}
   */
  public String awaitLine(Level level, String text, Duration bound) {
    return Eventually.eventually(bound, "a " + level + " line of " + logger.getName() + " containing '" + text + "'",
      () -> lines(level).stream().filter(line -> line.contains(text)).findFirst().orElse(null),
      found -> found != null);
  }

  /**
   * Asserts that every event of WARN or above so far is of {@code level} and mentions {@code text}: for a test whose
   * only warnings are the ones it provokes, checked after each test so that an unexpected one fails it.
   *
   * @param level the level each such event has
   * @param text  what each such event's message contains
   * @throws AssertionError naming the first event that is not as expected
   */
  public void assertEveryWarningIs(Level level, String text) {
    for (ILoggingEvent event : events()) {
      if (event.getLevel().isGreaterOrEqual(Level.WARN)
          && (event.getLevel() != level || !event.getFormattedMessage().contains(text))) {
        throw new AssertionError("unexpected " + event + "; expected only " + level + " lines containing '" + text + "'");
      }
    }
  }

  /** Detaches the capture; later events of the logger print as usual. */
  @Override
  public void close() {
    LIVE.remove(logger.getName());
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
  }

  /** Whether a live capture holds the events of {@code loggerName}: its own logger's or one above it. */
  static boolean claims(String loggerName) {
    for (String captured : LIVE) {
      if (loggerName.equals(captured) || loggerName.startsWith(captured + ".")) {
        return true;
      }
    }
    return false;
  }
}
