package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.PaginationException;
import java.util.List;
import java.util.Map;

/**
 * Offset pages {@code {startAt, maxResults, total, isLast, <items>}}: Jira's PageBean ({@code values}) and its
 * named variants such as {@code comments}. Ends on {@code isLast:true}; without {@code isLast}, on reaching
 * {@code total} or on a short page. An empty page that still claims more is a {@link PaginationException}.
 */
public final class PageBeanPaginator extends Paginator {
  private final String path;
  private final List<Map.Entry<String, String>> query;
  private final int pageSize;
  private final String itemsField;
  private long startAt;

  public PageBeanPaginator(PageFetcher fetcher, String path, List<Map.Entry<String, String>> query, int pageSize,
      String itemsField) {
    this(fetcher, path, query, pageSize, itemsField, 0);
  }

  public PageBeanPaginator(PageFetcher fetcher, String path, List<Map.Entry<String, String>> query, int pageSize,
      String itemsField, long startAt) {
    super(fetcher);
    this.path = path;
    this.query = List.copyOf(query);
    this.pageSize = pageSize;
    this.itemsField = itemsField;
    this.startAt = startAt;
  }

  @Override
  protected JsonPage fetchNext() {
    JiraRequest.Builder b = JiraRequest.get(path);
    for (Map.Entry<String, String> q : query) b.query(q.getKey(), q.getValue());
    JiraRequest request = b.query("startAt", startAt).query("maxResults", pageSize).build();
    JsonPage page = fetcher.fetch(request, itemsField, false);
    Boolean isLast = page.metaBoolean("isLast");
    Long total = page.metaLong("total");
    int n = page.items().size();
    long next = startAt + n;
    if (n == 0) {
      boolean claimsMore = Boolean.FALSE.equals(isLast) || (isLast == null && total != null && startAt < total);
      if (claimsMore) {
        throw new PaginationException(request.endpoint(),
            "empty page at startAt=" + startAt + " but " + (isLast != null ? "isLast=false" : "total=" + total));
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
    return page;
  }

  /** Where the next page starts. */
  public long startAt() {
    return startAt;
  }
}
