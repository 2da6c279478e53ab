package dev.jirasdk.jira;

import dev.jirasdk.auth.JiraRequest;
import java.util.stream.Stream;

/**
 * Users of the site. Get one from {@link JiraApi#users()}. Reading users needs the {@code read:jira-user}
 * scope, and each user returned costs 2 points of the hourly quota.
 *
 * <pre>{@code
 * User me = jira.users().myself();
 * long active = jira.users().all().filter(User::active).count();
 * }</pre>
 *
 * Thread-safe.
 */
public final class Users {
  static final String SEARCH = "rest/api/3/users/search";
  static final int PAGE_SIZE = 1000;
  private final JiraApi api;

  Users(JiraApi api) {
    this.api = api;
  }

  /** Every user (people and apps), read 1,000 a time ({@code users/search}, a plain array). */
  public Stream<User> all() {
    PagedRequest paged = PagedRequest.array(SEARCH).pageSize(PAGE_SIZE).build();
    return api.paginate(paged).map(json -> JsonTree.model("GET /" + SEARCH, json, User::of));
  }

  /** One user by account id; a 404 is a {@link dev.jirasdk.auth.JiraApiException}. */
  public User get(String accountId) {
    JiraRequest request = JiraRequest.get("rest/api/3/user").query("accountId", Ids.account(accountId)).build();
    return JsonTree.model(request.endpoint(), api.object(request), User::of);
  }

  /** The user this connection acts as. */
  public User myself() {
    JiraRequest request = JiraRequest.get("rest/api/3/myself").build();
    return JsonTree.model(request.endpoint(), api.object(request), User::of);
  }
}
