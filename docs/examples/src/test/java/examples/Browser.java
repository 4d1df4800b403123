package examples;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * A client for the samples' tests that keeps its session as a browser keeps its cookie, or as a script keeps a token
 * it reads from a header ({@link #keepingToken}). Each request opens a connection of its own, so that requests of one
 * client may reach different verticle instances.
 */
final class Browser {

  /** One answer: status, body and headers. */
  record Answer(int status, String body, MultiMap headers) {

    String header(String name) {
      return headers.get(name);
    }

    List<String> setCookies() {
      return headers.getAll("Set-Cookie");
    }

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final HttpClient client;
  private final int port;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String tokenHeader;
  private String cookie;
  private String token;

  Browser(Vertx vertx, int port) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    this.port = port;
  }

  /** Serves {@code router} on a free port of the loopback interface; returns the port. */
  static int serve(Vertx vertx, Router router) throws Exception {
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, SECONDS).actualPort();
  }

  /** From now on, keeps the token the answers carry in {@code header} and sends it back, rather than a cookie. */
  Browser keepingToken(String header) {
    this.tokenHeader = header;
    return this;
  }

  Answer get(String path) throws Exception {
    return send(HttpMethod.GET, path, null);
  }

  Answer post(String path) throws Exception {
    return send(HttpMethod.POST, path, null);
  }

  /** Sends a request with the session kept so far, and keeps what the answer sets. */
  Answer send(HttpMethod method, String path, String body) throws Exception {
    RequestOptions request = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
    headers.forEach(request::putHeader);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    if (tokenHeader != null) {
      request.putHeader(tokenHeader, token == null ? "" : token);
    }
    Buffer payload = body == null ? Buffer.buffer() : Buffer.buffer(body);
    // body() is asked for in the callback of the response itself: asked for one step later, it can come after the
    // response has ended, and vertx-core 5.0.10 then never completes it (eclipse-vertx/vert.x#6038)
    Answer answer = client.request(request).compose(req -> req.send(payload)
        .compose(response -> response.body().map(received ->
          new Answer(response.statusCode(), received.toString(), response.headers()))))
      .await(10, SECONDS);
    for (String set : answer.setCookies()) {
      String pair = set.substring(0, set.contains(";") ? set.indexOf(';') : set.length());
      cookie = pair.endsWith("=") ? null : pair;
    }
    if (tokenHeader != null && answer.header(tokenHeader) != null) {
      token = answer.header(tokenHeader).isEmpty() ? null : answer.header(tokenHeader);
    }
    return answer;
  }

  /** The session cookie kept, such as {@code sid=...}, or null. */
  String cookie() {
    return cookie;
  }

  /** The token kept, or null. */
  String token() {
    return token;
  }

  /** Sends this header with every request from now on, as a browser sends its {@code User-Agent}. */
  Browser withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Sends {@code cookie} from now on, as a browser holding that cookie would. */
  Browser withCookie(String cookie) {
    this.cookie = cookie;
    return this;
  }
}
