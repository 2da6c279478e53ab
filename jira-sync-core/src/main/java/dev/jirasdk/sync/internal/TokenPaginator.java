package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Token pages {@code {<items>, nextPageToken, isLast}} ({@code search/jql}, {@code changelog/bulkfetch}). Ends
 * when a page has no {@code nextPageToken} or says {@code isLast:true}. A token seen before, or an empty page
 * with a token, is a {@code PaginationException}; so are the shared guards of {@link Paginator}.
 */
public final class TokenPaginator extends Paginator {
  private final Function<String, JiraRequest> requestForToken;
  private final String itemsField;
  private final Set<String> seenTokens = new HashSet<>();
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
    if (startToken != null) seenTokens.add(startToken);
  }

  @Override
  protected JiraRequest request() {
    return requestForToken.apply(token);
  }

  @Override
  protected String itemsField() {
    return itemsField;
  }

  @Override
  protected String position() {
    return token == null ? "first page" : "token " + abbreviate(token);
  }

  @Override
  protected void accept(JiraRequest request, JsonPage page) {
    String next = page.metaString("nextPageToken");
    if (next != null && next.isEmpty()) next = null;
    boolean last = Boolean.TRUE.equals(page.metaBoolean("isLast")) || next == null;
    if (!last) {
      if (page.items().isEmpty()) throw fail(request, "empty page with a nextPageToken");
      if (!seenTokens.add(next)) {
        throw fail(request, "nextPageToken " + abbreviate(next) + " repeated after " + pages + " pages");
      }
    }
    token = last ? null : next;
    done = last;
  }

  /** The token of the next page, or null (first page, or done). */
  public String token() {
    return token;
  }

  /** Tokens are opaque and long: enough of one to tell it apart in a message. */
  private static String abbreviate(String t) {
    return t.length() <= 24 ? t : t.substring(0, 12) + "…" + t.substring(t.length() - 8);
  }
}
