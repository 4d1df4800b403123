package io.github.vertxsessions.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.CredentialValidationException;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;

/**
 * vertx-auth's view of the {@link UserDirectory}: user name and password in, a {@link User} named after the user out
 * ({@code User.subject()} is the user name, which the session handler takes as the session's principal). PBKDF2 runs
 * on a worker, so {@link #authenticate} may be called from an event loop.
 */
final class DirectoryAuthentication implements AuthenticationProvider {

  /** Wrong user name or password: the only failure that is the client's fault. */
  static final class WrongCredentials extends RuntimeException {
    WrongCredentials() {
      super("wrong username or password", null, false, false);
    }
  }

  private final Vertx vertx;
  private final UserDirectory users;

  DirectoryAuthentication(Vertx vertx, UserDirectory users) {
    this.vertx = vertx;
    this.users = users;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof UsernamePasswordCredentials given)) {
      return Future.failedFuture(new CredentialValidationException("a user name and password are required"));
    }
    try {
      given.checkValid(null);
    } catch (CredentialValidationException e) {
      return Future.failedFuture(e);
    }
    String username = given.getUsername();
    String password = given.getPassword();
    // unordered, so that log-ins do not queue behind each other
    return vertx.executeBlocking(() -> users.verify(username, password), false)
      .compose(valid -> valid ? Future.succeededFuture(User.fromName(username))
        : Future.failedFuture(new WrongCredentials()));
  }
}
