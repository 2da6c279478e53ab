package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;

/**
 * Worklog change feeds {@code {values, since, until, lastPage}} ({@code worklog/updated},
 * {@code worklog/deleted}): the next page asks {@code since=until}. Ends on {@code lastPage:true}. An
 * {@code until} that does not move forward, or an empty page that is not the last, is a
 * {@code PaginationException}; so are the shared guards of {@link Paginator}.
 */
public final class SinceUntilPaginator extends Paginator {
  private final String path;
  private long since;

  public SinceUntilPaginator(PageFetcher fetcher, String path, long since) {
    super(fetcher);
    this.path = path;
    this.since = since;
  }

  @Override
  protected JiraRequest request() {
    return JiraRequest.get(path).query("since", since).build();
  }

  @Override
  protected String itemsField() {
    return "values";
  }

  @Override
  protected String position() {
    return "since=" + since;
  }

  @Override
  protected void accept(JiraRequest request, JsonPage page) {
    boolean last = !Boolean.FALSE.equals(page.metaBoolean("lastPage"));
    Long until = page.metaLong("until");
    if (!last) {
      if (page.items().isEmpty()) throw fail(request, "empty page with lastPage=false");
      if (until == null || until <= since) {
        throw fail(request, "until=" + until + " did not move past since=" + since);
      }
    }
    if (until != null && until > since) since = until;
    done = last;
  }

  /** The {@code since} of the next page; after the last page, the feed's {@code until}. */
  public long since() {
    return since;
  }
}
