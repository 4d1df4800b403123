package io.github.vertxsessions.demo;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar vertx-sessions-demo.jar [options]}: reads the flags and the environment into the
 * {@link DemoVerticle}'s config and deploys it. {@code --help} lists the options.
 */
public final class Main {

  static final String NAME = "vertx-sessions-demo";
  /** The exit status of a bad command line, as most command-line tools use it. */
  static final int USAGE_ERROR = 2;
  static final int START_FAILURE = 1;
  private static final long SHUTDOWN_WAIT_SECONDS = 10;

  private Main() {
  }

  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    if (CommandLine.wantsHelp(arguments)) {
      System.out.print(CommandLine.USAGE);
      return;
    }
    JsonObject config;
    try {
      config = CommandLine.parse(arguments, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(NAME + ": " + e.getMessage());
      System.exit(USAGE_ERROR);
      return;
    }
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new DemoVerticle(), new DeploymentOptions().setConfig(config))
      .onSuccess(id -> Runtime.getRuntime().addShutdownHook(new Thread(() -> close(vertx), NAME + "-shutdown")))
      .onFailure(err -> {
        System.err.println(NAME + ": could not start: " + describe(err));
        // the hook is not registered yet, so exiting here cannot wait on the Vert.x threads exit runs on
        vertx.close().onComplete(closed -> System.exit(START_FAILURE));
      });
  }

  /**
   * On Ctrl-C: undeploys the demo, closing the store and its client. Runs on the JVM's shutdown thread, never an
   * event loop, and waits there because the JVM ends as soon as its hooks return.
   */
  private static void close(Vertx vertx) {
    CountDownLatch closed = new CountDownLatch(1);
    vertx.close().onComplete(ar -> closed.countDown());
    try {
      closed.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(Throwable err) {
    String message = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
