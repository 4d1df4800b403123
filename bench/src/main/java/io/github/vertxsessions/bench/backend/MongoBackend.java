package io.github.vertxsessions.bench.backend;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * mongo-java-server (memory backend) on {@code 127.0.0.1:<port>}, in a JVM of its own so that the Mongo peer's
 * memory figures count the peer only, as for the Redis peers. Prints {@code READY}; stops on SIGTERM.
 */
public final class MongoBackend {

  private MongoBackend() {
  }

  public static void main(String[] args) {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", Integer.parseInt(args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-shutdown"));
    System.out.println("READY mongo-java-server on " + args[0]);
  }
}
