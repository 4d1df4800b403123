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

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  private SessionRecord createOwned(String principal, String description) throws Exception {
    SessionRecord record = newRecord(Map.of("n", 1)).ownedBy(new SessionOwner(principal, description));
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    return record;
  }

  private Set<String> idsOf(String principal) throws Exception {
    return indexed().findByPrincipal(principal)
      .await(10, SECONDS).stream().map(SessionRecord::id).collect(Collectors.toSet());
  }

  @Test
  void findsExactlyThePrincipalsLiveSessionsWithTheirOwner() throws Exception {
    String alice = principal();
    SessionRecord laptop = createOwned(alice, "Firefox on Linux");
    SessionRecord phone = createOwned(alice, null);
    createOwned(principal(), "someone else");
    create(Map.of("anonymous", true));

    List<SessionRecord> found = indexed().findByPrincipal(alice).await(10, SECONDS);

    assertEquals(Set.of(laptop.id(), phone.id()), found.stream().map(SessionRecord::id).collect(Collectors.toSet()));
    SessionRecord first = found.stream().filter(r -> r.id().equals(laptop.id())).findFirst().orElseThrow();
    assertEquals(new SessionOwner(alice, "Firefox on Linux"), first.owner());
    assertEquals(Map.of("n", 1), first.data());
    assertEquals(new SessionOwner(alice, "Firefox on Linux"), load(laptop.id()).owner(), "a load carries the owner");
    assertEquals(Set.of(), idsOf(principal()), "nobody's sessions");
  }

  @Test
  void aDeletedSessionIsNotFound() throws Exception {
    String alice = principal();
    SessionRecord kept = createOwned(alice, null);
    SessionRecord deleted = createOwned(alice, null);

    store.delete(deleted.id()).await(10, SECONDS);

    assertEquals(Set.of(kept.id()), idsOf(alice));
  }

  @Test
  void anExpiredSessionIsNotFoundAndTheIndexKeepsNothingAlive() throws Exception {
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
  void aChangeOfOwnerMovesTheSessionAndAChangeWithoutOwnerLeavesIt() throws Exception {
    String alice = principal();
    String bob = principal();
    SessionRecord session = createOwned(alice, "laptop");

    store.save(update(session, Map.of("n", 2), Set.of())).await(10, SECONDS);
    assertEquals(Set.of(session.id()), idsOf(alice), "a delta without an owner keeps it");
    assertEquals(new SessionOwner(alice, "laptop"), load(session.id()).owner());

    store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner(bob, "shared laptop")))
      .await(10, SECONDS);
    assertEquals(Set.of(), idsOf(alice));
    assertEquals(Set.of(session.id()), idsOf(bob));
    assertEquals(new SessionOwner(bob, "shared laptop"), load(session.id()).owner());

    store.save(update(session, Map.of(), Set.of()).withOwner(SessionOwner.NONE)).await(10, SECONDS);
    assertEquals(Set.of(), idsOf(bob), "logged out");
    assertEquals(SessionOwner.NONE, load(session.id()).owner());
  }

  @Test
  void anAnonymousSessionLoggedInLaterIsFound() throws Exception {
    String alice = principal();
    SessionRecord session = create(Map.of("cart", 1));

    store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner(alice, null))).await(10, SECONDS);

    assertEquals(Set.of(session.id()), idsOf(alice));
    assertEquals(Map.of("cart", 1), load(session.id()).data());
  }

  @Test
  void aSaveOfAGoneSessionDoesNotIndexIt() throws Exception {
    String alice = principal();
    SessionRecord session = create(Map.of());
    store.delete(session.id()).await(10, SECONDS);

    Future<Long> save = store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner(alice, null)));

    assertThrows(SessionGoneException.class, () -> save.await(10, SECONDS));
    assertEquals(Set.of(), idsOf(alice));
  }

  @Test
  void changeIdMovesTheSessionInTheIndexWithItsOwner() throws Exception {
    String alice = principal();
    SessionRecord session = createOwned(alice, "laptop");
    String newId = newId();

    store.changeId(session.id(), newId).await(10, SECONDS);

    assertEquals(Set.of(newId), idsOf(alice));
    assertEquals(new SessionOwner(alice, "laptop"), load(newId).owner());
    store.delete(newId).await(10, SECONDS);
    assertEquals(Set.of(), idsOf(alice), "nothing of the old ID stayed in the index");
  }

  @Test
  void aRevocationBeforeAChangeIdLeavesThePrincipalWithNoSession() throws Exception {
    String alice = principal();
    SessionRecord session = createOwned(alice, null);
    for (SessionRecord found : indexed().findByPrincipal(alice).await(10, SECONDS)) {
      store.delete(found.id(), true).await(10, SECONDS);
    }

    assertThrows(SessionGoneException.class, () -> store.changeId(session.id(), newId()).await(10, SECONDS));

    assertEquals(Set.of(), idsOf(alice));
  }

  @Test
  void concurrentCreationsOfOnePrincipalAreAllFound() throws Exception {
    String alice = principal();
    List<Future<Long>> saves = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      SessionRecord record = newRecord(Map.of("i", i)).ownedBy(new SessionOwner(alice, "device " + i));
      ids.add(record.id());
      saves.add(store.save(SessionDelta.creationOf(record)));
    }
    Future.all(saves).await(10, SECONDS);

    assertEquals(ids, idsOf(alice));
  }

  @Test
  void clearEmptiesTheIndexToo() throws Exception {
    String alice = principal();
    createOwned(alice, null);

    store.clear().await(10, SECONDS);

    assertEquals(Set.of(), idsOf(alice));
  }
}
