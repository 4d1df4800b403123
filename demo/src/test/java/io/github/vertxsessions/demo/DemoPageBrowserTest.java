package io.github.vertxsessions.demo;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in a real headless Chromium, driven through Selenium as a person would use it. Needs Debian's Chromium
 * and its driver; skipped without them. Screenshots go to {@code target/} for a look at the page. The browser's
 * console is read through chromedriver's log of it, which shows what a person would see in red in the developer tools,
 * failed requests included.
 */
@ExtendWith(VertxExtension.class)
class DemoPageBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(10);
  /**
   * Selenium warns through java.util.logging that it has no DevTools support for a Chromium this new; the test uses
   * WebDriver only. Held here because java.util.logging keeps loggers weakly.
   */
  private static final Logger SELENIUM_LOG = quiet("org.openqa.selenium");

  private static final By SESSIONS = By.cssSelector("#sessions-list li");
  private static final String SIGNED_OUT_ELSEWHERE = "You were signed out from another device.";

  @Test
  void logInCountVisitsAndLogOut(Vertx vertx, @TempDir Path profile) throws IOException {
    assumeChromium();
    try (DemoApp app = new DemoApp(vertx, new JsonObject())) {
      WebDriver browser = startChromium(profile);
      try {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get("http://127.0.0.1:" + app.port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        wait.until(ExpectedConditions.textToBe(By.id("store-name"), "local"));
        assertEquals(List.of(), consoleErrors(browser), "asking who is logged in is no error when nobody is");
        assertFalse(browser.findElement(By.id("login-error")).isDisplayed(), "a new visitor is told nothing");

        logIn(browser, wait, "alice", "not-her-password");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertEquals("Wrong user name or password.", browser.findElement(By.id("login-error")).getText());
        // the console's log is read: a refused log-in is an error there
        wait.until(driver -> consoleErrors(driver).stream().anyMatch(error -> error.contains("401")));
        screenshot(browser, "demo-login.png");

        logIn(browser, wait, "alice", "wonderland");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-view")));
        assertEquals("alice", browser.findElement(By.id("user-name")).getText());
        assertEquals("0", browser.findElement(By.id("views")).getText());
        for (int views = 1; views <= 3; views++) {
          wait.until(ExpectedConditions.elementToBeClickable(By.id("visit-button"))).click();
          wait.until(ExpectedConditions.textToBe(By.id("views"), String.valueOf(views)));
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.id("visit-button")));
        assertTrue(browser.findElement(By.id("expires-in")).getText().matches("\\(in \\d+:\\d\\d\\)"),
          browser.findElement(By.id("expires-in")).getText());
        wait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 1));
        assertTrue(browser.findElement(SESSIONS).getText().contains("this device"),
          browser.findElement(SESSIONS).getText());
        assertFalse(browser.findElement(By.id("revoke-others-button")).isDisplayed(), "there are no others");
        screenshot(browser, "demo-dashboard.png");

        consoleErrors(browser);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("views"), "3"));
        wait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 1));
        assertEquals(List.of(), consoleErrors(browser), "a load while logged in");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout-button"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertFalse(browser.findElement(By.id("dashboard-view")).isDisplayed());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertFalse(browser.findElement(By.id("login-error")).isDisplayed(), "a log-out of its own needs no word");
        assertEquals(List.of(), consoleErrors(browser), "a load after the log-out");
      } finally {
        browser.quit();
      }
    }
  }

  /**
   * Two browsers (two Chromium processes, each with its own profile and cookies) signed in as alice: the first one's
   * "Your sessions" panel lists both, signs the other out, then, with the other signed in again, signs out every
   * session but its own. The other is told it was signed out from another device, once: on its next load the first
   * time, on its next click the second.
   */
  @Test
  void theSessionsPanelSignsAnotherBrowserOut(Vertx vertx, @TempDir Path laptopProfile, @TempDir Path phoneProfile)
    throws IOException {
    assumeChromium();
    try (DemoApp app = new DemoApp(vertx, new JsonObject())) {
      String page = "http://127.0.0.1:" + app.port() + "/";
      WebDriver laptop = startChromium(laptopProfile);
      try {
        WebDriver phone = startChromium(phoneProfile);
        try {
          WebDriverWait laptopWait = new WebDriverWait(laptop, WAIT);
          WebDriverWait phoneWait = new WebDriverWait(phone, WAIT);
          openAndLogIn(laptop, laptopWait, page);
          laptopWait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 1));
          openAndLogIn(phone, phoneWait, page);
          phoneWait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 2));

          laptop.navigate().refresh();
          laptopWait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 2));
          WebElement here = laptop.findElement(By.cssSelector("#sessions-list li.current"));
          assertTrue(here.getText().contains("this device"), here.getText());
          assertEquals(List.of(), here.findElements(By.tagName("button")), "no button to sign this one out");
          WebElement other = laptop.findElement(By.cssSelector("#sessions-list li:not(.current)"));
          assertFalse(other.getText().contains("this device"), other.getText());
          assertTrue(other.getText().contains("Chrome on Linux"), other.getText());
          assertTrue(laptop.findElement(By.id("revoke-others-button")).isDisplayed());
          screenshot(laptop, "demo-sessions.png");

          other.findElement(By.className("revoke-button")).click();
          laptopWait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 1));
          assertTrue(laptop.findElement(SESSIONS).getText().contains("this device"));
          laptopWait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("revoke-others-button")));
          screenshot(laptop, "demo-sessions-revoked.png");
          consoleErrors(phone);
          phone.navigate().refresh();
          phoneWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
          assertFalse(phone.findElement(By.id("dashboard-view")).isDisplayed(), "the phone is signed out");
          assertEquals(SIGNED_OUT_ELSEWHERE, phone.findElement(By.id("login-error")).getText());
          assertEquals(List.of(), consoleErrors(phone), "being signed out is no error either");
          screenshot(phone, "demo-signed-out-elsewhere.png");

          logIn(phone, phoneWait, "alice", "wonderland");
          phoneWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-view")));
          phoneWait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 2));
          laptop.navigate().refresh();
          laptopWait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 2));
          laptopWait.until(ExpectedConditions.elementToBeClickable(By.id("revoke-others-button"))).click();
          laptopWait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 1));
          // the phone still shows its dashboard, and finds out with its next request
          phoneWait.until(ExpectedConditions.elementToBeClickable(By.id("visit-button"))).click();
          phoneWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
          assertEquals(SIGNED_OUT_ELSEWHERE, phone.findElement(By.id("login-error")).getText());
          phone.navigate().refresh();
          phoneWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
          assertFalse(phone.findElement(By.id("login-error")).isDisplayed(), "told once");
          laptop.navigate().refresh();
          laptopWait.until(ExpectedConditions.textToBe(By.id("user-name"), "alice"));
          laptopWait.until(ExpectedConditions.numberOfElementsToBe(SESSIONS, 1));
        } finally {
          phone.quit();
        }
      } finally {
        laptop.quit();
      }
    }
  }

  /**
   * A browser signed in until the store's clock passes the idle timeout is told, on its next load, that its session
   * expired, and not that another device signed it out.
   */
  @Test
  void anExpiredSessionSaysSo(Vertx vertx, @TempDir Path profile) throws IOException {
    assumeChromium();
    Duration idleTimeout = Duration.ofMinutes(10);
    try (DemoApp app = new DemoApp(vertx, new JsonObject().put("idleTimeout", idleTimeout.toMillis()))) {
      WebDriver browser = startChromium(profile);
      try {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        openAndLogIn(browser, wait, "http://127.0.0.1:" + app.port() + "/");

        app.clock.advance(idleTimeout.plusSeconds(1));
        browser.navigate().refresh();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertEquals("Your session expired.", browser.findElement(By.id("login-error")).getText());
        assertEquals(List.of(), consoleErrors(browser));
      } finally {
        browser.quit();
      }
    }
  }

  private static void assumeChromium() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
      "needs " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
  }

  private static void openAndLogIn(WebDriver browser, WebDriverWait wait, String page) {
    browser.get(page);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    logIn(browser, wait, "alice", "wonderland");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-view")));
  }

  /** Chromium and its driver from the given paths, so that Selenium Manager never looks for (or downloads) either. */
  private static WebDriver startChromium(Path profile) {
    ChromeDriverService service = new ChromeDriverService.Builder()
      .usingDriverExecutable(CHROMEDRIVER.toFile())
      .usingAnyFreePort()
      .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=900,1000");
    return new ChromeDriver(service, options);
  }

  private static void logIn(WebDriver browser, WebDriverWait wait, String user, String password) {
    WebElement name = browser.findElement(By.id("username"));
    name.clear();
    name.sendKeys(user);
    WebElement secret = browser.findElement(By.id("password"));
    secret.clear();
    secret.sendKeys(password);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("login-button"))).click();
  }

  /** The errors in the browser's console since the last call, such as a request answered 4xx or 5xx. */
  private static List<String> consoleErrors(WebDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
      .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
      .map(LogEntry::getMessage)
      .toList();
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(Path.of("target"));
    Files.copy(file, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
  }
}
