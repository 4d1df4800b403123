package io.github.vertxsessions.build;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's check that {@code impl} packages stay internal: no source file of one module (main or test code, the
 * bench included) names an {@code impl} package of another module, nor puts a class into one. Each module may use its
 * own {@code impl} packages freely. Within the core, the API package (what applications use) imports neither the
 * helpers for store authors ({@code spi.support}) nor the {@code impl} packages, save the {@code create} factories of
 * {@code SessionHandler} and {@code SessionRegistry}, which construct their implementation: the helpers build on the
 * API, not the other way round.
 *
 * <p>The modules are those of the root pom, in any profile, and each module's internal packages are the {@code impl}
 * packages of its main code: a new module or package is checked without this class changing.
 */
class ModuleBoundariesTest {

  /** The root of the build: the tests run in the core's folder, one below it. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
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
    Map<String, Pattern> internal = internalPackages();
    List<String> violations = new ArrayList<>();
    for (String module : modules()) {
      for (Path source : javaSources(module)) {
        String code = Files.readString(source);
        internal.forEach((owner, packages) -> {
          if (owner.equals(module)) {
            return;
          }
          Matcher named = packages.matcher(code);
          if (named.find()) {
            int line = code.substring(0, named.start()).split("\n", -1).length;
            violations.add(ROOT.relativize(source) + ":" + line + " names " + named.group() + " of " + owner);
          }
        });
      }
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

  /** Every folder with Java sources belongs to a module the check reads, and the core's own packages are found. */
  @Test
  void theCheckSeesEveryModule() throws IOException {
    List<String> modules = modules();
    List<String> outside = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files.filter(p -> p.toString().endsWith(".java"))
        .map(ROOT::relativize)
        .map(p -> p.toString().replace(File.separatorChar, '/'))
        .filter(p -> !p.startsWith(".") && !p.contains("/target/") && !p.startsWith("target/"))
        .filter(p -> modules.stream().noneMatch(module -> p.startsWith(module + "/")))
        .forEach(outside::add);
    }
    assertEquals(List.of(), outside, "sources outside every module of " + modules);
    assertTrue(modules.containsAll(List.of("core", "testkit", "bench")), modules::toString);
    String core = internalPackages().get("core").pattern();
    assertTrue(core.contains("io\\.github\\.vertxsessions\\.impl") && core.contains("local\\.impl"), core);
  }

  /** The module folders of the root pom (in every profile, the bench's included), and of the modules they list. */
  private static List<String> modules() throws IOException {
    List<String> modules = new ArrayList<>();
    collectModules(ROOT, modules);
    assertFalse(modules.isEmpty(), "no <module> in " + ROOT.resolve("pom.xml"));
    return modules;
  }

  private static void collectModules(Path aggregator, List<String> modules) throws IOException {
    Path pom = aggregator.resolve("pom.xml");
    if (!Files.exists(pom)) {
      return;
    }
    Matcher module = MODULE.matcher(Files.readString(pom));
    while (module.find()) {
      Path folder = aggregator.resolve(module.group(1)).normalize();
      String name = ROOT.relativize(folder).toString().replace(File.separatorChar, '/');
      if (!modules.contains(name)) {
        modules.add(name);
        collectModules(folder, modules);
      }
    }
  }

  /** Each module's internal packages (those named {@code impl} or below one in its main code), by module folder. */
  private static Map<String, Pattern> internalPackages() throws IOException {
    Map<String, Pattern> internal = new LinkedHashMap<>();
    for (String module : modules()) {
      Path main = ROOT.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(main)) {
        continue;
      }
      Set<String> packages;
      try (Stream<Path> dirs = Files.walk(main)) {
        packages = dirs.filter(Files::isDirectory)
          .filter(dir -> dir.getFileName().toString().equals("impl"))
          .map(dir -> main.relativize(dir).toString().replace(File.separatorChar, '.'))
          .collect(Collectors.toCollection(TreeSet::new));
      }
      if (!packages.isEmpty()) {
        internal.put(module, Pattern.compile(packages.stream().map(name -> name.replace(".", "\\."))
          .collect(Collectors.joining("|", "(", ")\\b"))));
      }
    }
    return internal;
  }

  /** Every Java source of one module: main and test code and anything else under its {@code src}. */
  private static List<Path> javaSources(String module) throws IOException {
    Path src = ROOT.resolve(module).resolve("src");
    if (!Files.isDirectory(src)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(src)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }
}
