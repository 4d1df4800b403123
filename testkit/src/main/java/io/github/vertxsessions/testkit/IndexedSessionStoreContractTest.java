package io.github.vertxsessions.testkit;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The contract of {@link IndexedSessionStore} on top of {@link SessionStore}'s: the sessions of a principal, exactly,
 * whatever happened to them since they were indexed. Every bundled store's tests extend it.
 */
public abstract class IndexedSessionStoreContractTest extends SessionStoreContractTest {

  private IndexedSessionStore indexed() {
    return assertInstanceOf(IndexedSessionStore.class, store);
  }

  private String principal() {
    return "user-" + newId().substring(0, 12);
  }

  private SessionRecord createOwned(String principal, String description) {
    SessionRecord record = newRecord(Map.of("n", 1)).ownedBy(new SessionOwner(principal, description));
    await(store.save(SessionDelta.creationOf(record)));
    return record;
  }

  private Set<String> idsOf(String principal) {
    return await(indexed().findByPrincipal(principal)).stream().map(SessionRecord::id).collect(Collectors.toSet());
  }

  @Test
  void findsExactlyThePrincipalsLiveSessionsWithTheirOwner() {
    String alice = principal();
    SessionRecord laptop = createOwned(alice, "Firefox on Linux");
    SessionRecord phone = createOwned(alice, null);
    createOwned(principal(), "someone else");
    create(Map.of("anonymous", true));

    List<SessionRecord> found = await(indexed().findByPrincipal(alice));

    assertEquals(Set.of(laptop.id(), phone.id()), found.stream().map(SessionRecord::id).collect(Collectors.toSet()));
    SessionRecord first = found.stream().filter(r -> r.id().equals(laptop.id())).findFirst().orElseThrow();
    assertEquals(new SessionOwner(alice, "Firefox on Linux"), first.owner());
    assertEquals(Map.of("n", 1), first.data());
    assertEquals(new SessionOwner(alice, "Firefox on Linux"), load(laptop.id()).owner(), "a load carries the owner");
    assertEquals(Set.of(), idsOf(principal()), "nobody's sessions");
  }

  @Test
  void aDeletedSessionIsNotFound() {
    String alice = principal();
    SessionRecord kept = createOwned(alice, null);
    SessionRecord deleted = createOwned(alice, null);

    await(store.delete(deleted.id()));

    assertEquals(Set.of(kept.id()), idsOf(alice));
  }

  @Test
  void anExpiredSessionIsNotFoundAndTheIndexKeepsNothingAlive() {
    String alice = principal();
    SessionRecord old = createOwned(alice, null);
    clock.advance(Duration.ofMillis(IDLE / 2));
    SessionRecord fresh = createOwned(alice, null);
    clock.advance(Duration.ofMillis(IDLE / 2 + 1));

    assertEquals(Set.of(fresh.id()), idsOf(alice), "the older one expired");
    assertNull(load(old.id()), "and finding did not bring it back");
    clock.advance(Duration.ofMillis(IDLE));
    assertEquals(Set.of(), idsOf(alice));
  }

  @Test
  void aChangeOfOwnerMovesTheSessionAndAChangeWithoutOwnerLeavesIt() {
    String alice = principal();
    String bob = principal();
    SessionRecord session = createOwned(alice, "laptop");

    await(store.save(update(session, Map.of("n", 2), Set.of())));
    assertEquals(Set.of(session.id()), idsOf(alice), "a delta without an owner keeps it");
    assertEquals(new SessionOwner(alice, "laptop"), load(session.id()).owner());

    await(store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner(bob, "shared laptop"))));
    assertEquals(Set.of(), idsOf(alice));
    assertEquals(Set.of(session.id()), idsOf(bob));
    assertEquals(new SessionOwner(bob, "shared laptop"), load(session.id()).owner());

    await(store.save(update(session, Map.of(), Set.of()).withOwner(SessionOwner.NONE)));
    assertEquals(Set.of(), idsOf(bob), "logged out");
    assertEquals(SessionOwner.NONE, load(session.id()).owner());
  }

  @Test
  void anAnonymousSessionLoggedInLaterIsFound() {
    String alice = principal();
    SessionRecord session = create(Map.of("cart", 1));

    await(store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner(alice, null))));

    assertEquals(Set.of(session.id()), idsOf(alice));
    assertEquals(Map.of("cart", 1), load(session.id()).data());
  }

  @Test
  void aSaveOfAGoneSessionDoesNotIndexIt() {
    String alice = principal();
    SessionRecord session = create(Map.of());
    await(store.delete(session.id()));

    Future<Long> save = store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner(alice, null)));

    assertInstanceOf(SessionGoneException.class, awaitFailureOf(save));
    assertEquals(Set.of(), idsOf(alice));
  }

  @Test
  void changeIdMovesTheSessionInTheIndexWithItsOwner() {
    String alice = principal();
    SessionRecord session = createOwned(alice, "laptop");
    String newId = newId();

    await(store.changeId(session.id(), newId));

    assertEquals(Set.of(newId), idsOf(alice));
    assertEquals(new SessionOwner(alice, "laptop"), load(newId).owner());
    await(store.delete(newId));
    assertEquals(Set.of(), idsOf(alice), "nothing of the old ID stayed in the index");
  }

  @Test
  void aRevocationBeforeAChangeIdLeavesThePrincipalWithNoSession() {
    String alice = principal();
    SessionRecord session = createOwned(alice, null);
    for (SessionRecord found : await(indexed().findByPrincipal(alice))) {
      await(store.delete(found.id(), true));
    }

    assertInstanceOf(SessionGoneException.class, awaitFailureOf(store.changeId(session.id(), newId())));

    assertEquals(Set.of(), idsOf(alice));
  }

  @Test
  void concurrentCreationsOfOnePrincipalAreAllFound() {
    String alice = principal();
    List<Future<Long>> saves = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      SessionRecord record = newRecord(Map.of("i", i)).ownedBy(new SessionOwner(alice, "device " + i));
      ids.add(record.id());
      saves.add(store.save(SessionDelta.creationOf(record)));
    }
    await(Future.all(saves));

    assertEquals(ids, idsOf(alice));
  }

  @Test
  void clearEmptiesTheIndexToo() {
    String alice = principal();
    createOwned(alice, null);

    await(store.clear());

    assertEquals(Set.of(), idsOf(alice));
  }

  private static Throwable awaitFailureOf(Future<?> future) {
    return io.github.vertxsessions.testkit.Await.awaitFailure(future);
  }
}
