package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.JournalEntry;
import dev.jirasdk.testkit.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  static Dataset dataset() {
    return Dataset.builder().projects(3).issuesPerProject(40).build();
  }

  static boolean api(JournalEntry e) {
    return e.path().contains("/rest/api/3/");
  }

  static String endpoint(JournalEntry e) {
    return e.method() + " " + e.path().replaceAll("/[0-9]+(?=/|$)", "/{n}").replaceAll("/[A-Z][A-Z0-9]*-[0-9]+", "/{key}");
  }

  @Test
  void aPointsBudgetSmallerThanTheSyncPausesUntilTheResetAndCompletes() {
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().dataset(dataset())
        .rateLimits(RateLimits.builder().pointsPerHour(120).build()));
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      Instant start = f.clock().instant();
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      FullSyncTest.assertCountsMatch(f.data(), sync.store(), f.connectionId());
      assertTrue(run.points() > 120, "the sync needed more than one hour's budget: " + run.points());
      assertTrue(!f.clock().instant().isBefore(start.plus(Duration.ofHours(1))), "it waited for the reset");
      assertTrue(f.governor.quotaPauses() >= 1);
      List<JournalEntry> journal = f.fake.journal();
      long refused = journal.stream().filter(e -> e.status() == 429).count();
      assertTrue(refused <= 3, "no 429 storm: " + refused);
      // Once the quota is gone, nothing is asked before the hour resets.
      for (JournalEntry e : journal) {
        if (e.status() != 429) continue;
        Instant reset = e.at().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        for (JournalEntry later : journal) {
          if (api(later) && later.at().isAfter(e.at()) && later.at().isBefore(reset)) {
            throw new AssertionError("request at " + later.at() + " before the reset " + reset + ": " + later);
          }
        }
      }
    }
  }

  @Test
  void withJirasHeaderDefectsTheSyncStillCompletesWithAtMostOneQuotaRefusalPerHour() {
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().dataset(dataset())
        .rateLimits(RateLimits.builder().pointsPerHour(100).policyMissingWhenSpent(true)
            .resetSkew(Duration.ofMinutes(-3)).resetInThePast(true).headerStyle(RateLimits.HeaderStyle.UNPREFIXED)
            .build()));
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      FullSyncTest.assertCountsMatch(f.data(), sync.store(), f.connectionId());
      assertTrue(run.points() > 200, "the sync needed more than two hours's budget: " + run.points());
      Map<Instant, Long> refusedPerHour = new HashMap<>();
      for (JournalEntry e : f.fake.journal()) {
        if (e.status() == 429) refusedPerHour.merge(e.at().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
      }
      assertTrue(refusedPerHour.values().stream().allMatch(n -> n <= 1), "429s per hour: " + refusedPerHour);
      assertTrue(f.governor.quotaPauses() >= 1, "it waited for resets");
    }
  }

  @Test
  void burstLimitsCauseOnlyAHandfulOf429sAndRetryAfterIsRespected() {
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().dataset(dataset())
        .rateLimits(RateLimits.builder().pointsPerHour(10_000_000).burstPerSecond(5).build()));
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      FullSyncTest.assertCountsMatch(f.data(), sync.store(), f.connectionId());
      List<JournalEntry> journal = f.fake.journal();
      long refused = journal.stream().filter(e -> e.status() == 429).count();
      assertTrue(refused <= 8, "a handful of 429s, got " + refused);
      assertTrue(refused >= 1 || f.governor.throttledResponses() >= 1, "the burst limit was reached");
      // Retry-After (1 s for burst) holds per endpoint: after a 429 at t, the endpoint's next request comes at
      // t + 1 s or later. (Requests already in flight at t arrive at the same fake instant t.)
      Map<String, Instant> refusedAt = new HashMap<>();
      for (JournalEntry e : journal) {
        if (!api(e)) continue;
        String ep = endpoint(e);
        Instant t = refusedAt.get(ep);
        if (t != null && e.at().isAfter(t) && e.at().isBefore(t.plusSeconds(1))) {
          throw new AssertionError(ep + " called at " + e.at() + " within Retry-After of the 429 at " + t);
        }
        if (e.status() == 429) refusedAt.put(ep, e.at());
      }
    }
  }
}
