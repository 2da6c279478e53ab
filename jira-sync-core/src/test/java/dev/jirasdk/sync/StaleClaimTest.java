package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraTransportException;
import dev.jirasdk.testkit.MutableClock;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An instance that keeps its id across restarts frees, at start, the claims its killed predecessor left. */
class StaleClaimTest {
  final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  final InMemorySyncStore store = new InMemorySyncStore(clock);

  JiraSync instance(String id) {
    return JiraSync.builder().store(store).clock(clock).instanceId(id).clients(c -> {
      throw new JiraTransportException("GET /rest/api/3/myself", 1, new IOException("unreachable"));
    }).build();
  }

  @Test
  void aRestartedInstanceReleasesTheClaimItsPredecessorLeftAndOnlyThatOne() {
    Instant now = clock.instant();
    store.tryClaim(SyncClaim.runKey("mine"), "web-1", "run-before-kill", now, now.plus(JiraSync.DEFAULT_CLAIM_TTL));
    store.tryClaim(SyncClaim.runKey("theirs"), "web-2", "run-elsewhere", now, now.plus(JiraSync.DEFAULT_CLAIM_TTL));
    try (JiraSync restarted = instance("web-1")) {
      SyncAlreadyRunningException e = assertThrows(SyncAlreadyRunningException.class,
          () -> restarted.sync("mine", SyncRequest.incremental()));
      assertEquals("run-before-kill", e.runId());
      assertTrue(restarted.releaseStaleClaim("mine"));
      assertFalse(restarted.releaseStaleClaim("theirs"), "another instance's claim stays");
      assertTrue(restarted.claimOf("mine").isEmpty());
      assertEquals("web-2", restarted.claimOf("theirs").orElseThrow().holder());
      assertEquals(RunStatus.FAILED, restarted.sync("mine", SyncRequest.incremental()).status(),
          "it runs again (and fails here only for want of a Jira)");
    }
  }
}
