package io.github.vertxsessions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small application on the module path (src/it/module-path-app, a named module that requires the core by its
 * module name) in a JVM of its own, with the built core jar and its runtime dependencies as modules. Only the
 * module-path execution of {@code mvn verify} runs it, after the jar is built; it hands over the paths below.
 */
class ModulePathIT {

  private static final String EXPORTS = "io.vertx.web/io.vertx.ext.web.impl=io.github.vertxsessions.core";
  /** Generous: the child JVM starts on a loaded machine, and only a hang should fail the test. */
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  @TempDir
  static Path compiled;
  private static String modulePath;

  private final List<Process> started = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();

  @BeforeAll
  static void compileTheApplication() throws IOException {
    String coreJar = System.getProperty("vertxsessions.coreJar");
    assumeTrue(coreJar != null, "run by the module-path execution of mvn verify, which builds the jar first");
    String dependencies = Files.readString(Path.of(System.getProperty("vertxsessions.runtimeClasspath"))).strip();
    modulePath = coreJar + File.pathSeparator + dependencies;

    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of(System.getProperty("vertxsessions.moduleApp")))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(diagnostics, files, null,
        List.of("--module-path", modulePath, "-d", compiled.toString(), "-Xlint:-requires-automatic"), null,
        files.getJavaFileObjectsFromPaths(sources)).call();
      assertTrue(ok, diagnostics::toString);
    }
  }

  @AfterEach
  void stopTheApplication() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void withTheExportsFlagTheApplicationServesSessions() throws Exception {
    Launch app = launch("--add-exports", EXPORTS);
    assertTrue(app.port > 0, app.output::toString);

    HttpResponse<String> first = visit(app.port, null);
    assertEquals(200, first.statusCode(), first.body());
    assertEquals("visits=1", first.body());
    String cookie = first.headers().firstValue("set-cookie").orElseThrow();
    assertTrue(cookie.startsWith("sid="), cookie);

    HttpResponse<String> second = visit(app.port, cookie.substring(0, cookie.indexOf(';')));
    assertEquals(200, second.statusCode(), second.body());
    assertEquals("visits=2", second.body());
  }

  @Test
  void withoutItSessionHandlerCreateFailsNamingTheFlag() throws Exception {
    Launch app = launch();
    if (app.port > 0) {
      fail("The application started, and a request through the handler answered " + visit(app.port, null).statusCode()
        + ", instead of SessionHandler.create failing:\n" + app.output);
    }
    String output = app.output.toString();
    assertNotEquals(0, app.exitCode, output);
    assertTrue(output.contains("IllegalStateException"), output);
    assertTrue(output.contains("--add-exports " + EXPORTS), output);
  }

  /**
   * Starts the application and waits until it serves or ends. Its output is read to the end meanwhile and after, so
   * that a chatty application never blocks on a full pipe.
   */
  private Launch launch(String... jvmFlags) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(jvmFlags));
    // The core is an automatic module, which cannot require SLF4J, and no other module on the path does.
    command.addAll(List.of("--add-modules", "org.slf4j"));
    command.addAll(List.of("--module-path", compiled + File.pathSeparator + modulePath,
      "--module", "com.example.modulepath/com.example.modulepath.App"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    started.add(process);
    StringBuffer output = new StringBuffer();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(process, output, port), "module-path-app-output");
    reader.setDaemon(true);
    reader.start();
    int served = port.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    int exitCode = served > 0 ? 0 : process.waitFor();
    return new Launch(served, exitCode, output);
  }

  /** Completes {@code port} with the port printed, or with 0 when the output ends without one. */
  private static void read(Process process, StringBuffer output, CompletableFuture<Integer> port) {
    try (BufferedReader lines = new BufferedReader(
      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith("listening ")) {
          port.complete(Integer.parseInt(line.substring("listening ".length())));
        }
      }
    } catch (IOException e) {
      output.append(e).append('\n'); // the process was stopped while we read
    } finally {
      port.complete(0);
    }
  }

  private HttpResponse<String> visit(int port, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/visits"))
      .timeout(PATIENCE);
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A started application: its port, or 0 and its exit code if it ended; what it has printed so far. */
  private record Launch(int port, int exitCode, StringBuffer output) {
  }
}
