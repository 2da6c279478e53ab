package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON arrays. Paged ({@code users/search}): {@code startAt}/{@code maxResults}, ending on a short or
 * empty page. Unpaged ({@code issuetype}): one call. Also serves object-shaped answers whose members are the
 * items ({@code permissions}). A paged array says nothing of its size, so only the shared guards of
 * {@link Paginator} (progress, cap) stop one that never ends.
 */
public final class ArrayPaginator extends Paginator {
  private final String path;
  private final List<Map.Entry<String, String>> query;
  private final int pageSize;
  private final String objectField;
  private long startAt;

  /** @param pageSize page size, or 0 for an unpaged endpoint */
  public ArrayPaginator(PageFetcher fetcher, String path, List<Map.Entry<String, String>> query, int pageSize) {
    this(fetcher, path, query, pageSize, null);
  }

  /** @param objectField for {@code {field:{KEY:{...}}}} answers, the member holding the items */
  public ArrayPaginator(PageFetcher fetcher, String path, List<Map.Entry<String, String>> query, int pageSize,
      String objectField) {
    super(fetcher);
    this.path = path;
    this.query = List.copyOf(query);
    this.pageSize = pageSize;
    this.objectField = objectField;
  }

  @Override
  protected JiraRequest request() {
    JiraRequest.Builder b = JiraRequest.get(path);
    for (Map.Entry<String, String> q : query) b.query(q.getKey(), q.getValue());
    if (pageSize > 0) b.query("startAt", startAt).query("maxResults", pageSize);
    return b.build();
  }

  @Override
  protected String itemsField() {
    return objectField;
  }

  @Override
  protected boolean objectEntries() {
    return objectField != null;
  }

  @Override
  protected String position() {
    return pageSize > 0 ? "startAt=" + startAt : null;
  }

  @Override
  protected void accept(JiraRequest request, JsonPage page) {
    int n = page.items().size();
    startAt += n;
    done = pageSize <= 0 || n < pageSize;
  }
}
