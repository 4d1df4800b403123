package examples;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * A sample's router on a free port, and a client that keeps its cookies like a browser (every cookie by name, dropped
 * when the server clears it), for the samples' tests.
 */
final class SampleServer {

  /** One answer: status, body, the {@code Set-Cookie} headers and every header. */
  record Answer(int status, String body, List<String> setCookies, MultiMap headers) {

    /** The {@code Set-Cookie} header of the cookie {@code name}, or null when the answer sets none. */
    String setCookie(String name) {
      return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final HttpClient client;
  private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
  private final Map<String, String> cookies = new LinkedHashMap<>();

  SampleServer(Vertx vertx, Router router) throws Exception {
    this.server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, SECONDS);
    this.client = vertx.createHttpClient();
  }

  /** Sends {@code name: value} with every request from now on, as a proxy in front of the server would. */
  SampleServer always(String name, String value) {
    headers.set(name, value);
    return this;
  }

  /** The value of the cookie {@code name} the client holds, or null. */
  String cookie(String name) {
    return cookies.get(name);
  }

  /** Sends a request with the cookies kept so far, and keeps the cookies the answer sets. */
  Answer send(HttpMethod method, String path) throws Exception {
    return send(method, path, MultiMap.caseInsensitiveMultiMap(), null);
  }

  /** Sends a request with these headers (beside the cookies and the {@link #always} ones) and body, if any. */
  Answer send(HttpMethod method, String path, MultiMap extraHeaders, String body) throws Exception {
    RequestOptions request = new RequestOptions().setMethod(method).setPort(server.actualPort()).setURI(path)
        .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers).addAll(extraHeaders));
    if (!cookies.isEmpty()) {
      request.putHeader("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; ")));
    }
    // the body is asked for in the callback that receives the response: asked for a step later, a body that has
    // arrived in between is lost, and the request never completes
    Answer answer = client.request(request)
        .compose(r -> (body == null ? r.send() : r.send(Buffer.buffer(body)))
            .compose(response -> response.body().map(received ->
                new Answer(response.statusCode(), received.toString(), response.cookies(), response.headers()))))
        .await(10, SECONDS);
    answer.setCookies().forEach(this::keep);
    return answer;
  }

  Answer get(String path) throws Exception {
    return send(HttpMethod.GET, path);
  }

  Answer post(String path) throws Exception {
    return send(HttpMethod.POST, path);
  }

  /** Posts an HTML form's fields, as a browser does. */
  Answer postForm(String path, String form) throws Exception {
    return send(HttpMethod.POST, path,
        MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/x-www-form-urlencoded"), form);
  }

  private void keep(String setCookie) {
    String pair = setCookie.substring(0, setCookie.contains(";") ? setCookie.indexOf(';') : setCookie.length());
    String name = pair.substring(0, pair.indexOf('='));
    String value = pair.substring(pair.indexOf('=') + 1);
    if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }
}
