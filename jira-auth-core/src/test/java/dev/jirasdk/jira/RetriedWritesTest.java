package dev.jirasdk.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraApiException;
import dev.jirasdk.auth.RequestListener;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FaultType;
import dev.jirasdk.testkit.Faults;
import dev.jirasdk.testkit.RateLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A write Jira refused with 429 is sent again by the client after Retry-After (Jira did nothing with it); any
 * other failure of a write is not repeated. The request listener sees each attempt and each retry.
 */
class RetriedWritesTest {
  private final List<RequestListener.RequestEvent> answers = new CopyOnWriteArrayList<>();
  private final List<String> retries = new CopyOnWriteArrayList<>();
  private FakeSiteFixture site;

  private void start(FakeJiraCloud.Builder builder) {
    site = new FakeSiteFixture(builder, b -> b.requestListener(new RequestListener() {
      @Override
      public void answered(RequestEvent event) {
        answers.add(event);
      }

      @Override
      public void retrying(String connectionId, String method, String path, int attempt, int status, Duration delay) {
        retries.add(method + " " + path + " #" + attempt + " " + status + " " + delay);
      }
    }));
  }

  @AfterEach
  void close() {
    site.close();
  }

  @Test
  void aWriteRefusedForThePerIssueLimitIsSentAgainAfterRetryAfter() {
    start(FakeJiraCloud.builder().rateLimits(RateLimits.builder().build()));
    JiraApi unspaced = JiraApi.builder(site.client).spaceWritesPerIssue(false).build();
    int before = site.data().commentCount("PLAT-1");
    for (int i = 0; i < 21; i++) unspaced.comments().add("PLAT-1", "burst " + i);

    assertEquals(22, site.requests("POST", "/rest/api/3/issue/{id}/comment"), "the 21st was sent twice");
    assertEquals(before + 21, site.data().commentCount("PLAT-1"), "each comment added once");
    assertTrue(site.waits.contains(Duration.ofSeconds(2)), "waited the Retry-After: " + site.waits);
    assertEquals(List.of("POST rest/api/3/issue/PLAT-1/comment #1 429 PT2S"), retries);
    RequestListener.RequestEvent throttled = answers.stream().filter(e -> e.status() == 429).findFirst().orElseThrow();
    assertEquals("jira-per-issue-on-write", throttled.rateLimitReason());
    assertEquals(site.client.connectionId(), throttled.connectionId());
    assertTrue(answers.stream().allMatch(e -> e.pointsRemaining() >= 0), "the fake reports the points left");
    assertTrue(answers.get(answers.size() - 1).pointsRemaining() < answers.get(0).pointsRemaining());
  }

  @Test
  void aWriteThatFailsOtherwiseIsNotRepeated() {
    start(FakeJiraCloud.builder().faults(Faults.builder()
        .failNext("POST /rest/api/3/issue/{id}/comment", FaultType.HTTP_503, 1).build()));
    JiraApiException e = assertThrows(JiraApiException.class, () -> site.jira.comments().add("PLAT-1", "once"));
    assertEquals(503, e.status());
    assertEquals(1, site.requests("POST", "/rest/api/3/issue/{id}/comment"), "a comment could be added twice");
    assertEquals(List.of(), retries);
    assertEquals(503, answers.get(answers.size() - 1).status());
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheRequest() {
    site = new FakeSiteFixture(FakeJiraCloud.builder(), b -> b.requestListener(new RequestListener() {
      @Override
      public void answered(RequestEvent event) {
        throw new IllegalStateException("listener bug");
      }
    }));
    assertFalse(site.jira.users().myself().accountId().isEmpty());
  }
}
