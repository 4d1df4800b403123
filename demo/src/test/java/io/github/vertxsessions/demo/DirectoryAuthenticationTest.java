package io.github.vertxsessions.demo;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.CredentialValidationException;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ExtendWith(VertxExtension.class)
class DirectoryAuthenticationTest {

  private DirectoryAuthentication auth;

  @BeforeEach
  void create(Vertx vertx) {
    auth = new DirectoryAuthentication(vertx, UserDirectory.hashing(Map.of("alice", "wonderland")));
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
