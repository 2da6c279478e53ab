package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jirasdk.testkit.SiteData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): sign in
 * through the sandbox's consent page, run a full sync, watch the progress bar finish, and check that the stats
 * and the chart show the fake's counts. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

  @TempDir
  Path dir;
  SandboxFixture sandbox;
  ChromeDriver driver;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver)");
    sandbox = new SandboxFixture(dir);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")), "--window-size=1400,1600");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1400, 1600));
  }

  @AfterEach
  void stop() {
    if (driver != null) driver.quit();
    if (sandbox != null) sandbox.close();
  }

  @Test
  void signInSyncAndSeeTheFakesCountsInStatsAndChart() throws Exception {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    driver.get(sandbox.base + "/dashboard");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-banner")));
    assertTrue(driver.findElement(By.id("sandbox-banner")).getText().contains("Sandbox — simulated Jira Cloud"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("start-oauth-empty"))).click();

    wait.until(ExpectedConditions.urlContains("/authorize"));
    assertTrue(driver.getCurrentUrl().startsWith(sandbox.fake.authBaseUrl()), driver.getCurrentUrl());
    driver.findElement(By.id("accept")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("content")));
    assertEquals(sandbox.base + "/dashboard", driver.getCurrentUrl(), "the ?connected= marker is cleaned up");
    assertTrue(driver.findElement(By.id("flash")).getDomProperty("textContent").contains("Connected 2 Jira sites"));
    String site = driver.findElement(By.id("site-title")).getText();
    String cloudId = driver.findElement(By.id("account-cloud")).getText();
    SiteData data = sandbox.fake.data(cloudId);
    assertEquals(data.site().name(), site);

    driver.findElement(By.id("sync-full")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("sync-progress"), "data-state", "done"));
    assertEquals("100", driver.findElement(By.id("sync-progress")).getDomAttribute("aria-valuenow"));

    String issues = String.valueOf(data.issueCount());
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#stat-issues .n"), "data-count", issues));
    WebElement bar = driver.findElement(By.cssSelector("#stats-chart rect.bar[data-entity='issues']"));
    assertEquals(issues, bar.getDomAttribute("data-count"));
    assertEquals(String.valueOf(data.userCount()),
        driver.findElement(By.cssSelector("#stats-chart rect.bar[data-entity='users']")).getDomAttribute("data-count"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("explorer-json"), "\"fields\""));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#runs tbody"), "SUCCEEDED"));
    screenshot("dashboard.png");

    driver.get(sandbox.base + "/accounts");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#accounts tbody tr[data-account-id]"), 2));
    screenshot("accounts.png");
  }

  private void screenshot(String name) throws Exception {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path out = Path.of("target", "screenshots", name);
    Files.createDirectories(out.getParent());
    Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
  }
}
