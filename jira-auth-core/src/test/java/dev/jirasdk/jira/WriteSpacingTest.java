package dev.jirasdk.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.RateLimits;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Writes to one issue stay within Jira's per-issue limit (20 per 2 s, 100 per 30 s). */
class WriteSpacingTest {
  private final FakeSiteFixture site =
      new FakeSiteFixture(FakeJiraCloud.builder().rateLimits(RateLimits.builder().build()));

  @AfterEach
  void close() {
    site.close();
  }

  private long throttled() {
    return site.fake.journal().stream().filter(e -> e.status() == 429).count();
  }

  @Test
  void aBurstOfCommentsOnOneIssueWaitsInsteadOfMeetingA429() {
    long start = site.clock.millis();
    for (int i = 0; i < 45; i++) site.jira.comments().add("PLAT-1", "update " + i);
    assertEquals(0, throttled(), "no write was refused");
    assertTrue(site.clock.millis() - start >= 4_000, "45 writes need at least two full 2 s windows");
    Duration longest = site.waits.stream().max(Duration::compareTo).orElseThrow();
    assertTrue(longest.compareTo(Duration.ofSeconds(2)) <= 0, "never waits longer than a window: " + longest);
  }

  @Test
  void writesToDifferentIssuesDoNotWaitForEachOther() {
    for (int i = 0; i < 30; i++) site.jira.comments().add("PLAT-" + (1 + i % 3), "spread " + i);
    assertEquals(0, throttled());
    assertEquals(0, site.waits.size(), "10 writes per issue never fill a window");
  }

  @Test
  void theHundredWritesPerThirtySecondsWindowIsKeptToo() {
    long start = site.clock.millis();
    for (int i = 0; i < 101; i++) site.jira.comments().add("PLAT-2", "n" + i);
    assertEquals(0, throttled());
    assertTrue(site.clock.millis() - start >= 30_000, "the 101st write waits for the first to leave the 30 s window");
  }
}
