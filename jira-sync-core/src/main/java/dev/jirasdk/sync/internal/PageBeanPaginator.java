package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import java.util.List;
import java.util.Map;

/**
 * Offset pages {@code {startAt, maxResults, total, isLast, <items>}}: Jira's PageBean ({@code values}) and its
 * named variants such as {@code comments}. Ends on {@code isLast:true}; without {@code isLast}, on reaching
 * {@code total} or on a short page. An empty page that still claims more, or an answer whose {@code startAt} is
 * not the one asked for, is a {@code PaginationException}. The first {@code total} caps the pages (never above
 * the endpoint's ceiling, when it has one), on top of the shared guards of {@link Paginator}.
 */
public final class PageBeanPaginator extends Paginator {
  private final String path;
  private final List<Map.Entry<String, String>> query;
  private final int pageSize;
  private final String itemsField;
  private final long ceiling;
  private long startAt;
  private boolean capped;

  public PageBeanPaginator(PageFetcher fetcher, String path, List<Map.Entry<String, String>> query, int pageSize,
      String itemsField) {
    this(fetcher, path, query, pageSize, itemsField, 0);
  }

  /** @param ceiling most items the endpoint can hold (e.g. 5,000 comments per issue), or 0 for none */
  public PageBeanPaginator(PageFetcher fetcher, String path, List<Map.Entry<String, String>> query, int pageSize,
      String itemsField, long ceiling) {
    super(fetcher);
    this.path = path;
    this.query = List.copyOf(query);
    this.pageSize = pageSize;
    this.itemsField = itemsField;
    this.ceiling = ceiling;
    if (ceiling > 0) capItems(ceiling, pageSize, "the endpoint's ceiling of " + ceiling + " items");
  }

  @Override
  protected JiraRequest request() {
    JiraRequest.Builder b = JiraRequest.get(path);
    for (Map.Entry<String, String> q : query) b.query(q.getKey(), q.getValue());
    return b.query("startAt", startAt).query("maxResults", pageSize).build();
  }

  @Override
  protected String itemsField() {
    return itemsField;
  }

  @Override
  protected String position() {
    return "startAt=" + startAt;
  }

  @Override
  protected void accept(JiraRequest request, JsonPage page) {
    Boolean isLast = page.metaBoolean("isLast");
    Long total = page.metaLong("total");
    Long answeredStart = page.metaLong("startAt");
    int n = page.items().size();
    if (answeredStart != null && answeredStart != startAt) {
      throw fail(request, "asked for startAt=" + startAt + " but the page says startAt=" + answeredStart
          + " (the position did not advance)");
    }
    if (!capped && total != null) {
      capped = true;
      long items = ceiling > 0 ? Math.min(total, ceiling) : total;
      capItems(startAt + items, Math.max(n, 1), "Jira's total=" + total
          + (ceiling > 0 && total > ceiling ? " (above the endpoint's ceiling of " + ceiling + ")" : ""));
    }
    long next = startAt + n;
    if (n == 0) {
      boolean claimsMore = Boolean.FALSE.equals(isLast) || (isLast == null && total != null && startAt < total);
      if (claimsMore) {
        throw fail(request, "empty page but " + (isLast != null ? "isLast=false" : "total=" + total));
      }
      done = true;
    } else if (isLast != null) {
      done = isLast;
    } else if (total != null) {
      done = next >= total;
    } else {
      Long max = page.metaLong("maxResults");
      done = n < (max != null && max > 0 ? Math.min(max, pageSize) : pageSize);
    }
    startAt = next;
  }

  /** Where the next page starts. */
  public long startAt() {
    return startAt;
  }
}
