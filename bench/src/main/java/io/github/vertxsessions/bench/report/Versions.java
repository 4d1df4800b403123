package io.github.vertxsessions.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of the libraries the suite was built with, as Maven wrote them into the jar. */
final class Versions {

  private static final Properties VERSIONS = load();

  private Versions() {
  }

  /** {@code vertx}, {@code mongo-java-server} or {@code jmh}. */
  static String of(String library) {
    return VERSIONS.getProperty(library, "?");
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/bench-versions.properties")) {
      if (in != null) {
        properties.load(in);
      }
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
