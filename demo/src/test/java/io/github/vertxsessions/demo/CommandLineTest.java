package io.github.vertxsessions.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

  private static final String SECRET_A = "first-secret-0123456789-abcdefghijklmn";
  private static final String SECRET_B = "second-secret-0123456789-abcdefghijklm";

  @Test
  void noFlagsAndNoEnvironmentMeanTheDefaults() {
    JsonObject config = CommandLine.parse(List.of(), Map.of());

    assertEquals(new JsonObject(), config);
    DemoConfig defaults = DemoConfig.fromJson(config);
    assertEquals("local", defaults.store());
    assertEquals(8080, defaults.port());
    assertEquals(Duration.ofMinutes(30), defaults.idleTimeout());
    assertEquals(List.of(), defaults.secrets(), "none given: the verticle makes a random one");
  }

  @Test
  void everyFlagReachesTheVerticleConfig() {
    JsonObject config = CommandLine.parse(List.of("--store", "REDIS", "--redis-url", "redis://cache:6380",
      "--mongo-uri=mongodb://db:27018/app", "--pg-uri", "postgresql://app:pw@db:5433/app", "--host", "0.0.0.0", "--port", "9090", "--idle-timeout", "90s",
      "--secret", SECRET_A), Map.of());

    DemoConfig parsed = DemoConfig.fromJson(config);
    assertEquals("redis", parsed.store());
    assertEquals("redis://cache:6380", parsed.redisUrl());
    assertEquals("mongodb://db:27018/app", parsed.mongoUri());
    assertEquals("postgresql://app:pw@db:5433/app", parsed.pgUri());
    assertEquals("0.0.0.0", parsed.host());
    assertEquals(9090, parsed.port());
    assertEquals(Duration.ofSeconds(90), parsed.idleTimeout());
    assertEquals(List.of(SECRET_A), parsed.secrets());
  }

  @Test
  void theEnvironmentIsTheFallback() {
    JsonObject config = CommandLine.parse(List.of(), Map.of("SESSION_STORE", "mongo", "MONGO_URI",
      "mongodb://db/sessions", "PG_URI", "postgres://db/sessions", "PORT", "9000", "SESSION_IDLE_TIMEOUT", "PT2H", "SESSION_SECRETS",
      SECRET_A + ", " + SECRET_B, "REDIS_URL", "rediss://cache:6390", "HOST", "::1"));

    assertEquals(new JsonObject().put("store", "mongo").put("redisUrl", "rediss://cache:6390")
      .put("mongoUri", "mongodb://db/sessions").put("pgUri", "postgres://db/sessions").put("host", "::1").put("port", 9000).put("idleTimeout", "PT2H")
      .put("secrets", new JsonArray().add(SECRET_A).add(SECRET_B)), config);
  }

  @Test
  void flagsWinOverTheEnvironmentEvenOverABadValue() {
    JsonObject config = CommandLine.parse(List.of("--port", "9001", "--secret", SECRET_B),
      Map.of("PORT", "not-a-port", "SESSION_SECRETS", SECRET_A, "SESSION_STORE", "redis"));

    assertEquals(9001, config.getInteger("port"));
    assertEquals(new JsonArray().add(SECRET_B), config.getJsonArray("secrets"));
    assertEquals("redis", config.getString("store"), "what no flag says still comes from the environment");
  }

  @Test
  void secretsKeepTheirOrderSoTheFirstSigns() {
    JsonObject config = CommandLine.parse(List.of("--secret", SECRET_B, "--secret=" + SECRET_A), Map.of());

    assertEquals(List.of(SECRET_B, SECRET_A), DemoConfig.fromJson(config).secrets());
  }

  @ParameterizedTest
  @CsvSource({
    "--store, nosql",
    "--port, abc",
    "--port, 70000",
    "--port, -1",
    "--idle-timeout, soon",
    "--idle-timeout, 0s",
    "--idle-timeout, -PT1M",
    "--secret, too-short",
    "--redis-url, http://cache:6379",
    "--redis-url, localhost",
    "--mongo-uri, mysql://db",
    "--pg-uri, mysql://db",
    "--pg-uri, postgresql://db:notaport/app",
    "--host, ' '",
  })
  void aBadValueGivesOneLineNamingTheFlag(String flag, String value) {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
      () -> CommandLine.parse(List.of(flag, value), Map.of()));

    assertTrue(bad.getMessage().startsWith(flag + " must be "), bad.getMessage());
    assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
  }

  @Test
  void aBadEnvironmentValueNamesTheVariable() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
      () -> CommandLine.parse(List.of(), Map.of("SESSION_IDLE_TIMEOUT", "forever")));

    assertEquals("environment variable SESSION_IDLE_TIMEOUT must be a positive duration such as 30m, 90s or PT30M, "
      + "not 'forever'", bad.getMessage());
  }

  @Test
  void secretsAndPasswordsInUrlsAreNeverEchoed() {
    String shortSecret = "hunter2-hunter2";
    String badUrl = "http://user:hunter2@cache";

    String secretMessage = assertThrows(IllegalArgumentException.class,
      () -> CommandLine.parse(List.of("--secret=" + shortSecret), Map.of())).getMessage();
    String typoMessage = assertThrows(IllegalArgumentException.class,
      () -> CommandLine.parse(List.of("--secrte=" + SECRET_A), Map.of())).getMessage();
    String urlMessage = assertThrows(IllegalArgumentException.class,
      () -> CommandLine.parse(List.of("--redis-url", badUrl), Map.of())).getMessage();

    assertEquals("--secret must be at least 32 characters long, not 15", secretMessage);
    assertEquals("unknown option '--secrte' (see --help)", typoMessage);
    assertFalse(urlMessage.contains("hunter2"), urlMessage);
  }

  @Test
  void malformedCommandLines() {
    assertEquals("--port needs a value (see --help)", assertThrows(IllegalArgumentException.class,
      () -> CommandLine.parse(List.of("--port"), Map.of())).getMessage());
    assertEquals("--port is given more than once", assertThrows(IllegalArgumentException.class,
      () -> CommandLine.parse(List.of("--port", "1", "--port", "2"), Map.of())).getMessage());
    assertEquals("unknown option 'serve' (see --help)", assertThrows(IllegalArgumentException.class,
      () -> CommandLine.parse(List.of("serve"), Map.of())).getMessage());
  }

  @Test
  void helpIsAskedForAnywhereOnTheLine() {
    assertTrue(CommandLine.wantsHelp(List.of("--port", "1", "--help")));
    assertTrue(CommandLine.wantsHelp(List.of("-h")));
    assertFalse(CommandLine.wantsHelp(List.of("--port", "1")));
    assertTrue(CommandLine.USAGE.lines().allMatch(line -> line.length() <= 80), CommandLine.USAGE);
  }
}
