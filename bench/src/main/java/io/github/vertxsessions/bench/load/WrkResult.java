package io.github.vertxsessions.bench.load;

import io.vertx.core.json.JsonObject;

/**
 * What wrk measured in one window. Latencies are in microseconds and, wrk being a closed-loop generator, are not
 * corrected for coordinated omission: a stall delays the requests behind it instead of showing in their latency.
 */
public record WrkResult(long requests, long durationMicros, long connectErrors, long readErrors, long writeErrors,
                        long timeouts, long non2xx3xx, long p50Micros, long p90Micros, long p99Micros, long maxMicros,
                        double meanMicros) {

  public static WrkResult fromJson(JsonObject json) {
    return new WrkResult(json.getLong("requests"), json.getLong("durationMicros"), json.getLong("connectErrors"),
      json.getLong("readErrors"), json.getLong("writeErrors"), json.getLong("timeouts"), json.getLong("non2xx3xx"),
      json.getLong("p50Micros"), json.getLong("p90Micros"), json.getLong("p99Micros"), json.getLong("maxMicros"),
      json.getDouble("meanMicros"));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("requests", requests).put("durationMicros", durationMicros)
      .put("connectErrors", connectErrors).put("readErrors", readErrors).put("writeErrors", writeErrors)
      .put("timeouts", timeouts).put("non2xx3xx", non2xx3xx)
      .put("p50Micros", p50Micros).put("p90Micros", p90Micros).put("p99Micros", p99Micros)
      .put("maxMicros", maxMicros).put("meanMicros", meanMicros);
  }

  public double requestsPerSecond() {
    return durationMicros == 0 ? 0 : requests * 1_000_000.0 / durationMicros;
  }

  /** Connect, read and write errors and timeouts together. */
  public long socketErrors() {
    return connectErrors + readErrors + writeErrors + timeouts;
  }
}
