package io.github.vertxsessions;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.vertxsessions.spi.RequestNotSentException;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through a store outage under load the handler logs a handful of lines, not one per request: the start with its
 * cause, at most one per {@code failureLogInterval} with the count since the last, and the recovery.
 */
@ExtendWith(VertxExtension.class)
class FailureLoggingTest {

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  private TestApp app;
  private String cookie;
  private LogCapture log;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = new TestApp(vertx, new SessionOptions().setFailureLogInterval(Duration.ofSeconds(10))
      .setStoreTimeout(Duration.ofMillis(200)).setWriteTimeout(Duration.ofMillis(200)));
    cookie = app.get("/put/user/alice", null).sid();
    log = LogCapture.of(SessionHandler.class);
  }

  @AfterEach
  void close() {
    log.close();
  }

  private List<String> lines(Level level) {
    return log.events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void anOutageOfManyFailedLoadsIsLoggedAtItsStartOncePerIntervalAndAtItsEnd() {
    app.store.failWith(new VertxException("connection refused", true));
    for (int i = 0; i < 60; i++) {
      assertEquals(503, app.get("/read", cookie).status());
    }
    assertEquals(1, lines(Level.WARN).size(), "60 failures in the first interval: one line");
    assertTrue(lines(Level.WARN).get(0).contains("connection refused"), lines(Level.WARN).get(0));

    app.clock.advance(Duration.ofSeconds(9));
    app.get("/read", cookie);
    assertEquals(1, lines(Level.WARN).size(), "still within the interval");
    app.clock.advance(Duration.ofSeconds(1));
    app.get("/read", cookie);
    for (int i = 0; i < 30; i++) {
      app.get("/read", cookie);
    }
    assertEquals(2, lines(Level.WARN).size(), lines(Level.WARN).toString());
    assertTrue(lines(Level.WARN).get(1).startsWith("Session store unavailable: loading sessions still failing: 61 more since the last line, 62 in 10000 ms"), lines(Level.WARN).get(1));

    app.store.failWith(null);
    assertEquals(200, app.get("/read", cookie).status());
    assertEquals(200, app.get("/read", cookie).status());
    assertEquals(List.of("Session store unavailable: loading sessions: the store answers again, after 92 failures in 10000 ms"),
      lines(Level.INFO));
    assertEquals(2, lines(Level.WARN).size());

    app.store.failWith(new VertxException("connection refused again", true));
    app.get("/read", cookie);
    assertEquals(3, lines(Level.WARN).size(), "a new outage is logged at its start again");
    assertTrue(lines(Level.WARN).get(2).contains("connection refused again"));
  }

  @Test
  void failedAutomaticSavesAreBoundedTooAndALostReplyIsAnUnknownOutcome() {
    app.store.failWith(new TimeoutException("Redis did not answer"), "save");
    for (int i = 0; i < 40; i++) {
      assertEquals(200, app.get("/incr/views", cookie).status());
    }
    List<String> warnings = lines(Level.WARN);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("Automatic session saves failed with outcome unknown (the store may have applied it)"),
      warnings.get(0));

    app.store.failWith(null);
    app.get("/incr/views", cookie);
    assertEquals(List.of("Automatic session saves: the store answers again, after 40 failures in 0 ms"), lines(Level.INFO));
  }

  @Test
  void aLoadThatTimedOutIsNeverAnUnknownOutcome() {
    app.store.failWith(new TimeoutException("Redis did not answer"), "load");

    assertEquals(503, app.get("/read", cookie).status());

    assertEquals(1, lines(Level.WARN).size(), lines(Level.WARN).toString());
    assertTrue(lines(Level.WARN).get(0).startsWith("Session store unavailable: loading sessions failed: session "),
      "a read applies nothing: " + lines(Level.WARN).get(0));
  }

  /** Only a request that may have reached the store leaves a write's outcome unknown. */
  @ParameterizedTest
  @MethodSource("saveFailures")
  void aFailedSaveIsAnUnknownOutcomeOnlyIfItsRequestMayHaveLeft(Throwable cause, boolean unknown) {
    app.store.failWith(cause, "save");

    app.get("/incr/views", cookie);

    String line = awaitWarning();
    assertEquals(unknown, line.startsWith("Automatic session saves failed with outcome unknown"), line);
    assertEquals(!unknown, line.startsWith("Automatic session saves failed: session "), line);
  }

  static Stream<Arguments> saveFailures() {
    TimeoutException timedOutWhileQueued = new TimeoutException("Redis did not answer within 500 ms");
    timedOutWhileQueued.initCause(new RequestNotSentException("the command waited for a connection"));
    return Stream.of(
      Arguments.of(new ConnectException("Connection refused"), false),
      Arguments.of(new VertxException("the pool is closed", new ConnectException("Connection refused")), false),
      Arguments.of(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 24"), false),
      Arguments.of(timedOutWhileQueued, false),
      Arguments.of(new IllegalStateException("ERR wrong number of arguments"), false),
      Arguments.of(new TimeoutException("Redis did not answer within 500 ms"), true),
      Arguments.of(new IOException("Connection reset by peer"), true));
  }

  /** The automatic save is reported after its response: wait for its line (the recording store fails at once). */
  private String awaitWarning() {
    log.awaitLines(Level.WARN, 1, Duration.ofSeconds(10));
    assertEquals(1, lines(Level.WARN).size(), lines(Level.WARN).toString());
    return lines(Level.WARN).get(0);
  }

  @Test
  void aRequestThatWritesNothingDoesNotEndARunOfFailedSaves() {
    app.store.failWith(new VertxException("disk full", true), "save");
    app.get("/incr/views", cookie);
    app.get("/read", cookie);
    app.get("/incr/views", cookie);

    assertEquals(1, lines(Level.WARN).size(), lines(Level.WARN).toString());
    assertEquals(List.of(), lines(Level.INFO));
  }
}
