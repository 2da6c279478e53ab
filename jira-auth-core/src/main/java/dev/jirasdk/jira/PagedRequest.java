package dev.jirasdk.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A paged Jira endpoint, described once, for {@link JiraApi#paginate(PagedRequest)}. Jira pages in four shapes;
 * pick the factory that matches the endpoint's documentation:
 *
 * <table>
 *   <caption>Page shapes</caption>
 *   <tr><th>factory</th><th>answer</th><th>next page</th><th>examples</th></tr>
 *   <tr><td>{@link #pageBean}</td><td>{@code {startAt, maxResults, total, isLast, values}}</td>
 *       <td>{@code startAt} + items read</td><td>{@code project/search}, {@code group/bulk}, {@code priority/search}</td></tr>
 *   <tr><td>{@link #offset}</td><td>{@code {startAt, maxResults, total, <items>}}</td>
 *       <td>{@code startAt} + items read</td><td>{@code issue/{id}/comment} ({@code comments}), {@code issue/{id}/worklog}</td></tr>
 *   <tr><td>{@link #array}</td><td>a plain array</td><td>{@code startAt} + items read; a short page is the last</td>
 *       <td>{@code users/search}</td></tr>
 *   <tr><td>{@link #token}</td><td>{@code {<items>, nextPageToken, isLast}}</td><td>the token</td>
 *       <td>{@code search/jql} ({@code issues})</td></tr>
 * </table>
 *
 * <pre>{@code
 * PagedRequest groups = PagedRequest.pageBean("rest/api/3/group/bulk").pageSize(50).build();
 * jira.paginate(groups).forEach(g -> System.out.println(g.get("name")));
 * }</pre>
 *
 * <p>Every shape guards progress: a page that does not move the cursor (no items while Jira says more follow,
 * a token seen before) ends the stream with an {@link dev.jirasdk.auth.UnexpectedResponseException}, and so does
 * passing {@link Builder#maxPages} pages; it never loops. Immutable.
 */
public final class PagedRequest {
  /** The page shapes Jira uses. */
  public enum Shape { PAGE_BEAN, OFFSET, ARRAY, TOKEN }

  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int DEFAULT_MAX_PAGES = 10_000;

  private final Shape shape;
  private final String path;
  private final @Nullable String itemsField;
  private final List<Map.Entry<String, String>> query;
  private final @Nullable Map<String, @Nullable Object> body;
  private final int pageSize;
  private final int maxPages;

  private PagedRequest(Builder b) {
    this.shape = b.shape;
    this.path = b.path;
    this.itemsField = b.itemsField;
    this.query = List.copyOf(b.query);
    this.body = b.body == null ? null : JsonTree.frozenObject(b.body, "body");
    this.pageSize = b.pageSize;
    this.maxPages = b.maxPages;
  }

  /** A PageBean endpoint: items under {@code values}, paged by {@code startAt}/{@code maxResults}. */
  public static Builder pageBean(String path) {
    return new Builder(Shape.PAGE_BEAN, path, "values", null);
  }

  /** An offset page whose items sit under {@code itemsField} (e.g. {@code comments}), with {@code total}. */
  public static Builder offset(String path, String itemsField) {
    return new Builder(Shape.OFFSET, path, requireField(itemsField), null);
  }

  /** A plain-array endpoint paged by {@code startAt}/{@code maxResults}; a page shorter than asked is the last. */
  public static Builder array(String path) {
    return new Builder(Shape.ARRAY, path, null, null);
  }

  /** A token-paged {@code GET}: items under {@code itemsField}, {@code nextPageToken} sent as a query parameter. */
  public static Builder token(String path, String itemsField) {
    return new Builder(Shape.TOKEN, path, requireField(itemsField), null);
  }

  /**
   * A token-paged read sent as {@code POST} (e.g. {@code search/jql}): {@code body} is sent with
   * {@code maxResults} and, after the first page, {@code nextPageToken} added. Retried like a read.
   */
  public static Builder token(String path, String itemsField, Map<String, @Nullable Object> body) {
    return new Builder(Shape.TOKEN, path, requireField(itemsField), Objects.requireNonNull(body, "body == null"));
  }

  private static String requireField(String itemsField) {
    Objects.requireNonNull(itemsField, "itemsField == null");
    if (itemsField.isBlank()) throw new IllegalArgumentException("itemsField is blank");
    return itemsField;
  }

  public Shape shape() {
    return shape;
  }

  public String path() {
    return path;
  }

  /** The member that holds a page's items; null for {@link Shape#ARRAY}. */
  public @Nullable String itemsField() {
    return itemsField;
  }

  /** Query parameters sent with every page, in order. */
  public List<Map.Entry<String, String>> query() {
    return query;
  }

  /** The JSON body of a token-paged POST, or null for a GET. */
  public @Nullable Map<String, @Nullable Object> body() {
    return body;
  }

  public int pageSize() {
    return pageSize;
  }

  public int maxPages() {
    return maxPages;
  }

  @Override
  public String toString() {
    return "PagedRequest[" + shape + " " + (body == null ? "GET" : "POST") + " /" + path + "]";
  }

  /** Mutable; {@link #build()} snapshots it. */
  public static final class Builder {
    private final Shape shape;
    private final String path;
    private final @Nullable String itemsField;
    private final @Nullable Map<String, @Nullable Object> body;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int maxPages = DEFAULT_MAX_PAGES;

    private Builder(Shape shape, String path, @Nullable String itemsField,
        @Nullable Map<String, @Nullable Object> body) {
      Objects.requireNonNull(path, "path == null");
      this.shape = shape;
      this.path = path.startsWith("/") ? path.substring(1) : path;
      this.itemsField = itemsField;
      this.body = body == null ? null : new LinkedHashMap<>(body);
    }

    /** A query parameter sent with every page (not {@code startAt}, {@code maxResults} or {@code nextPageToken}). */
    public Builder query(String name, Object value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (name.equals("startAt") || name.equals("maxResults") || name.equals("nextPageToken")) {
        throw new IllegalArgumentException(name + " is set by the paginator; use pageSize(int) for maxResults");
      }
      query.add(Map.entry(name, String.valueOf(value)));
      return this;
    }

    /** Items asked for per page ({@code maxResults}); Jira may send fewer. Default 50. */
    public Builder pageSize(int size) {
      if (size < 1) throw new IllegalArgumentException("pageSize must be at least 1: " + size);
      this.pageSize = size;
      return this;
    }

    /** The most pages read before the stream fails instead of going on. Default 10,000. */
    public Builder maxPages(int pages) {
      if (pages < 1) throw new IllegalArgumentException("maxPages must be at least 1: " + pages);
      this.maxPages = pages;
      return this;
    }

    public PagedRequest build() {
      return new PagedRequest(this);
    }
  }
}
