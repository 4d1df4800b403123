package io.github.vertxsessions.demo;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.CredentialValidationException;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DirectoryAuthenticationTest {

  private static final Vertx VERTX = Vertx.vertx();
  private final DirectoryAuthentication auth = new DirectoryAuthentication(VERTX,
    UserDirectory.hashing(Map.of("alice", "wonderland")));

  @AfterAll
  static void close() throws Exception {
    VERTX.close().await(10, SECONDS);
  }

  @Test
  void theRightPasswordGivesAUserNamedAfterTheUserName() throws Exception {
    User user = auth.authenticate(new UsernamePasswordCredentials("alice", "wonderland")).await(10, SECONDS);

    assertEquals("alice", user.subject(), "the session handler's default principal");
  }

  @Test
  void anythingElseFails() {
    assertInstanceOf(DirectoryAuthentication.WrongCredentials.class,
      assertThrows(Throwable.class, () -> auth.authenticate(new UsernamePasswordCredentials("alice", "builder")).await(10, SECONDS)));
    assertInstanceOf(DirectoryAuthentication.WrongCredentials.class,
      assertThrows(Throwable.class, () -> auth.authenticate(new UsernamePasswordCredentials("mallory", "wonderland")).await(10, SECONDS)));
    assertInstanceOf(CredentialValidationException.class,
      assertThrows(Throwable.class, () -> auth.authenticate(new UsernamePasswordCredentials("alice", null)).await(10, SECONDS)));
    assertInstanceOf(CredentialValidationException.class,
      assertThrows(Throwable.class, () -> auth.authenticate(new TokenCredentials("a-token")).await(10, SECONDS)));
  }
}
