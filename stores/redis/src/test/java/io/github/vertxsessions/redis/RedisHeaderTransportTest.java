package io.github.vertxsessions.redis;

import io.github.vertxsessions.SessionIdTransport;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.BadSessionValues;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session ID in the {@code X-Session-Token} header over real HTTP on Redis: the keys Redis holds through a
 * session's life, bad values that never reach Redis, and COOKIE_OR_HEADER's ambiguous requests. The apps share one
 * Vert.x for the class, injected in {@code @BeforeAll}, which the extension closes after the last test.
 */
@ExtendWith(VertxExtension.class)
class RedisHeaderTransportTest {

  private static final String HEADER = SessionOptions.DEFAULT_ID_HEADER_NAME;
  private static final String PREFIX = TestRedis.uniquePrefix();

  private static Redis redis;
  private static SessionStore store;
  private static RedisAdmin admin;
  /** The header transport, and the cookie-or-header one, over one store. */
  private static TestApp headerApp;
  private static TestApp eitherApp;
  private static String valid;
  private static String validId;

  @BeforeAll
  static void start(Vertx vertx) {
    TestClock clock = new TestClock();
    redis = TestRedis.client(vertx);
    store = RedisSessionStore.create(vertx, redis, new RedisStoreOptions().setKeyPrefix(PREFIX).setClock(clock));
    admin = new RedisAdmin(vertx, TestRedis.connectionString());
    headerApp = new TestApp(vertx, clock, new SessionOptions().setIdTransport(SessionIdTransport.HEADER), store,
      r -> { }, new HttpServerOptions());
    eitherApp = new TestApp(vertx, clock, new SessionOptions().setIdTransport(SessionIdTransport.COOKIE_OR_HEADER),
      store, r -> { }, new HttpServerOptions());
    TestResponse created = headerApp.post("/save", null);
    valid = created.headers().get(HEADER);
    validId = created.sessionId();
  }

  @AfterAll
  static void stop() throws Exception {
    admin.deleteKeys(PREFIX);
    admin.close();
    store.close().await(10, SECONDS);
    redis.close();
  }

  private static MultiMap headers(String... values) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String value : values) {
      headers.add(HEADER, value);
    }
    return headers;
  }

  private static boolean inRedis(String id) {
    return admin.call("EXISTS", PREFIX + id).toLong() == 1;
  }

  @Test
  void aSessionLivesInRedisUnderTheIdItsHeaderCarries() {
    TestResponse created = headerApp.post("/save", null);
    String token = created.headers().get(HEADER);
    assertTrue(token.startsWith(created.sessionId() + "."), token);
    assertTrue(inRedis(created.sessionId()), "an explicit save is acknowledged before the response");
    assertEquals(List.of(), created.setCookies());

    TestResponse regenerated = headerApp.send(HttpMethod.POST, "/regenerate", headers(token));
    String renewed = regenerated.headers().get(HEADER);

    assertNotEquals(created.sessionId(), regenerated.sessionId());
    assertTrue(renewed.startsWith(regenerated.sessionId() + "."), renewed);
    assertTrue(inRedis(regenerated.sessionId()));
    assertFalse(inRedis(created.sessionId()), "the old key is gone");
    assertTrue(headerApp.send(HttpMethod.GET, "/read", headers(token)).json().getBoolean("isNew"));

    TestResponse destroyed = headerApp.send(HttpMethod.POST, "/destroy", headers(renewed));

    assertEquals("", destroyed.headers().get(HEADER));
    assertFalse(inRedis(regenerated.sessionId()));
    assertTrue(headerApp.send(HttpMethod.GET, "/read", headers(renewed)).json().getBoolean("isNew"),
      "a destroyed session's token is dead, and its ID never adopted");
  }

  static Stream<Arguments> badHeaders() {
    return Stream.concat(
      BadSessionValues.of(valid).map(bad -> Arguments.of(bad.get()[0], headers((String) bad.get()[1]))),
      Stream.of(Arguments.of("doubled header", headers(valid, valid))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeaders")
  void aBadHeaderNeverReachesRedis(String kind, MultiMap headers) {
    headerApp.store.resetCalls();

    TestResponse response = headerApp.send(HttpMethod.GET, "/read", headers);

    assertEquals(200, response.status(), kind);
    assertTrue(response.json().getBoolean("isNew"), kind);
    assertEquals(List.of(), headerApp.store.calls(), kind);
    assertTrue(inRedis(validId), kind);
  }

  @Test
  void aCookieAndAHeaderThatDisagreeAreNeitherTrusted() {
    TestResponse byCookie = eitherApp.post("/save", null);
    String cookieValue = byCookie.sid().substring("sid=".length());
    MultiMap both = headers(valid).add(HttpHeaders.COOKIE, "sid=" + cookieValue);
    eitherApp.store.resetCalls();

    TestResponse ambiguous = eitherApp.send(HttpMethod.GET, "/read", both);

    assertTrue(ambiguous.json().getBoolean("isNew"));
    assertEquals(List.of(), eitherApp.store.calls(), "neither ID was looked up");
    assertTrue(inRedis(byCookie.sessionId()) && inRedis(validId));
    MultiMap agreeing = headers(cookieValue).add(HttpHeaders.COOKIE, "sid=" + cookieValue);
    assertEquals(byCookie.sessionId(), eitherApp.send(HttpMethod.GET, "/read", agreeing).sessionId());
  }
}
