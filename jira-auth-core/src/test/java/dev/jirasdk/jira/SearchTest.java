package dev.jirasdk.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraApiException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JQL search as a lazy stream over search/jql pages. */
class SearchTest {
  private final FakeSiteFixture site = FakeSiteFixture.start();
  private final Search search = site.jira.search();

  @AfterEach
  void close() {
    assertEquals(List.of(), site.fake.unmatchedRequests());
    site.close();
  }

  @Test
  void everyMatchingIssueArrivesOnceAcrossPages() {
    Set<String> expected = Set.copyOf(site.data().issueIds("PLAT"));
    List<String> ids;
    try (Stream<Issue> all = search.issues("project = PLAT ORDER BY key ASC", List.of("summary"), 7)) {
      ids = all.map(Issue::id).toList();
    }
    assertEquals(expected.size(), ids.size());
    assertEquals(expected, Set.copyOf(ids));
    long pages = site.requests("POST", "/rest/api/3/search/jql");
    assertEquals((expected.size() + 6) / 7, pages, "one request per page of 7");
  }

  @Test
  void aStreamReadsOnlyThePagesItConsumes() {
    try (Stream<Issue> all = search.issues("project = PLAT")) {
      assertEquals(3, all.limit(3).count());
    }
    assertEquals(1, site.requests("POST", "/rest/api/3/search/jql"));
    Stream<Issue> untouched = search.issues("project = MOB");
    assertEquals(1, site.requests("POST", "/rest/api/3/search/jql"), "building a stream sends nothing");
    untouched.close();
  }

  @Test
  void defaultFieldsFeedTheModelAndNamedFieldsStayRaw() {
    Issue first = search.issues("project = PLAT ORDER BY key ASC").findFirst().orElseThrow();
    assertTrue(first.summary().isPresent() && first.status().isPresent() && first.updated().isPresent());
    Issue withCustom = search.issues("project = PLAT ORDER BY key ASC", "customfield_10033").findFirst().orElseThrow();
    assertTrue(withCustom.fields().containsKey("customfield_10033"));
    assertEquals(Set.of("customfield_10033"), withCustom.fields().keySet());
  }

  @Test
  void approximateCountMatchesTheSite() {
    assertEquals(site.data().issueCount("PLAT"), search.approximateCount("project = PLAT"));
  }

  @Test
  void jiraRefusingTheJqlIsAnApiErrorAndBlankJqlIsRefusedLocally() {
    JiraApiException e = assertThrows(JiraApiException.class,
        () -> search.issues("project = NOPE").collect(Collectors.toList()));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("NOPE"), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> search.issues(" ")).getMessage().contains("jql"));
  }
}
