package io.github.vertxsessions.bench.micro;

import io.vertx.core.json.JsonObject;

/** How the measuring mains hand their figures to the suite: one line on standard output. */
public final class MicroResult {

  public static final String PREFIX = "RESULT ";

  private MicroResult() {
  }

  static void print(JsonObject result) {
    System.out.println(PREFIX + result.encode());
  }
}
