package dev.jirasdk.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraApiException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Comments end to end against FakeJiraCloud. */
class CommentsTest {
  private final FakeSiteFixture site = FakeSiteFixture.start();
  private final Comments comments = site.jira.comments();

  @AfterEach
  void close() {
    assertEquals(List.of(), site.fake.unmatchedRequests());
    site.close();
  }

  @Test
  void aCommentIsAddedEditedAndDeletedAndListsFollowEachStep() {
    Comment added = comments.add("PLAT-4", "First line\nsecond line\n\nNew paragraph");
    assertEquals("First line\nsecond line\n\nNew paragraph", added.body().toText());
    assertEquals(site.fake.users().get(0).accountId(), added.author().orElseThrow().accountId());
    try (Stream<Comment> all = comments.list("PLAT-4")) {
      assertTrue(all.anyMatch(c -> c.id().equals(added.id())));
    }

    site.clock.advance(Duration.ofMinutes(3));
    Comment edited = comments.edit("PLAT-4", added.id(), "Corrected");
    assertEquals("Corrected", edited.body().toText());
    assertTrue(edited.updated().orElseThrow().isAfter(edited.created().orElseThrow()));
    String texts = comments.list("PLAT-4").map(c -> c.body().toText()).collect(Collectors.joining("|"));
    assertTrue(texts.contains("Corrected") && !texts.contains("First line"), texts);

    comments.delete("PLAT-4", added.id());
    assertFalse(comments.list("PLAT-4").anyMatch(c -> c.id().equals(added.id())));
    JiraApiException gone = assertThrows(JiraApiException.class, () -> comments.delete("PLAT-4", added.id()));
    assertEquals(404, gone.status());
  }

  @Test
  void aLongDiscussionIsListedPageByPageAsTheStreamAdvances() {
    for (int i = 0; i < 130; i++) site.data().addComment("PLAT-5", "note " + i);
    int total = site.data().commentCount("PLAT-5");
    long before = site.requests("GET", "/rest/api/3/issue/{id}/comment");
    try (Stream<Comment> all = comments.list("PLAT-5")) {
      assertEquals(5, all.limit(5).count());
    }
    assertEquals(before + 1, site.requests("GET", "/rest/api/3/issue/{id}/comment"), "one page for five comments");
    List<String> ids = comments.list("PLAT-5").map(Comment::id).toList();
    assertEquals(total, ids.size());
    assertEquals(total, ids.stream().distinct().count(), "no comment twice");
    assertEquals(site.data().commentIds("PLAT-5"), ids, "oldest first, as Jira orders them");
  }

  @Test
  void emptyCommentsAndBadIdsAreRefusedBeforeAnythingIsSent() {
    long before = site.apiRequests();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> comments.add("PLAT-1", " \n "))
        .getMessage().contains("blank"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> comments.edit("PLAT-1", "12a", "x"))
        .getMessage().contains("commentId"));
    assertTrue(assertThrows(NullPointerException.class, () -> comments.delete("PLAT-1", null))
        .getMessage().contains("commentId"));
    assertEquals(before, site.apiRequests());
  }
}
