package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jirasdk.testkit.SiteData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The dashboard in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), as a new user
 * goes: the sandbox's consent page, a full sync of the standard dataset watched as it runs (the progress only
 * grows, requests and points show while it runs, the explorer fills), the numbers after it (stats, chart, run
 * history and sync card agree), an incremental sync that changes nothing, the explorer's pages, the accounts
 * page and a page that does not exist. Screenshots of each step go to {@code target/screenshots/}.
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
    sandbox = new SandboxFixture(dir, Map.of("SANDBOX_DATASET", "standard"));
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

  private String attr(String css, String name) {
    return driver.findElement(By.cssSelector(css)).getDomAttribute(name);
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getDomProperty("textContent");
  }

  private static long num(String s) {
    return Long.parseLong(s.replaceAll("[^0-9]", ""));
  }

  @Test
  void connectFullSyncExplorerAndAccountsShowWhatAUserShouldSee() throws Exception {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    driver.get(sandbox.base + "/dashboard");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-banner")));
    assertTrue(driver.findElement(By.id("sandbox-banner")).getText().contains("Sandbox — simulated Jira Cloud"));
    WebElement hero = wait.until(ExpectedConditions.elementToBeClickable(By.id("start-oauth-empty")));
    screenshot("1-empty.png");
    hero.click();

    // The sandbox's consent page, styled.
    wait.until(ExpectedConditions.urlContains("/authorize"));
    assertTrue(driver.getCurrentUrl().startsWith(sandbox.fake.authBaseUrl()), driver.getCurrentUrl());
    assertEquals("rgba(12, 102, 228, 1)", driver.findElement(By.id("accept")).getCssValue("background-color"),
        "the consent page has its style");
    screenshot("2-consent.png");
    driver.findElement(By.id("accept")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("content")));
    assertEquals(sandbox.base + "/dashboard", driver.getCurrentUrl(), "the ?connected= marker is cleaned up");
    assertTrue(text("flash").contains("Connected 2 Jira sites"));
    String cloudId = driver.findElement(By.id("account-cloud")).getText();
    SiteData data = sandbox.fake.data(cloudId);
    assertEquals(data.site().name(), driver.findElement(By.id("site-title")).getText());
    WebElement empty = driver.findElement(By.cssSelector("#stats-tiles .tiles-empty"));
    assertTrue(empty.getSize().getWidth() > 300, "the empty state spans the card: " + empty.getSize());
    assertTrue(driver.findElement(By.id("account-created")).getText().matches(".*\\b20\\d\\d\\b.*"),
        "dates carry their year: " + driver.findElement(By.id("account-created")).getText());
    screenshot("3-connected.png");

    // A full sync, watched as it runs.
    driver.findElement(By.id("sync-full")).click();
    List<Integer> seen = new ArrayList<>();
    boolean requestsWhileRunning = false;
    boolean rowsWhileRunning = false;
    boolean shotWhileRunning = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    while (System.nanoTime() < deadline) {
      String state = attr("#sync-progress", "data-state");
      int now = Integer.parseInt(attr("#sync-progress", "aria-valuenow"));
      if ("running".equals(state)) {
        seen.add(now);
        requestsWhileRunning |= num("0" + text("sync-requests")) > 0 && num("0" + text("sync-points")) > 0;
        String total = attr("#explorer-rows", "data-total");
        rowsWhileRunning |= total != null && Long.parseLong(total) > 0;
        if (!shotWhileRunning && now >= 30) {
          screenshot("4-syncing.png");
          shotWhileRunning = true;
        }
      } else if ("done".equals(state) && !seen.isEmpty()) {
        break;
      }
      new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> true); // one WebDriver round trip apart
    }
    assertEquals("done", attr("#sync-progress", "data-state"), "the sync finished: " + seen);
    assertEquals("100", attr("#sync-progress", "aria-valuenow"));
    assertTrue(seen.size() >= 3, "the run was watched: " + seen);
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), "progress only grows: " + seen);
    }
    assertTrue(seen.stream().anyMatch(p -> p > 5 && p < 95), "it moves in between: " + seen);
    assertTrue(requestsWhileRunning, "requests and points show while the run goes");
    assertTrue(rowsWhileRunning, "the explorer shows rows stored during the sync");

    // The numbers agree after it.
    String issues = String.valueOf(data.issueCount());
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#stat-issues .n"), "data-count", issues));
    assertEquals(issues, attr("#stats-chart rect.bar[data-entity='issues']", "data-count"));
    assertEquals(String.valueOf(data.userCount()), attr("#stats-chart rect.bar[data-entity='users']", "data-count"));
    long stored = Long.parseLong(attr("#stats-total", "data-count"));
    long chart = driver.findElements(By.cssSelector("#stats-chart rect.bar")).stream()
        .mapToLong(b -> Long.parseLong(b.getDomAttribute("data-count"))).sum();
    assertEquals(stored, chart, "the chart adds up to the stored total");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#runs tbody"), "SUCCEEDED"));
    WebElement fullRow = driver.findElement(By.cssSelector("#runs tbody tr"));
    long fetched = Long.parseLong(fullRow.findElement(By.cssSelector("td[data-fetched]")).getDomAttribute("data-fetched"));
    assertEquals(String.valueOf(fetched), attr("#sync-progress", "data-fetched"), "sync card and history agree");
    assertTrue(text("sync-changed").startsWith(String.format("%,d", stored) + " new"),
        "a first full sync created exactly the rows stored: " + text("sync-changed") + " vs " + stored);
    assertTrue(fetched >= stored, "a record read twice is fetched twice but stored once");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("explorer-json"), "\"fields\""));
    screenshot("5-synced.png");
    driver.manage().window().setSize(new Dimension(1400, 2050));
    screenshot("demo-dashboard.png"); // the picture in docs/demo-server.md
    driver.manage().window().setSize(new Dimension(1400, 1600));

    // An incremental sync right after changes nothing.
    driver.findElement(By.id("sync-incremental")).click();
    wait.until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() == 2
        && "done".equals(d.findElement(By.id("sync-progress")).getDomAttribute("data-state")));
    WebElement incrementalRow = driver.findElement(By.cssSelector("#runs tbody tr"));
    assertTrue(incrementalRow.getText().contains("incremental"), incrementalRow.getText());
    assertEquals("0", incrementalRow.findElement(By.cssSelector("td[data-changed]")).getDomAttribute("data-changed"),
        "nothing changed, and the history says so");
    assertTrue(text("sync-changed").startsWith("0 new · 0 updated"), text("sync-changed"));
    assertEquals(stored, Long.parseLong(attr("#stats-total", "data-count")));

    // The explorer: parent column named for the table, pages by key, long JSON lines wrap.
    assertEquals("Project", text("explorer-parent"));
    assertEquals("1–10 of " + String.format("%,d", data.issueCount()), text("explorer-range").split(" · ")[0]);
    String firstId = attr("#explorer-rows tbody tr", "data-row-id");
    driver.findElement(By.id("explorer-next")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("explorer-range"), "11–20 of"));
    assertFalse(firstId.equals(attr("#explorer-rows tbody tr", "data-row-id")));
    driver.findElement(By.id("explorer-prev")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("explorer-range"), "1–10 of"));
    assertEquals(firstId, attr("#explorer-rows tbody tr", "data-row-id"));
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("explorer-table"))).selectByValue("comments");
    wait.until(d -> "Issue".equals(text("explorer-parent")));
    WebElement json = driver.findElement(By.id("explorer-json"));
    assertEquals("pre-wrap", json.getCssValue("white-space"), "long JSON lines wrap");
    assertTrue((Long) driver.executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth", json) <= 1,
        "nothing is cut off to the right");
    driver.executeScript("document.getElementById('explorer-title').scrollIntoView()");
    screenshot("6-explorer.png");

    driver.get(sandbox.base + "/accounts");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#accounts tbody tr[data-account-id]"), 2));
    screenshot("7-accounts.png");

    driver.get(sandbox.base + "/no-such-page");
    wait.until(ExpectedConditions.titleContains("Page not found"));
    assertTrue(driver.findElement(By.tagName("h1")).getText().contains("Page not found"));
    screenshot("8-not-found.png");
  }

  private void screenshot(String name) throws Exception {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path out = Path.of("target", "screenshots", name);
    Files.createDirectories(out.getParent());
    Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
  }
}
