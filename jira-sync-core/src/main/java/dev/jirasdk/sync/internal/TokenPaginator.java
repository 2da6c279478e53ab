package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.PaginationException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Token pages {@code {<items>, nextPageToken, isLast}} ({@code search/jql}, {@code changelog/bulkfetch}). Ends
 * when a page has no {@code nextPageToken} or says {@code isLast:true}. A token seen before, or an empty page
 * with a token, is a {@link PaginationException}.
 */
public final class TokenPaginator extends Paginator {
  private final Function<String, JiraRequest> requestForToken;
  private final String itemsField;
  private final Set<String> seen = new HashSet<>();
  private String token;

  /**
   * @param requestForToken builds the request for a token (null for the first page)
   * @param startToken token to resume from, or null
   */
  public TokenPaginator(PageFetcher fetcher, Function<String, JiraRequest> requestForToken, String itemsField,
      String startToken) {
    super(fetcher);
    this.requestForToken = requestForToken;
    this.itemsField = itemsField;
    this.token = startToken;
    if (startToken != null) seen.add(startToken);
  }

  @Override
  protected JsonPage fetchNext() {
    JiraRequest request = requestForToken.apply(token);
    JsonPage page = fetcher.fetch(request, itemsField, false);
    String next = page.metaString("nextPageToken");
    if (next != null && next.isEmpty()) next = null;
    boolean last = Boolean.TRUE.equals(page.metaBoolean("isLast")) || next == null;
    if (!last) {
      if (page.items().isEmpty()) {
        throw new PaginationException(request.endpoint(), "empty page with a nextPageToken");
      }
      if (!seen.add(next)) {
        throw new PaginationException(request.endpoint(), "nextPageToken repeated after " + (pages + 1) + " pages");
      }
    }
    token = last ? null : next;
    done = last;
    return page;
  }

  /** The token of the next page, or null (first page, or done). */
  public String token() {
    return token;
  }
}
