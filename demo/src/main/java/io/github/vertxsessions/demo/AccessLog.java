package io.github.vertxsessions.demo;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path, status and time taken. Deliberately no headers (they carry the session
 * cookie), no query string and no body (a log-in carries a password).
 */
final class AccessLog implements Handler<RoutingContext> {

  static final String LOGGER_NAME = "io.github.vertxsessions.demo.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    ctx.addEndHandler(ended -> LOG.info("{} {} {} {} ms", method, path, ctx.response().getStatusCode(),
      (System.nanoTime() - start) / 1_000_000));
    ctx.next();
  }
}
