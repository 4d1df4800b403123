package examples;

import io.github.vertxsessions.CookieSecure;
import io.github.vertxsessions.SessionOptions;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;

/** The handler page's options: a set for production behind a TLS-terminating proxy, and options read from JSON. */
public final class OptionsSample {

  private OptionsSample() {
  }

  /**
   * Options for an application behind a proxy that ends TLS and sets {@code X-Forwarded-Proto}.
   *
   * @param secrets the secrets that sign the session cookies, newest first
   * @return the options
   */
  public static SessionOptions behindTlsProxy(List<String> secrets) {
    // tag::proxy[]
    SessionOptions options = new SessionOptions()
        .setSecrets(secrets)
        .setTrustProxy(true)                          // the proxy ends TLS and sets X-Forwarded-Proto
        .setCookieSecure(CookieSecure.ALWAYS)         // so the ID never travels over plain HTTP
        .setCookieSameSite(CookieSameSite.STRICT)
        .setIdleTimeout(Duration.ofMinutes(20))
        .setMaxLifetime(Duration.ofHours(12));        // however busy, sign in again after 12 hours
    // end::proxy[]
    return options;
  }

  /**
   * Options from an application's JSON configuration.
   *
   * @param config the configuration, whose {@code sessions} object holds the options
   * @return the options
   */
  public static SessionOptions fromConfig(JsonObject config) {
    // tag::json[]
    // "sessions": {"cookieName": "app_sid", "idleTimeout": "PT20M", "storeTimeout": 1500, "secrets": ["...", "..."]}
    SessionOptions options = new SessionOptions(config.getJsonObject("sessions"));
    // end::json[]
    return options;
  }
}
