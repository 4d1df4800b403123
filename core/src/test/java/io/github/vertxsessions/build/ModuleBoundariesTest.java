package io.github.vertxsessions.build;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's check that {@code impl} packages stay internal: no source file of one module (main or test code, the
 * bench included) names an {@code impl} package of another module, nor puts a class into one. Each module may use its
 * own {@code impl} packages freely. Within the core, the API package (what applications use) imports neither the
 * helpers for store authors ({@code spi.support}) nor the {@code impl} packages, save the {@code create} factories of
 * {@code SessionHandler} and {@code SessionRegistry}, which construct their implementation: the helpers build on the
 * API, not the other way round.
 */
class ModuleBoundariesTest {

  /** Each module's internal packages, by the module's folder. */
  private static final Map<String, Pattern> INTERNAL = Map.of(
    "core", Pattern.compile("io\\.github\\.vertxsessions\\.(local\\.)?impl\\b"),
    "stores/redis", Pattern.compile("io\\.github\\.vertxsessions\\.redis\\.impl\\b"),
    "stores/mongo", Pattern.compile("io\\.github\\.vertxsessions\\.mongo\\.impl\\b"),
    "stores/postgres", Pattern.compile("io\\.github\\.vertxsessions\\.postgres\\.impl\\b"),
    "integrations/micrometer", Pattern.compile("io\\.github\\.vertxsessions\\.micrometer\\.impl\\b"),
    "integrations/health", Pattern.compile("io\\.github\\.vertxsessions\\.health\\.impl\\b"));

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path API_PACKAGE = ROOT.resolve("core/src/main/java/io/github/vertxsessions");
  /** What the API package must not import. */
  private static final Pattern BELOW_THE_API = Pattern.compile("^import\\s+(static\\s+)?"
    + "(io\\.github\\.vertxsessions\\.(spi\\.support|(local\\.)?impl)\\.[\\w.]+);", Pattern.MULTILINE);
  /** The API's factories, which construct their implementation, by the file that may import it. */
  private static final Map<String, String> FACTORY_IMPORTS = Map.of(
    "SessionHandler.java", "io.github.vertxsessions.impl.SessionHandlerImpl",
    "SessionRegistry.java", "io.github.vertxsessions.impl.SessionRegistryImpl");

  @Test
  void noModuleReachesIntoAnotherModulesImplPackages() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path source : javaSources()) {
      String module = moduleOf(source);
      String code = Files.readString(source);
      INTERNAL.forEach((owner, internal) -> {
        if (owner.equals(module)) {
          return;
        }
        Matcher named = internal.matcher(code);
        if (named.find()) {
          int line = code.substring(0, named.start()).split("\n", -1).length;
          violations.add(ROOT.relativize(source) + ":" + line + " names " + named.group() + " of " + owner);
        }
      });
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void theApiPackageImportsNeitherTheHelpersForStoreAuthorsNorImpl() throws IOException {
    List<String> violations = new ArrayList<>();
    List<String> read = new ArrayList<>();
    try (Stream<Path> files = Files.list(API_PACKAGE)) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String file = source.getFileName().toString();
        read.add(file);
        Matcher imported = BELOW_THE_API.matcher(Files.readString(source));
        while (imported.find()) {
          if (!imported.group(2).equals(FACTORY_IMPORTS.get(file))) {
            violations.add(file + " imports " + imported.group(2));
          }
        }
      }
    }
    assertTrue(read.containsAll(List.of("Session.java", "SessionOptions.java", "SessionObserver.java",
      "SessionHandler.java", "SessionRegistry.java")), read::toString);
    assertEquals(List.of(), violations);
  }

  @Test
  void theCheckSeesEveryModule() throws IOException {
    List<String> modules = javaSources().stream().map(ModuleBoundariesTest::moduleOf).distinct().toList();
    assertTrue(modules.containsAll(List.of("core", "stores/redis", "stores/mongo", "stores/postgres",
      "integrations/micrometer", "integrations/health", "demo", "bench")), modules::toString);
  }

  private static List<Path> javaSources() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(p -> p.toString().endsWith(".java"))
        .filter(p -> ROOT.relativize(p).toString().contains("src" + java.io.File.separator))
        .filter(p -> !ROOT.relativize(p).toString().contains("target" + java.io.File.separator))
        .filter(p -> !ROOT.relativize(p).startsWith(".git"))
        .toList();
    }
  }

  /** The module folder a source file belongs to: the part of its path before {@code src/}. */
  private static String moduleOf(Path source) {
    String relative = ROOT.relativize(source).toString().replace(java.io.File.separatorChar, '/');
    return relative.substring(0, relative.indexOf("/src/"));
  }
}
