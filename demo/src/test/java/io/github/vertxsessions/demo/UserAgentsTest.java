package io.github.vertxsessions.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserAgentsTest {

  @Test
  void commonBrowsersGetTheirNameAndSystem() {
    assertEquals("Firefox on Linux", UserAgents.describe(DemoFlowTest.FIREFOX_ON_LINUX));
    assertEquals("Safari on iOS", UserAgents.describe(DemoFlowTest.SAFARI_ON_IOS));
    assertEquals("Chrome on Windows", UserAgents.describe(DemoFlowTest.CHROME_ON_WINDOWS));
    assertEquals("Edge on Windows", UserAgents.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
      + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"));
    assertEquals("Chrome on Android", UserAgents.describe("Mozilla/5.0 (Linux; Android 10; K) "
      + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"));
    assertEquals("Safari on macOS", UserAgents.describe("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
      + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"));
    assertEquals("Headless Chrome on Linux", UserAgents.describe("Mozilla/5.0 (X11; Linux x86_64) "
      + "AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"));
  }

  @Test
  void otherClientsGetTheirProductNameAndNothingElse() {
    assertEquals("curl", UserAgents.describe("curl/8.5.0"));
    assertEquals("Vert.x-WebClient", UserAgents.describe("Vert.x-WebClient/5.0.10"));
    assertEquals(UserAgents.UNKNOWN, UserAgents.describe(null));
    assertEquals(UserAgents.UNKNOWN, UserAgents.describe("   "));
    assertEquals(UserAgents.UNKNOWN, UserAgents.describe("/1.0"));
    assertEquals("evil", UserAgents.describe("evil\r\nX-Injected: 1"), "a control character ends the product name");
    assertEquals("Firefox on Linux", UserAgents.describe("Mozilla/5.0 (X11;\u0000Linux) Firefox/128.0"));
    String long1 = UserAgents.describe("x".repeat(10_000));
    assertEquals(UserAgents.MAX_LENGTH, long1.length());
    assertTrue(long1.endsWith("…"), long1);
  }
}
