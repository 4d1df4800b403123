package io.github.vertxsessions.testservers;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static io.github.vertxsessions.testservers.Blocking.await;

/**
 * The MongoDB that tests run against: by default an in-process mongo-java-server on a free port of 127.0.0.1,
 * otherwise the server of the {@code MONGO_URI} environment variable. Tests name their collections with
 * {@link #uniqueCollection}, and {@link #close} drops exactly those, so a shared server keeps the rest.
 *
 * <p>Clients made from {@link #clientConfig} give up on an unreachable server after {@link #SERVER_SELECTION_MILLIS}:
 * long enough for a busy machine, short enough to fail well within a test's 10 s wait for a future. Outage tests set less.
 */
public final class MongoTestServer implements AutoCloseable {

  /** The environment variable naming an external server, e.g. {@code mongodb://127.0.0.1:27017/sessions_test}. */
  public static final String MONGO_URI = "MONGO_URI";
  public static final long SERVER_SELECTION_MILLIS = 5_000;
  private static final String IN_PROCESS_DATABASE = "sessions_test";
  private static final String EXTERNAL_DEFAULT_DATABASE = "vertx_sessions_test";

  private final Supplier<MongoBackend> backends;
  private final String externalUri;
  private final List<String> collections = new ArrayList<>();
  private MongoServer server;
  private int port;
  private Vertx adminVertx;
  private MongoClient admin;

  private MongoTestServer(Supplier<MongoBackend> backends, String externalUri) {
    this.backends = backends;
    this.externalUri = externalUri;
  }

  /** The {@code MONGO_URI} server if set, else an in-process server with the memory backend. */
  public static MongoTestServer start() {
    String uri = System.getenv(MONGO_URI);
    if (uri != null && !uri.isBlank()) {
      return new MongoTestServer(null, uri);
    }
    return startInProcess(MemoryBackend::new);
  }

  /** An in-process server whatever {@code MONGO_URI} says, with backends from {@code backends} (one per start). */
  public static MongoTestServer startInProcess(Supplier<MongoBackend> backends) {
    MongoTestServer test = new MongoTestServer(backends, null);
    test.bind(0);
    return test;
  }

  public boolean isInProcess() {
    return externalUri == null;
  }

  /** The connection string, with the database to use. */
  public String connectionString() {
    return isInProcess() ? "mongodb://127.0.0.1:" + port + "/" + IN_PROCESS_DATABASE : externalUri;
  }

  /** A Vert.x MongoClient configuration for this server that fails fast while the server is unreachable. */
  public JsonObject clientConfig() {
    return clientConfig(connectionString());
  }

  /** {@link #clientConfig()} for another connection string to the same database, such as a proxy's. */
  public JsonObject clientConfig(String connectionString) {
    JsonObject config = new JsonObject()
      .put("connection_string", connectionString)
      .put("serverSelectionTimeoutMS", SERVER_SELECTION_MILLIS)
      .put("connectTimeoutMS", (int) SERVER_SELECTION_MILLIS);
    if (new ConnectionString(connectionString).getDatabase() == null) {
      config.put("db_name", EXTERNAL_DEFAULT_DATABASE);
    }
    return config;
  }

  /** Whether a proxy on 127.0.0.1 can stand in for the server: not for a replica set, whose members are discovered. */
  public boolean supportsProxy() {
    return isInProcess() || (new ConnectionString(externalUri).getHosts().size() == 1
      && new ConnectionString(externalUri).getRequiredReplicaSetName() == null);
  }

  /** The connection string with {@code 127.0.0.1:proxyPort} in place of the server's address. */
  public String connectionStringVia(int proxyPort) {
    if (isInProcess()) {
      return "mongodb://127.0.0.1:" + proxyPort + "/" + IN_PROCESS_DATABASE;
    }
    String host = new ConnectionString(externalUri).getHosts().get(0);
    return externalUri.replaceFirst(Pattern.quote(host), "127.0.0.1:" + proxyPort);
  }

  /** A new client of {@code vertx}; closed with it. */
  public MongoClient newClient(Vertx vertx) {
    return MongoClient.create(vertx, clientConfig());
  }

  /** The single host and port of the server, for proxies; fails for a replica set URI. */
  public String host() {
    return isInProcess() ? "127.0.0.1" : singleHost()[0];
  }

  public int port() {
    return isInProcess() ? port : Integer.parseInt(singleHost()[1]);
  }

  /** A collection name of its own, dropped by {@link #close}. */
  public synchronized String uniqueCollection(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    collections.add(name);
    return name;
  }

  /** A client of the server's own, for reading and writing raw documents. */
  public synchronized MongoClient admin() {
    if (admin == null) {
      adminVertx = Vertx.vertx();
      admin = newClient(adminVertx);
    }
    return admin;
  }

  /** Stops the in-process server, keeping its port for {@link #restart}. */
  public void stop() {
    requireInProcess();
    server.shutdownNow();
  }

  /** Starts a new in-process server, with a new backend from the supplier, on the port of the previous one. */
  public void restart() {
    requireInProcess();
    bind(port);
  }

  @Override
  public void close() {
    if (!isInProcess() && !collections.isEmpty()) {
      for (String collection : collections) {
        await(admin().dropCollection(collection));
      }
    }
    if (adminVertx != null) {
      await(adminVertx.close());
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  private void bind(int requestedPort) {
    server = new MongoServer(backends.get());
    server.bind("127.0.0.1", requestedPort);
    port = server.getLocalAddress().getPort();
  }

  private void requireInProcess() {
    if (!isInProcess()) {
      throw new IllegalStateException("only an in-process server can be stopped and restarted");
    }
  }

  private String[] singleHost() {
    List<String> hosts = new ConnectionString(externalUri).getHosts();
    if (hosts.size() != 1) {
      throw new IllegalStateException(MONGO_URI + " names several hosts: " + hosts);
    }
    String host = hosts.get(0);
    int colon = host.lastIndexOf(':');
    return colon < 0 ? new String[] {host, "27017"} : new String[] {host.substring(0, colon), host.substring(colon + 1)};
  }
}
