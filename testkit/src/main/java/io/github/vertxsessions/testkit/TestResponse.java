package io.github.vertxsessions.testkit;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** What a test request got back. */
public record TestResponse(int status, List<String> setCookies, String body, MultiMap headers) {

  public JsonObject json() {
    return new JsonObject(body);
  }

  public String sessionId() {
    return json().getString("id");
  }

  public JsonObject data() {
    return json().getJsonObject("data");
  }

  /** The one Set-Cookie header for {@code name}, or null; fails if there are several. */
  public String setCookie(String name) {
    List<String> matching = setCookies.stream().filter(c -> c.startsWith(name + "=")).toList();
    if (matching.size() > 1) {
      throw new AssertionError("Several Set-Cookie headers for " + name + ": " + matching);
    }
    return matching.isEmpty() ? null : matching.get(0);
  }

  /** The {@code name=value} pair to send back, as a browser would. */
  public String cookie(String name) {
    String header = setCookie(name);
    if (header == null) {
      throw new AssertionError("No Set-Cookie for " + name + " in " + setCookies);
    }
    int end = header.indexOf(';');
    return end < 0 ? header : header.substring(0, end);
  }

  public String sid() {
    return cookie("sid");
  }
}
