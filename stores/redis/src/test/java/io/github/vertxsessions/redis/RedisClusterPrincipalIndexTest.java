package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.EmbeddedRedisCluster;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index by principal on the real three-master cluster, where a user's sessions spread over every master and
 * the index lives in a slot of its own: what each operation costs, and how reading repairs what separate commands
 * can leave behind.
 */
@ExtendWith(VertxExtension.class)
class RedisClusterPrincipalIndexTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
  /** How long a stale member stays marked before a read removes it. */
  private static final Duration GRACE = COMMAND_TIMEOUT.multipliedBy(2);

  private final EmbeddedRedisCluster cluster = EmbeddedRedisCluster.shared();
  private final String prefix = TestRedis.uniquePrefix();
  private Vertx vertx;
  private TestClock clock;
  private Redis redis;
  private RedisSessionStore store;
  private List<RedisAdmin> nodes;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    redis = Redis.createClient(vertx, cluster.clientOptions());
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, cluster.clientOptions()),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock).setCommandTimeout(COMMAND_TIMEOUT));
    nodes = cluster.nodes().stream().map(node -> new RedisAdmin(vertx, node.connectionString())).toList();
  }

  @AfterEach
  void tearDown() throws Exception {
    nodes.forEach(node -> node.deleteKeys(prefix));
    nodes.forEach(RedisAdmin::close);
    store.close().await(10, SECONDS);
    redis.close().await(10, SECONDS);
  }

  @Test
  void aUsersSessionsOnEveryMasterAreListedRevokedAndMovedToAnotherUser() throws Exception {
    String alice = principal();
    String bob = principal();
    List<SessionRecord> sessions = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sessions.add(create(alice));
    }
    long mastersHoldingThem = nodes.stream()
      .filter(node -> sessions.stream().anyMatch(s -> node.keys(prefix + s.id()).contains(prefix + s.id())))
      .count();
    assertTrue(mastersHoldingThem >= 2, "the sessions spread over " + mastersHoldingThem + " masters");
    assertEquals(ids(sessions), found(alice));

    SessionRecord revoked = sessions.remove(0);
    store.delete(revoked.id()).await(10, SECONDS);
    assertNull(score(alice, revoked.id()), "a delete removes the member right after");
    assertEquals(ids(sessions), found(alice));

    SessionRecord moved = sessions.remove(0);
    (store.save(SessionDelta.changesTo(moved, Map.of(), Set.of()).withOwner(new SessionOwner(bob, "shared")))).await(10, SECONDS);
    assertNull(score(alice, moved.id()), "out of the old index after the save");
    assertNotNull(score(bob, moved.id()), "in the new one");
    assertEquals(ids(sessions), found(alice));
    assertEquals(Set.of(moved.id()), found(bob));
    assertEquals(new SessionOwner(bob, "shared"), store.load(moved.id(), Long.MAX_VALUE).await(10, SECONDS).owner());

    SessionRecord loggedOut = sessions.remove(0);
    store.save(SessionDelta.changesTo(loggedOut, Map.of(), Set.of()).withOwner(SessionOwner.NONE)).await(10, SECONDS);
    assertNull(score(alice, loggedOut.id()));
    assertEquals(ids(sessions), found(alice));

    (Future.all(sessions.stream().map(s -> store.delete(s.id())).toList())).await(10, SECONDS);
    assertEquals(0, call(Request.cmd(Command.EXISTS).arg(indexKey(alice))).toInteger(),
      "the index key went with the last session");
    assertEquals(Set.of(), found(alice));
  }

  @Test
  void aStaleMemberIsMarkedByOneReadAndRemovedByALaterOne() throws Exception {
    String alice = principal();
    SessionRecord kept = create(alice);
    SessionRecord deleted = create(alice);
    SessionRecord foreign = create(alice);
    // What a crash between separate commands can leave: a member whose session is gone, or has another owner.
    call(Request.cmd(Command.DEL).arg(prefix + deleted.id()));
    call(Request.cmd(Command.HSET).arg(prefix + foreign.id()).arg("principal").arg("mallory"));

    assertEquals(Set.of(kept.id()), found(alice), "never returned");
    assertTrue(score(alice, deleted.id()) < 0, "marked stale");
    assertTrue(score(alice, foreign.id()) < 0, "marked stale");
    clock.advance(GRACE.minusSeconds(1));
    assertEquals(Set.of(kept.id()), found(alice));
    assertNotNull(score(alice, deleted.id()), "kept for a log-in that might be in flight");

    clock.advance(Duration.ofSeconds(1));
    assertEquals(Set.of(kept.id()), found(alice));

    assertNull(score(alice, deleted.id()), "repaired");
    assertNull(score(alice, foreign.id()), "repaired");
    assertTrue(score(alice, kept.id()) > clock.millis(), "the live one untouched");
  }

  @Test
  void aLogInInFlightIsNeverDroppedByAReadMeanwhile() throws Exception {
    String alice = principal();
    SessionRecord record = newRecord().ownedBy(new SessionOwner(alice, null));
    // The log-in's first command: the session is in alice's index before it is saved.
    call(Request.cmd(Command.ZADD).arg(indexKey(alice)).arg(clock.millis() + 2 * IDLE).arg(record.id()));
    assertEquals(Set.of(), found(alice), "not saved yet: not found");
    assertTrue(score(alice, record.id()) < 0, "only marked");

    // The log-in's save lands (its own first command ran before, so the mark stays).
    clock.advance(Duration.ofSeconds(1));
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    call(Request.cmd(Command.ZADD).arg(indexKey(alice)).arg(-clock.millis()).arg(record.id()));
    clock.advance(GRACE);

    assertEquals(Set.of(record.id()), found(alice), "found, though marked long ago");
    assertEquals(Long.parseLong(call(Request.cmd(Command.HGET).arg(prefix + record.id()).arg("indexedUntil"))
      .toString()), score(alice, record.id()), "and its score restored");
  }

  @Test
  void aLongActivityIsCoveredByExtendingTheIndexInTheBackground() throws Exception {
    String alice = principal();
    SessionRecord session = create(alice);
    Set<Long> scores = new HashSet<>();

    // Two hours of requests five minutes apart, each one touching: four idle timeouts of activity.
    for (int minute = 5; minute <= 120; minute += 5) {
      clock.advance(Duration.ofMinutes(5));
      long expiresAt = store.load(session.id(), 0).await(10, SECONDS).expiresAt();
      awaitCondition(() -> score(alice, session.id()) >= expiresAt, "the index to cover the session again");
      awaitCondition(() -> Long.parseLong(call(Request.cmd(Command.HGET).arg(prefix + session.id())
        .arg("indexedUntil")).toString()) == score(alice, session.id()), "the session to record it");
      long indexTtl = call(Request.cmd(Command.PTTL).arg(indexKey(alice))).toLong();
      long sessionTtl = call(Request.cmd(Command.PTTL).arg(prefix + session.id())).toLong();
      assertTrue(indexTtl >= sessionTtl - 50, "minute " + minute + ": the index key outlives the session");
      scores.add(score(alice, session.id()));
    }

    assertTrue(scores.size() <= 5, scores.size() + " scores in four idle timeouts");
    assertEquals(Set.of(session.id()), found(alice));
  }

  @Test
  void onlyAChangeOfOwnerCostsExtraCommandsAndAFindOnePerSession() throws Exception {
    String alice = principal();
    String bob = principal();
    SessionRecord first = create(alice);
    SessionRecord second = newRecord();
    store.save(SessionDelta.creationOf(second)).await(10, SECONDS);

    assertEquals(Map.of("evalsha", 1L), cost(() -> store.save(SessionDelta.changesTo(first, Map.of("n", 2), Set.of()))),
      "a save that leaves the owner");
    assertEquals(Map.of("evalsha", 1L), cost(() -> store.load(first.id(), 0)), "a touching load");
    assertEquals(Map.of("evalsha", 2L), cost(() -> store.save(SessionDelta.changesTo(second, Map.of(), Set.of())
      .withOwner(new SessionOwner(alice, null)))), "a log-in: the index first, then the save");
    assertEquals(Map.of("evalsha", 2L, "zrem", 1L), cost(() -> store.save(SessionDelta.changesTo(first, Map.of(),
      Set.of()).withOwner(new SessionOwner(bob, null)))), "a change of user: and out of the old index after");
    assertEquals(Map.of("evalsha", 1L, "zrem", 1L), cost(() -> store.save(SessionDelta.changesTo(first, Map.of(),
      Set.of()).withOwner(SessionOwner.NONE))), "a log-out: out of the index after the save");
    assertEquals(Map.of("evalsha", 2L), cost(() -> store.findByPrincipal(alice)), "the index, then one per session");
    String ownedMoved = UUID.randomUUID().toString();
    assertEquals(Map.of("evalsha", 4L, "zrem", 1L), cost(() -> store.changeId(second.id(), ownedMoved)),
      "a change of ID of an owned session: read, into the index, copy, delete, then the old member goes");
    String anonymousMoved = UUID.randomUUID().toString();
    assertEquals(Map.of("evalsha", 3L), cost(() -> store.changeId(first.id(), anonymousMoved)),
      "a change of ID of an anonymous one: read, copy, delete");
    assertEquals(Map.of("evalsha", 1L, "zrem", 1L), cost(() -> store.delete(ownedMoved)),
      "a delete of an owned session: the member goes after");
    assertEquals(Map.of("evalsha", 1L), cost(() -> store.delete(anonymousMoved)), "a delete of an anonymous one");
  }

  /**
   * The commands the store sent for {@code action}, summed over the masters (INFO commandstats, which counts a script
   * run once as EVALSHA, even when its first use falls back to EVAL; no script here calls ZREM).
   */
  private Map<String, Long> cost(java.util.function.Supplier<Future<?>> action) throws Exception {
    List<Map<String, Long>> before = nodes.stream().map(RedisAdmin::commandCalls).toList();
    action.get().await(10, SECONDS);
    Map<String, Long> ran = new java.util.TreeMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      Map<String, Long> was = before.get(i);
      nodes.get(i).commandCalls().forEach((name, calls) -> {
        long delta = calls - was.getOrDefault(name, 0L);
        if (delta > 0 && Set.of("evalsha", "zrem").contains(name)) {
          ran.merge(name, delta, Long::sum);
        }
      });
    }
    return ran;
  }

  /** Polls (at most 10 s) for what the store does in the background. */
  private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
    eventually(Duration.ofSeconds(10), what, condition);
  }

  private Set<String> found(String principal) throws Exception {
    return store.findByPrincipal(principal).await(10, SECONDS).stream().map(SessionRecord::id).collect(Collectors.toSet());
  }

  private static Set<String> ids(List<SessionRecord> sessions) {
    return sessions.stream().map(SessionRecord::id).collect(Collectors.toCollection(HashSet::new));
  }

  private Long score(String principal, String id) {
    Response score = call(Request.cmd(Command.ZSCORE).arg(indexKey(principal)).arg(id));
    return score == null ? null : (long) Double.parseDouble(score.toString());
  }

  private String indexKey(String principal) {
    return prefix + "principal:" + principal;
  }

  /** A command on the cluster, answered within 10 s; callable from the conditions polled on the test thread. */
  private Response call(Request request) {
    try {
      return redis.send(request).await(10, SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer to " + request.command() + " within 10 s", e);
    }
  }

  private String principal() {
    return "user-" + UUID.randomUUID();
  }

  private SessionRecord newRecord() {
    long now = clock.millis();
    return SessionRecord.builder(UUID.randomUUID().toString()).data(Map.of("n", 1)).createdAt(now).idleTimeout(IDLE)
      .build();
  }

  private SessionRecord create(String principal) throws Exception {
    SessionRecord record = newRecord().ownedBy(new SessionOwner(principal, null));
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    return record;
  }
}
