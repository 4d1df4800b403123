package io.github.vertxsessions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strict reader behind every options class's JSON constructor, form by form. */
class OptionsJsonTest {

  /** Stands for an options class in the messages. */
  private static final class SomeOptions {
  }

  private static OptionsJson reader(JsonObject json) {
    return new OptionsJson(SomeOptions.class, json);
  }

  private static String refusal(Executable read) {
    return assertThrows(IllegalArgumentException.class, read).getMessage();
  }

  @Test
  void eachFormReadsItsValuesAndAbsentOrNullKeysReadAsTheFallback() {
    OptionsJson in = reader(new JsonObject().put("text", "x").put("flag", true).put("count", 7L)
      .put("millis", 1500).put("iso", "PT2M").put("mode", "header").put("list", new JsonArray().add("a").add("b"))
      .put("nested", new JsonObject().put("k", 1)).putNull("nothing"));

    assertEquals("x", in.getString("text", "fallback"));
    assertEquals(true, in.getBoolean("flag", false));
    assertEquals(7, in.getInteger("count", 0));
    assertEquals(Duration.ofMillis(1500), in.getDuration("millis", null));
    assertEquals(Duration.ofMinutes(2), in.getDuration("iso", null));
    assertEquals(SessionIdTransport.HEADER, in.getEnum("mode", SessionIdTransport.class, null));
    assertEquals(List.of("a", "b"), in.getStrings("list", null));
    assertEquals(new JsonObject().put("k", 1), in.getJsonObject("nested", null));
    assertEquals("fallback", in.getString("nothing", "fallback"));
    assertNull(in.getDuration("absent", null));
    assertDoesNotThrow(in::rejectUnknownKeys);
  }

  @Test
  void anAbsentKeyReadsAsTheFallbackItWasGivenInEveryForm() {
    OptionsJson in = reader(new JsonObject());
    JsonObject nested = new JsonObject().put("k", 1);

    assertEquals(true, in.getBoolean("flag", true));
    assertEquals(false, in.getBoolean("other", false));
    assertEquals(List.of("s"), in.getStrings("list", List.of("s")));
    assertEquals(nested, in.getJsonObject("nested", nested));
    assertEquals(42, in.getInteger("count", 42));
    assertEquals(Duration.ofSeconds(3), in.getDuration("timeout", Duration.ofSeconds(3)));
    assertEquals(SessionIdTransport.COOKIE, in.getEnum("mode", SessionIdTransport.class, SessionIdTransport.COOKIE));
    assertEquals("text", in.getString("text", "text"));
  }

  @Test
  void aKeyNoGetReadIsRefusedWithTheKnownOnesInAlphabeticalOrder() {
    OptionsJson in = reader(new JsonObject().put("idleTimout", "PT5M").put("zeta", 1).put("alpha", 2));
    in.getDuration("idleTimeout", null);
    in.getInteger("alpha", null);
    in.getInteger("zeta", null);

    assertEquals("unknown option \"idleTimout\" in SomeOptions; known options: alpha, idleTimeout, zeta",
      refusal(in::rejectUnknownKeys));
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheKeyWhatItTakesAndWhatItGot() {
    JsonObject json = new JsonObject().put("secrets", "a-secret-that-no-message-may-show").put("count", 1.5)
      .put("big", 3_000_000_000L).put("flag", "yes").put("timeout", true).put("nested", new JsonArray()).put("mode", 3)
      .put("keys", new JsonArray().add("k").add(7));
    OptionsJson in = reader(json);

    assertEquals("option \"secrets\" of SomeOptions must be an array of strings, got a string",
      refusal(() -> in.getStrings("secrets", null)), "a string is described by its kind, never its content");
    assertEquals("option \"count\" of SomeOptions must be a whole number that fits 32 bits, got the number 1.5",
      refusal(() -> in.getInteger("count", null)));
    assertEquals("option \"big\" of SomeOptions must be a whole number that fits 32 bits, got the number 3000000000",
      refusal(() -> in.getInteger("big", null)));
    assertEquals("option \"flag\" of SomeOptions must be true or false, got a string",
      refusal(() -> in.getBoolean("flag", null)));
    assertEquals("option \"timeout\" of SomeOptions must be milliseconds or an ISO-8601 duration string such as "
      + "\"PT30M\", got true", refusal(() -> in.getDuration("timeout", null)));
    assertEquals("option \"nested\" of SomeOptions must be an object, got an array",
      refusal(() -> in.getJsonObject("nested", null)));
    assertEquals("option \"mode\" of SomeOptions must be one of [COOKIE, HEADER, COOKIE_OR_HEADER], got the number 3",
      refusal(() -> in.getEnum("mode", SessionIdTransport.class, null)));
    assertEquals("option \"keys\" of SomeOptions must be an array of strings, got an array holding the number 7",
      refusal(() -> in.getStrings("keys", null)));
    assertEquals("option \"count\" of SomeOptions must be a string, got the number 1.5",
      refusal(() -> in.getString("count", null)));
    OptionsJson containers = reader(new JsonObject().put("name", new JsonObject()).put("size", new JsonArray()));
    assertEquals("option \"name\" of SomeOptions must be a string, got an object",
      refusal(() -> containers.getString("name", null)));
    assertEquals("option \"size\" of SomeOptions must be a whole number that fits 32 bits, got an array",
      refusal(() -> containers.getInteger("size", null)));
  }

  @Test
  void aStringThatIsNoneOfTheValuesTakenIsRefusedNamingTheKey() {
    OptionsJson in = reader(new JsonObject().put("mode", "pigeon").put("timeout", "soon"));

    assertEquals("option \"mode\" of SomeOptions must be one of [COOKIE, HEADER, COOKIE_OR_HEADER] (in any case), "
      + "not 'pigeon'", refusal(() -> in.getEnum("mode", SessionIdTransport.class, null)));
    String duration = refusal(() -> in.getDuration("timeout", null));
    assertEquals("timeout must be milliseconds or an ISO-8601 duration such as PT30M, not 'soon'", duration);
  }
}
