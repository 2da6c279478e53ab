package dev.jirasdk.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraApiException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issues end to end against FakeJiraCloud: every write is visible to later reads and searches. */
class IssuesTest {
  private final FakeSiteFixture site = FakeSiteFixture.start();
  private final Issues issues = site.jira.issues();

  @AfterEach
  void close() {
    assertEquals(List.of(), site.fake.unmatchedRequests(), "every request names an operation of Jira's spec");
    site.close();
  }

  private IssueRef create(String summary) {
    return issues.create(NewIssue.builder().project("PLAT").issueType("Task").summary(summary).build());
  }

  @Test
  void aCreatedIssueReadsBackWithEveryFieldSentAndRawCustomFields() {
    String account = site.fake.users().get(1).accountId();
    IssueRef ref = issues.create(NewIssue.builder().project("PLAT").issueType("Bug").summary("Checkout fails")
        .description("Steps:\nopen checkout\n\nExpected: it works").priority("High").labels("checkout", "safari")
        .assignee(account).field("customfield_10016", 5).build());
    assertTrue(ref.key().startsWith("PLAT-"), ref.key());

    Issue issue = issues.get(ref.key());
    assertEquals(ref.id(), issue.id());
    assertEquals(Optional.of("Checkout fails"), issue.summary());
    assertEquals(Optional.of("Bug"), issue.issueType());
    assertEquals(Optional.of("High"), issue.priority());
    assertEquals(Optional.of("PLAT"), issue.projectKey());
    assertEquals(List.of("checkout", "safari"), issue.labels());
    assertEquals(account, issue.assignee().orElseThrow().accountId());
    assertEquals("Steps:\nopen checkout\n\nExpected: it works", issue.description().orElseThrow().toText());
    assertEquals(Optional.of(5.0), issue.field("customfield_10016"), "fields the model does not name stay raw");
    assertTrue(issue.created().isPresent() && issue.updated().isPresent());
    assertThrows(UnsupportedOperationException.class, () -> issue.fields().put("summary", "x"), "immutable");
  }

  @Test
  void anEditChangesOnlyTheNamedFieldsAndSearchSeesIt() {
    IssueRef ref = create("Before");
    Issue before = issues.get(ref.key());
    issues.edit(ref.key(), IssueEdit.builder().summary("After").clearDescription().labels("edited").build());
    Issue after = issues.get(ref.key());
    assertEquals(Optional.of("After"), after.summary());
    assertEquals(Optional.empty(), after.description());
    assertEquals(List.of("edited"), after.labels());
    assertEquals(before.priority(), after.priority(), "fields not named are kept");
    Issue found = site.jira.search().issues("project = PLAT ORDER BY updated DESC", "summary").findFirst().orElseThrow();
    assertEquals(ref.key(), found.key());
    assertEquals(Optional.of("After"), found.summary());
  }

  @Test
  void aTransitionByTargetStatusNameMovesTheIssueThroughTheWorkflow() {
    IssueRef ref = create("Flow");
    List<Transition> available = issues.transitions(ref.key());
    assertFalse(available.isEmpty());
    assertTrue(available.stream().noneMatch(t -> t.to().name().equals("To Do")), "not into the current status");

    Transition taken = issues.transition(ref.key(), "done");
    assertEquals("Done", taken.to().name());
    Status status = issues.get(ref.key(), "status").status().orElseThrow();
    assertEquals("Done", status.name());
    assertTrue(status.done());
    assertTrue(issues.transitions(ref.key()).stream().anyMatch(t -> t.to().name().equals("To Do")));
  }

  @Test
  void anUnknownTransitionFailsNamingTheAvailableOnesAndSendsNoTransition() {
    IssueRef ref = create("Flow");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> issues.transition(ref.key(), "Shipped"));
    assertTrue(e.getMessage().contains("'Shipped'") && e.getMessage().contains("In Progress"), e.getMessage());
    assertEquals(0, site.requests("POST", "/rest/api/3/issue/{id}/transitions"));
  }

  @Test
  void assignAndUnassignAreVisibleToTheNextRead() {
    IssueRef ref = create("Owner");
    String account = site.fake.users().get(2).accountId();
    issues.assign(ref.key(), account);
    assertEquals(account, issues.get(ref.key(), "assignee").assignee().orElseThrow().accountId());
    issues.unassign(ref.key());
    assertEquals(Optional.empty(), issues.get(ref.key(), "assignee").assignee());
    JiraApiException refused = assertThrows(JiraApiException.class, () -> issues.assign(ref.key(), "no-such-account"));
    assertEquals(400, refused.status());
    assertTrue(refused.errors().containsKey("assignee"), refused.getMessage());
  }

  @Test
  void aDeletedIssueIsGoneForFindAndGet() {
    IssueRef ref = create("Short-lived");
    assertTrue(issues.find(ref.key()).isPresent());
    issues.delete(ref.key());
    assertEquals(Optional.empty(), issues.find(ref.key()));
    JiraApiException e = assertThrows(JiraApiException.class, () -> issues.get(ref.id()));
    assertEquals(404, e.status());
  }

  @Test
  void badInputFailsNamingTheFieldBeforeAnythingIsSent() {
    long before = site.apiRequests();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NewIssue.builder().summary("  "))
        .getMessage().contains("summary"));
    assertTrue(assertThrows(IllegalStateException.class,
        () -> NewIssue.builder().summary("x").issueType("Task").build()).getMessage().contains("project"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NewIssue.builder().labels("two words"))
        .getMessage().contains("two words"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> NewIssue.builder().field("customfield_1", new Object())).getMessage().contains("customfield_1"));
    assertTrue(assertThrows(NullPointerException.class, () -> issues.get(null)).getMessage().contains("issueIdOrKey"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> issues.delete("PLAT-1/../x"))
        .getMessage().contains("issueIdOrKey"));
    assertTrue(assertThrows(IllegalStateException.class, () -> IssueEdit.builder().build())
        .getMessage().contains("at least one field"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> issues.transition("PLAT-1", " "))
        .getMessage().contains("transition"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> issues.assign("PLAT-1", ""))
        .getMessage().contains("accountId"));
    assertEquals(before, site.apiRequests(), "nothing was sent");
  }

  @Test
  void jiraRefusingAFieldIsAnApiErrorNamingIt() {
    JiraApiException e = assertThrows(JiraApiException.class, () -> issues.create(NewIssue.builder().project("PLAT")
        .issueType("Task").summary("x").field("customfield_99999", 1).build()));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("customfield_99999"), e.getMessage());
  }
}
