package io.github.vertxsessions.demo;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserDirectoryTest {

  private final UserDirectory users = UserDirectory.hashing(Map.of("alice", "wonderland", "bob", "wonderland"));

  @Test
  void onlyTheRightPasswordOfAKnownUserIsAccepted() {
    assertTrue(users.verify("alice", "wonderland"));
    assertTrue(users.verify("bob", "wonderland"), "same password, own salt");
    assertFalse(users.verify("alice", "Wonderland"));
    assertFalse(users.verify("alice", "wonderland "));
    assertFalse(users.verify("Alice", "wonderland"));
    assertFalse(users.verify("mallory", "wonderland"));
    assertFalse(users.verify("mallory", "decoy"), "the decoy that unknown names are checked against opens nothing");
    assertEquals(Set.of("alice", "bob"), users.names());
  }
}
