package dev.jirasdk.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.UnexpectedResponseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generic paginator: each of Jira's page shapes end to end, and the progress guards against bad pages. */
class PaginateTest {
  private final FakeSiteFixture site = FakeSiteFixture.start();

  @AfterEach
  void close() {
    site.close();
  }

  private long count(PagedRequest request) {
    return site.jira.paginate(request).count();
  }

  @Test
  void pageBeanOffsetArrayAndTokenPagesAreReadToTheEnd() {
    long projects = site.data().projectCount();
    assertEquals(projects, count(PagedRequest.pageBean("rest/api/3/project/search").pageSize(2).build()));
    assertEquals(site.data().groupCount(), count(PagedRequest.pageBean("/rest/api/3/group/bulk").pageSize(2).build()));
    assertEquals(site.data().commentCount("PLAT-7"),
        count(PagedRequest.offset("rest/api/3/issue/PLAT-7/comment", "comments").pageSize(2).build()));
    assertEquals(site.data().userCount(), count(PagedRequest.array("rest/api/3/users/search").pageSize(3).build()));
    assertEquals(site.data().issueCount("MOB"), count(PagedRequest.token("rest/api/3/search/jql", "issues")
        .query("jql", "project = MOB").pageSize(4).build()));
    assertEquals(List.of(), site.fake.unmatchedRequests());
  }

  @Test
  void theTypedListsUseTheSamePaginator() {
    assertEquals(site.data().projectCount(), site.jira.projects().all().count());
    assertEquals(site.data().projectCount() + site.data().archivedProjectCount(),
        site.jira.projects().allIncludingArchived().count());
    assertEquals(site.data().userCount(), site.jira.users().all().count());
    assertEquals("PLAT", site.jira.projects().get("PLAT").key());
    User first = site.jira.users().all().findFirst().orElseThrow();
    assertEquals(first, site.jira.users().get(first.accountId()));
    assertEquals(site.fake.users().get(0).accountId(), site.jira.users().myself().accountId());
  }

  /** A JiraApi whose client answers every request with {@code page.apply(n)} for the n-th request (from 0). */
  private JiraApi answering(IntFunction<String> page, AtomicInteger requests) {
    Interceptor fake = chain -> new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(200)
        .message("OK").body(ResponseBody.create(page.apply(requests.getAndIncrement()),
            MediaType.get("application/json"))).build();
    return JiraApi.of(site.client.newBuilder().addInterceptor(fake).build());
  }

  @Test
  void aPageBeanThatStopsAdvancingEndsWithAnErrorNotALoop() {
    AtomicInteger requests = new AtomicInteger();
    JiraApi api = answering(n -> n == 0
        ? "{\"startAt\":0,\"maxResults\":2,\"total\":9,\"isLast\":false,\"values\":[{\"id\":1},{\"id\":2}]}"
        : "{\"startAt\":2,\"maxResults\":2,\"total\":9,\"isLast\":false,\"values\":[]}", requests);
    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
        () -> api.paginate(PagedRequest.pageBean("rest/api/3/group/bulk").pageSize(2).build()).count());
    assertTrue(e.getMessage().contains("does not advance") && e.getMessage().contains("startAt=2"), e.getMessage());
    assertEquals(2, requests.get());
  }

  @Test
  void aRepeatedTokenEndsWithAnErrorNotALoop() {
    AtomicInteger requests = new AtomicInteger();
    JiraApi api = answering(n -> "{\"issues\":[{\"id\":\"" + n + "\"}],\"nextPageToken\":\"" + (n == 0 ? "a" : "b")
        + "\"}", requests);
    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
        () -> api.search().issues("project = X").count());
    assertTrue(e.getMessage().contains("nextPageToken repeats"), e.getMessage());
    assertEquals(3, requests.get(), "tokens a, b, then b again");
  }

  @Test
  void endlessPagesStopAtTheCap() {
    AtomicInteger requests = new AtomicInteger();
    JiraApi api = answering(n -> "[{\"accountId\":\"u" + n + "\"}]", requests);
    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
        () -> api.paginate(PagedRequest.array("rest/api/3/users/search").pageSize(1).maxPages(5).build()).count());
    assertTrue(e.getMessage().contains("more than 5 pages"), e.getMessage());
    assertEquals(5, requests.get());
  }

  @Test
  void aPageOfTheWrongShapeNamesTheJsonPath() {
    JiraApi api = answering(n -> "{\"values\":{\"not\":\"an array\"}}", new AtomicInteger());
    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
        () -> api.paginate(PagedRequest.pageBean("rest/api/3/group/bulk").build()).count());
    assertTrue(e.getMessage().contains("$.values"), e.getMessage());
    JiraApi scalars = answering(n -> "{\"values\":[\"a\"],\"isLast\":true}", new AtomicInteger());
    UnexpectedResponseException s = assertThrows(UnexpectedResponseException.class,
        () -> scalars.paginate(PagedRequest.pageBean("rest/api/3/label").build()).count());
    assertTrue(s.getMessage().contains("$.values[0]"), s.getMessage());
  }

  @Test
  void aShortArrayPageAndIsLastEndTheStreamWithoutAnotherRequest() {
    AtomicInteger requests = new AtomicInteger();
    JiraApi api = answering(n -> "[{\"accountId\":\"a\"},{\"accountId\":\"b\"}]", requests);
    List<Map<String, Object>> users = api.paginate(PagedRequest.array("rest/api/3/users/search").pageSize(3).build())
        .toList();
    assertEquals(2, users.size());
    assertEquals(1, requests.get());
  }

  @Test
  void pagingParametersBelongToThePaginator() {
    assertThrows(IllegalArgumentException.class, () -> PagedRequest.pageBean("x").query("startAt", 5));
    assertThrows(IllegalArgumentException.class, () -> PagedRequest.pageBean("x").pageSize(0));
    assertThrows(IllegalArgumentException.class, () -> PagedRequest.offset("x", " "));
  }
}
