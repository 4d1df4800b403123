package io.github.vertxsessions.bench.load;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The suite's own requests to a peer outside the measured load: minting cookies, probing, reading /stats. */
final class PeerClient {

  private static final String COOKIE_NAME = "sid";

  private final HttpClient client = HttpClient.newBuilder()
    .version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5))
    .build();
  private final String base;

  PeerClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** The session cookies ({@code sid=value}) of {@code count} fresh log-ins. */
  List<String> mint(int count) throws IOException {
    Set<String> cookies = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response = get("/login", null);
      String cookie = sessionCookie(response)
        .orElseThrow(() -> new IOException("/login answered " + response.statusCode() + " without a session cookie"));
      cookies.add(cookie);
    }
    if (cookies.size() != count) {
      throw new IOException("/login minted " + cookies.size() + " distinct cookies for " + count + " log-ins");
    }
    return new ArrayList<>(cookies);
  }

  /** The sum of the counters /write incremented, over the sessions of {@code cookies}. */
  long counterSum(List<String> cookies) throws IOException {
    long sum = 0;
    for (String cookie : cookies) {
      HttpResponse<String> response = get("/counter", cookie);
      if (response.statusCode() != 200) {
        throw new IOException("/counter answered " + response.statusCode() + ": " + response.body());
      }
      sum += Long.parseLong(response.body().strip());
    }
    return sum;
  }

  /** Whether a request without a cookie gets a session cookie back. */
  boolean anonymousGetsCookie(String path) throws IOException {
    return sessionCookie(get(path, null)).isPresent();
  }

  /** The store's session count, -1 for a peer without a store. */
  long sessionCount() throws IOException {
    HttpResponse<String> response = get("/stats", null);
    if (response.statusCode() != 200) {
      throw new IOException("/stats answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body()).getLong("sessions");
  }

  private HttpResponse<String> get(String path, String cookie) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static Optional<String> sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("set-cookie").stream()
      .map(header -> header.split(";", 2)[0].trim())
      .filter(pair -> pair.startsWith(COOKIE_NAME + "=") && pair.length() > COOKIE_NAME.length() + 1)
      .findFirst();
  }
}
