package io.github.vertxsessions.impl;

import io.vertx.ext.web.impl.RoutingContextInternal;
import io.vertx.ext.web.impl.UserContextInternal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The module-path check; ModulePathIT runs it where it fails. */
class VertxWebBridgeTest {

  @Test
  void theCheckedPackageIsTheOneOfTheInternalsUsed() {
    // the check names the package as a string: a Vert.x upgrade that moves the internals must not leave it stale
    assertEquals(RoutingContextInternal.class.getPackageName(), VertxWebBridge.INTERNAL_PACKAGE);
    assertEquals(UserContextInternal.class.getPackageName(), VertxWebBridge.INTERNAL_PACKAGE);
  }

  @Test
  void onTheClassPathTheInternalsAreAllowed() {
    assertDoesNotThrow(VertxWebBridge::requireInternals);
  }
}
