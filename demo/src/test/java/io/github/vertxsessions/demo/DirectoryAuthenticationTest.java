package io.github.vertxsessions.demo;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.CredentialValidationException;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class DirectoryAuthenticationTest {

  private static final Vertx VERTX = Vertx.vertx();
  private final DirectoryAuthentication auth = new DirectoryAuthentication(VERTX,
    UserDirectory.hashing(Map.of("alice", "wonderland")));

  @AfterAll
  static void close() {
    await(VERTX.close());
  }

  @Test
  void theRightPasswordGivesAUserNamedAfterTheUserName() {
    User user = await(auth.authenticate(new UsernamePasswordCredentials("alice", "wonderland")));

    assertEquals("alice", user.subject(), "the session handler's default principal");
  }

  @Test
  void anythingElseFails() {
    assertInstanceOf(DirectoryAuthentication.WrongCredentials.class,
      awaitFailure(auth.authenticate(new UsernamePasswordCredentials("alice", "builder"))));
    assertInstanceOf(DirectoryAuthentication.WrongCredentials.class,
      awaitFailure(auth.authenticate(new UsernamePasswordCredentials("mallory", "wonderland"))));
    assertInstanceOf(CredentialValidationException.class,
      awaitFailure(auth.authenticate(new UsernamePasswordCredentials("alice", null))));
    assertInstanceOf(CredentialValidationException.class,
      awaitFailure(auth.authenticate(new TokenCredentials("a-token"))));
  }
}
