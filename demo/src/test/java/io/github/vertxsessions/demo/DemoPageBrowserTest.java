package io.github.vertxsessions.demo;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in a real headless Chromium, driven through Selenium as a person would use it. Needs Debian's Chromium
 * and its driver; skipped without them. Screenshots go to {@code target/} for a look at the page.
 */
class DemoPageBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(10);
  /**
   * Selenium warns through java.util.logging that it has no DevTools support for a Chromium this new; the test uses
   * WebDriver only. Held here because java.util.logging keeps loggers weakly.
   */
  private static final Logger SELENIUM_LOG = quiet("org.openqa.selenium");

  @Test
  void logInCountVisitsAndLogOut(@TempDir Path profile) throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
      "needs " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
    try (DemoApp app = new DemoApp(new JsonObject())) {
      WebDriver browser = startChromium(profile);
      try {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get("http://127.0.0.1:" + app.port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        wait.until(ExpectedConditions.textToBe(By.id("store-name"), "local"));

        logIn(browser, wait, "alice", "not-her-password");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertEquals("Wrong user name or password.", browser.findElement(By.id("login-error")).getText());
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
        screenshot(browser, "demo-dashboard.png");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("views"), "3"));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout-button"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertFalse(browser.findElement(By.id("dashboard-view")).isDisplayed());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
      } finally {
        browser.quit();
      }
    }
  }

  /** Chromium and its driver from the given paths, so that Selenium Manager never looks for (or downloads) either. */
  private static WebDriver startChromium(Path profile) {
    ChromeDriverService service = new ChromeDriverService.Builder()
      .usingDriverExecutable(CHROMEDRIVER.toFile())
      .usingAnyFreePort()
      .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=900,800");
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
