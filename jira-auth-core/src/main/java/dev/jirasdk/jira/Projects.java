package dev.jirasdk.jira;

import dev.jirasdk.auth.JiraRequest;
import java.util.stream.Stream;

/**
 * Projects the user can browse. Get one from {@link JiraApi#projects()}.
 *
 * <pre>{@code
 * jira.projects().all().forEach(p -> System.out.println(p.key() + " " + p.name()));
 * }</pre>
 *
 * Thread-safe.
 */
public final class Projects {
  private static final String SEARCH = "rest/api/3/project/search";
  private final JiraApi api;

  Projects(JiraApi api) {
    this.api = api;
  }

  /** Live projects, by key, read a page of 50 at a time ({@code project/search}). */
  public Stream<Project> all() {
    return page(false);
  }

  /** Live and archived projects. */
  public Stream<Project> allIncludingArchived() {
    return page(true);
  }

  /** One project by key or id; a 404 is a {@link dev.jirasdk.auth.JiraApiException}. */
  public Project get(String projectIdOrKey) {
    JiraRequest request = JiraRequest.get("rest/api/3/project/" + Ids.project(projectIdOrKey)).build();
    return JsonTree.model(request.endpoint(), api.object(request), Project::of);
  }

  private Stream<Project> page(boolean archived) {
    PagedRequest paged = PagedRequest.pageBean(SEARCH).query("status", archived ? "live,archived" : "live")
        .query("orderBy", "key").build();
    return api.paginate(paged).map(json -> JsonTree.model("GET /" + SEARCH, json, Project::of));
  }
}
