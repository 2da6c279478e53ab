package dev.jirasdk.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.PaginationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaginatorTest {

  /** Answers requests with canned JSON in order and remembers what was asked. */
  static final class Canned implements PageFetcher {
    final Deque<String> answers = new ArrayDeque<>();
    final List<JiraRequest> requests = new ArrayList<>();

    Canned(String... answers) {
      this.answers.addAll(List.of(answers));
    }

    @Override
    public JsonPage fetch(JiraRequest request, String itemsField, boolean objectEntries) {
      requests.add(request);
      return PageParser.parse(answers.removeFirst(), itemsField, objectEntries);
    }

    String query(int i, String name) {
      for (Map.Entry<String, String> q : requests.get(i).query()) if (q.getKey().equals(name)) return q.getValue();
      return null;
    }
  }

  static List<String> drain(Paginator p) {
    List<String> out = new ArrayList<>();
    while (p.hasNext()) for (RawItem i : p.next().items()) out.add(i.json());
    return out;
  }

  @Test
  void pageBeanFollowsStartAtUntilIsLast() {
    Canned c = new Canned(
        "{\"startAt\":0,\"maxResults\":2,\"total\":3,\"isLast\":false,\"values\":[{\"id\":\"1\"},{\"id\":\"2\"}]}",
        "{\"startAt\":2,\"maxResults\":2,\"total\":3,\"isLast\":true,\"values\":[{\"id\":\"3\"}]}");
    List<String> items = drain(new PageBeanPaginator(c, "rest/api/3/priority/search", List.of(), 2, "values"));
    assertEquals(List.of("{\"id\":\"1\"}", "{\"id\":\"2\"}", "{\"id\":\"3\"}"), items);
    assertEquals("0", c.query(0, "startAt"));
    assertEquals("2", c.query(1, "startAt"));
    assertEquals("2", c.query(1, "maxResults"));
  }

  @Test
  void pageBeanWithoutIsLastStopsAtTotal() {
    Canned c = new Canned(
        "{\"startAt\":0,\"maxResults\":2,\"total\":4,\"comments\":[{\"id\":\"1\"},{\"id\":\"2\"}]}",
        "{\"startAt\":2,\"maxResults\":2,\"total\":4,\"comments\":[{\"id\":\"3\"},{\"id\":\"4\"}]}");
    assertEquals(4, drain(new PageBeanPaginator(c, "rest/api/3/issue/1/comment", List.of(), 2, "comments")).size());
    assertEquals(2, c.requests.size());
  }

  @Test
  void pageBeanEmptyPageClaimingMoreIsATypedError() {
    Canned c = new Canned("{\"startAt\":0,\"maxResults\":2,\"total\":10,\"isLast\":false,\"values\":[]}");
    PageBeanPaginator p = new PageBeanPaginator(c, "rest/api/3/group/bulk", List.of(), 2, "values");
    PaginationException e = assertThrows(PaginationException.class, p::next);
    assertEquals("GET /rest/api/3/group/bulk", e.endpoint());
  }

  @Test
  void pageBeanEmptyLastPageEndsQuietly() {
    Canned c = new Canned("{\"startAt\":0,\"maxResults\":50,\"total\":0,\"isLast\":true,\"values\":[]}");
    assertEquals(List.of(), drain(new PageBeanPaginator(c, "rest/api/3/label", List.of(), 50, "values")));
  }

  @Test
  void labelsAreStringItemsKeptAsRawJson() {
    Canned c = new Canned("{\"isLast\":true,\"values\":[\"perf\",\"sec\"]}");
    PageBeanPaginator p = new PageBeanPaginator(c, "rest/api/3/label", List.of(), 50, "values");
    JsonPage page = p.next();
    assertEquals("\"perf\"", page.items().get(0).json());
    assertEquals("perf", page.items().get(0).value());
  }

  @Test
  void tokenPagesFollowNextPageTokenAndResendIt() {
    Canned c = new Canned(
        "{\"issues\":[{\"id\":\"1\"}],\"nextPageToken\":\"t1\",\"isLast\":false}",
        "{\"issues\":[{\"id\":\"2\"}],\"nextPageToken\":\"t2\"}",
        "{\"issues\":[{\"id\":\"3\"}],\"isLast\":true}");
    List<String> tokens = new ArrayList<>();
    TokenPaginator p = new TokenPaginator(c, t -> {
      tokens.add(String.valueOf(t));
      return JiraRequest.get("rest/api/3/search/jql").build();
    }, "issues", null);
    assertEquals(3, drain(p).size());
    assertEquals(List.of("null", "t1", "t2"), tokens);
    assertFalse(p.hasNext());
  }

  @Test
  void aRepeatedTokenIsATypedErrorNotAnEndlessLoop() {
    Canned c = new Canned(
        "{\"issues\":[{\"id\":\"1\"}],\"nextPageToken\":\"same\"}",
        "{\"issues\":[{\"id\":\"2\"}],\"nextPageToken\":\"same\"}");
    TokenPaginator p = new TokenPaginator(c, t -> JiraRequest.get("rest/api/3/search/jql").build(), "issues", null);
    p.next();
    assertThrows(PaginationException.class, p::next);
  }

  @Test
  void anEmptyTokenPageThatClaimsMoreIsATypedError() {
    Canned c = new Canned("{\"issues\":[],\"nextPageToken\":\"more\",\"isLast\":false}");
    TokenPaginator p = new TokenPaginator(c, t -> JiraRequest.get("rest/api/3/search/jql").build(), "issues", null);
    assertThrows(PaginationException.class, p::next);
  }

  @Test
  void tokenPaginatorResumesFromAStoredToken() {
    Canned c = new Canned("{\"issues\":[{\"id\":\"9\"}]}");
    List<String> tokens = new ArrayList<>();
    TokenPaginator p = new TokenPaginator(c, t -> {
      tokens.add(t);
      return JiraRequest.get("rest/api/3/search/jql").build();
    }, "issues", "resume-me");
    assertEquals(1, drain(p).size());
    assertEquals(List.of("resume-me"), tokens);
  }

  @Test
  void plainArraysStopOnAShortPage() {
    Canned c = new Canned("[{\"accountId\":\"a\"},{\"accountId\":\"b\"}]", "[{\"accountId\":\"c\"}]");
    assertEquals(3, drain(new ArrayPaginator(c, "rest/api/3/users/search", List.of(), 2)).size());
    assertEquals("2", c.query(1, "startAt"));
  }

  @Test
  void plainArraysStopOnAnEmptyPage() {
    Canned c = new Canned("[{\"accountId\":\"a\"},{\"accountId\":\"b\"}]", "[]");
    assertEquals(2, drain(new ArrayPaginator(c, "rest/api/3/users/search", List.of(), 2)).size());
    assertEquals(2, c.requests.size());
  }

  @Test
  void unpagedArraysAreOneCall() {
    Canned c = new Canned("[{\"id\":\"1\"},{\"id\":\"2\"}]");
    ArrayPaginator p = new ArrayPaginator(c, "rest/api/3/issuetype", List.of(), 0);
    assertEquals(2, drain(p).size());
    assertEquals(1, c.requests.size());
    assertTrue(c.requests.get(0).query().isEmpty());
  }

  @Test
  void objectShapedPermissionsBecomeItemsKeyedByMemberName() {
    Canned c = new Canned("{\"permissions\":{\"BROWSE\":{\"key\":\"BROWSE\",\"name\":\"Browse\"},"
        + "\"EDIT\":{\"key\":\"EDIT\",\"name\":\"Edit\"}}}");
    JsonPage page = new ArrayPaginator(c, "rest/api/3/permissions", List.of(), 0, "permissions").next();
    assertEquals(2, page.items().size());
    assertEquals("BROWSE", page.items().get(0).key());
    assertEquals("{\"key\":\"BROWSE\",\"name\":\"Browse\"}", page.items().get(0).json());
  }

  @Test
  void worklogFeedsAdvanceSinceToUntil() {
    Canned c = new Canned(
        "{\"values\":[{\"worklogId\":1,\"updatedTime\":100}],\"since\":0,\"until\":100,\"lastPage\":false}",
        "{\"values\":[{\"worklogId\":2,\"updatedTime\":200}],\"since\":100,\"until\":200,\"lastPage\":true}");
    SinceUntilPaginator p = new SinceUntilPaginator(c, "rest/api/3/worklog/updated", 0);
    assertEquals(2, drain(p).size());
    assertEquals("0", c.query(0, "since"));
    assertEquals("100", c.query(1, "since"));
    assertEquals(200, p.since());
  }

  @Test
  void aWorklogFeedWhoseUntilDoesNotMoveIsATypedError() {
    Canned c = new Canned(
        "{\"values\":[{\"worklogId\":1}],\"since\":5,\"until\":5,\"lastPage\":false}");
    SinceUntilPaginator p = new SinceUntilPaginator(c, "rest/api/3/worklog/updated", 5);
    assertThrows(PaginationException.class, p::next);
  }

  @Test
  void rawItemsKeepJirasExactBytes() {
    String item = "{\"id\":\"10001\",\"n\":1,\"f\":1.50,\"u\":\"\\u00e9\",\"nested\":{\"a\":[1,2]}}";
    JsonPage page = PageParser.parse("{\"issues\":[" + item + "],\"isLast\":true}", "issues", false);
    assertEquals(item, page.items().get(0).json());
    assertEquals(true, page.metaBoolean("isLast"));
  }

  @Test
  void embeddedChildrenKeepTheirExactBytes() {
    String json = "{\"id\":\"1\",\"changelog\":{\"histories\":[{\"id\":\"h\"}]},\"fields\":{\"x\":{\"y\":[1]},"
        + "\"attachment\":[{\"id\":\"a\"}],\"comment\":{\"total\":2,\"comments\":[{\"id\":\"c\", \"n\":1.0},"
        + "{\"id\":\"d\",\"t\":\"\u00e9\\u00e9\"}]}}}";
    Object issue = RawItem.of(null, json).value();
    List<RawItem> comments = Json.items(issue, "fields", "comment", "comments");
    assertEquals(List.of("{\"id\":\"c\", \"n\":1.0}", "{\"id\":\"d\",\"t\":\"\u00e9\\u00e9\"}"),
        comments.stream().map(RawItem::json).toList());
    assertEquals("\u00e9\u00e9", Json.str(comments.get(1).value(), "t"));
    assertEquals(List.of("{\"id\":\"a\"}"), Json.items(issue, "fields", "attachment").stream().map(RawItem::json).toList());
    assertEquals(List.of(), Json.items(issue, "fields", "issuelinks"));
    assertEquals(List.of(), Json.items(issue, "fields", "x"));
    assertEquals(List.of("{\"id\":\"h\"}"), Json.items(issue, "changelog", "histories").stream().map(RawItem::json).toList());
  }
}
