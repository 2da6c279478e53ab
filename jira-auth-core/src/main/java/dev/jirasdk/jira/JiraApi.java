package dev.jirasdk.jira;

import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.Sleeper;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Typed operations for the Jira work most apps do: issues, comments, JQL search, projects and users. Every call
 * goes through the {@link JiraClient} it was made from, so it shares that client's token refresh, retries and
 * interceptors (such as a rate governor).
 *
 * <pre>{@code
 * JiraApi jira = JiraApi.of(oauth.jiraClient(connectionId));
 * IssueRef ref = jira.issues().create(NewIssue.builder().project("ACME").issueType("Task").summary("Ship it").build());
 * jira.comments().add(ref.key(), "Started.\n\nETA Friday.");
 * jira.issues().transition(ref.key(), "In Progress");
 * try (Stream<Issue> open = jira.search().issues("project = ACME AND statusCategory != Done")) {
 *   open.forEach(i -> System.out.println(i.key() + " " + i.summary().orElse("")));
 * }
 * }</pre>
 *
 * <p>Writes to one issue are spaced below Jira's per-issue limit (20 per 2 s, 100 per 30 s) within this
 * instance: build one per client and share it. Searches and lists are lazy streams that read the next page only
 * when it is needed. Bad input (a blank summary, an unknown transition, a null or malformed id) is an
 * {@link IllegalArgumentException} naming the field before anything is sent. Thread-safe.
 */
public final class JiraApi {
  private final JiraClient client;
  private final Issues issues;
  private final Comments comments;
  private final Search search;
  private final Projects projects;
  private final Users users;

  private JiraApi(Builder b) {
    this.client = b.client;
    WriteSpacer spacer = new WriteSpacer(b.clock, b.sleeper, b.spaceWrites);
    this.issues = new Issues(this, spacer);
    this.comments = new Comments(this, spacer);
    this.search = new Search(this);
    this.projects = new Projects(this);
    this.users = new Users(this);
  }

  /** The typed API over {@code client}, spacing per-issue writes by the system clock. */
  public static JiraApi of(JiraClient client) {
    return builder(client).build();
  }

  /** Configures the write spacing's clock and sleeper, or turns spacing off. */
  public static Builder builder(JiraClient client) {
    return new Builder(client);
  }

  /** The client every call goes through. */
  public JiraClient client() {
    return client;
  }

  /** Issues: get, create, edit, delete, transition, assign. */
  public Issues issues() {
    return issues;
  }

  /** Comments: list, add, edit, delete. */
  public Comments comments() {
    return comments;
  }

  /** JQL search as lazy streams. */
  public Search search() {
    return search;
  }

  /** Projects the user can browse. */
  public Projects projects() {
    return projects;
  }

  /** Users of the site. */
  public Users users() {
    return users;
  }

  /**
   * Streams the items of any paged endpoint, reading each page when the stream reaches it; see
   * {@link PagedRequest} for the shapes and the progress guards. Items are unmodifiable JSON objects.
   */
  public Stream<Map<String, @Nullable Object>> paginate(PagedRequest request) {
    Objects.requireNonNull(request, "request == null");
    return PageIterator.stream(client, request);
  }

  /** Sends and returns the body as a frozen JSON object. */
  Map<String, Object> object(JiraRequest request) {
    return JsonTree.object(request, client.executeForString(request));
  }

  /** Sends a request whose answer carries nothing needed (204). */
  void send(JiraRequest request) {
    client.executeForString(request);
  }

  @Override
  public String toString() {
    return "JiraApi[" + client + "]";
  }

  /** Configures a {@link JiraApi}. Not thread-safe. */
  public static final class Builder {
    private final JiraClient client;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private boolean spaceWrites = true;

    private Builder(JiraClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
    }

    /** The clock that times per-issue write spacing. Default: the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** How write spacing waits. Tests pass one that advances a fake clock. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * Whether writes to one issue wait to stay within 20 per 2 s and 100 per 30 s (default true). Off, a burst of
     * writes meets Jira's 429s and relies on the client's retries alone.
     */
    public Builder spaceWritesPerIssue(boolean on) {
      this.spaceWrites = on;
      return this;
    }

    public JiraApi build() {
      return new JiraApi(this);
    }
  }
}
