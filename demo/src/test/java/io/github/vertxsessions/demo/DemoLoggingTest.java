package io.github.vertxsessions.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the demo and the library write to the log, at every level: never a password, a cookie or a whole ID. */
@ExtendWith(VertxExtension.class)
class DemoLoggingTest {

  private LogCapture captured;

  /** Everything down to DEBUG, captured: the console shows none of it. */
  @BeforeEach
  void capture() {
    captured = LogCapture.of("io.github.vertxsessions");
    ((Logger) LoggerFactory.getLogger("io.github.vertxsessions")).setLevel(Level.DEBUG);
  }

  /** Detaches the capture, which restores the level. */
  @AfterEach
  void release() {
    captured.close();
  }

  @Test
  void theAccessLogHasMethodPathStatusAndTimeOnly(Vertx vertx) {
    String cookie;
    try (DemoApp app = new DemoApp(vertx, new JsonObject())) {
      cookie = app.login(null, "alice", "wonderland").sid();
      app.post("/api/visits", cookie);
      app.login(cookie, "alice", "not-her-password");
      app.post("/api/logout", cookie);
    }

    List<String> access = messagesOf(AccessLog.LOGGER_NAME);
    assertEquals(4, access.size(), access.toString());
    assertTrue(access.get(0).matches("POST /api/login 200 \\d+ ms"), access.get(0));
    assertTrue(access.get(1).matches("POST /api/visits 200 \\d+ ms"), access.get(1));
    assertTrue(access.get(2).matches("POST /api/login 401 \\d+ ms"), access.get(2));
    assertTrue(access.get(3).matches("POST /api/logout 204 \\d+ ms"), access.get(3));
    String sessionId = DemoApp.sessionId(cookie);
    for (ILoggingEvent event : captured.events()) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
        : event.getThrowableProxy().getMessage());
      assertFalse(line.contains("wonderland") || line.contains("not-her-password"), line);
      assertFalse(line.contains(sessionId), line);
      assertFalse(line.contains(DemoApp.SECRET), line);
    }
  }

  @Test
  void eachSessionEventIsOneInfoLineWithTheSessionRedacted(Vertx vertx) {
    String cookie;
    List<ILoggingEvent> lines;
    try (DemoApp app = new DemoApp(vertx, new JsonObject())) {
      cookie = app.login(null, "alice", "wonderland").sid();
      app.post("/api/logout", cookie);
      lines = linesOf(SessionEventLog.LOGGER_NAME, 2);
    }

    String redacted = SessionRecord.redact(DemoApp.sessionId(cookie));
    // created before the log-in's end gives it to alice (the session handler sets the principal from ctx.user() then)
    assertEquals(List.of("created " + redacted, "destroyed " + redacted + " of alice"),
      lines.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertTrue(lines.stream().allMatch(e -> e.getLevel() == Level.INFO));
  }

  @Test
  void withoutASecretTheDemoWarnsThatSessionsWillNotSurviveARestart(Vertx vertx) {
    try (DemoApp app = new DemoApp(vertx, new JsonObject().putNull("secrets"))) {
      assertEquals(200, app.login(null, "bob", "builder").status(), "the random secret signs cookies");
    }

    List<String> warnings = captured.warnings();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("random secret") && warnings.get(0).contains("not survive a restart"),
      warnings.get(0));
  }

  /** The lines of {@code loggerName} once there are {@code count} of them (events are logged as they arrive). */
  private List<ILoggingEvent> linesOf(String loggerName, int count) {
    eventually(Duration.ofSeconds(30), count + " lines of " + loggerName, () -> messagesOf(loggerName).size() >= count);
    return captured.events().stream().filter(e -> e.getLoggerName().equals(loggerName)).toList();
  }

  private List<String> messagesOf(String loggerName) {
    return captured.events().stream().filter(e -> e.getLoggerName().equals(loggerName))
      .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
