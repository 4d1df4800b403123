package examples;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;

import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;

/** A sample's router on a free port, and a client that keeps its cookie like a browser, for the samples' tests. */
final class SampleServer {

  /** One answer: status, body and the {@code Set-Cookie} headers. */
  record Answer(int status, String body, List<String> setCookies) {
  }

  private final HttpServer server;
  private final HttpClient client;
  private String cookie;

  SampleServer(Vertx vertx, Router router) throws Exception {
    this.server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, SECONDS);
    this.client = vertx.createHttpClient();
  }

  /** Sends a request with the cookie kept so far, and keeps the cookie the answer sets. */
  Answer send(HttpMethod method, String path) throws Exception {
    RequestOptions request = new RequestOptions().setMethod(method).setPort(server.actualPort()).setURI(path);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    Answer answer = client.request(request).compose(HttpClientRequest::send)
        .compose(response -> response.body().map(body ->
            new Answer(response.statusCode(), body.toString(), response.cookies())))
        .await(10, SECONDS);
    answer.setCookies().stream().findFirst().ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
    return answer;
  }

  Answer get(String path) throws Exception {
    return send(HttpMethod.GET, path);
  }

  Answer post(String path) throws Exception {
    return send(HttpMethod.POST, path);
  }
}
