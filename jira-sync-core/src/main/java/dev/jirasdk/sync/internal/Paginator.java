package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.PaginationException;
import java.util.NoSuchElementException;

/**
 * Iterates the pages of one endpoint, with the guards every page shape shares:
 * <ul>
 *   <li><b>progress</b>: a page that claims more must bring at least one item not seen before in this pass
 *       (items are told apart by their {@code id}, {@code worklogId} or, failing that, their bytes), so a server
 *       that repeats pages, or ignores the position, ends in a {@link PaginationException};
 *   <li><b>hard cap</b>: at most {@link #maxPages()} pages, derived from what Jira said (a {@code total}, the
 *       run's estimate) or the endpoint's ceiling (5,000 comments per issue), so a server that invents new items
 *       forever ends too.
 * </ul>
 * The subclasses add what is particular to their shape (a token seen twice, a position that did not move, an
 * empty page claiming more). Not thread-safe.
 */
public abstract class Paginator {
  /** The cap when nothing better is known: 100,000 pages (10 million items of 100). */
  public static final long DEFAULT_MAX_PAGES = 100_000;

  protected final PageFetcher fetcher;
  protected boolean done;
  protected int pages;
  private final LongHashSet seen = new LongHashSet();
  private long maxPages = DEFAULT_MAX_PAGES;
  private String current;
  private String capReason = "the default ceiling of " + DEFAULT_MAX_PAGES + " pages";

  protected Paginator(PageFetcher fetcher) {
    this.fetcher = fetcher;
  }

  public final boolean hasNext() {
    return !done;
  }

  /** Fetches the next page (possibly empty, for an endpoint with nothing in it). */
  public final JsonPage next() {
    if (done) throw new NoSuchElementException();
    JiraRequest request = request();
    current = position();
    if (pages >= maxPages) {
      throw new PaginationException(request.endpoint(), fetcher.partition(), pages + 1, current,
          "more pages than " + capReason + " allows (" + maxPages + ")");
    }
    JsonPage page = fetcher.fetch(request, itemsField(), objectEntries());
    pages++;
    accept(request, page);
    if (!done && !page.items().isEmpty()) {
      boolean progress = false;
      for (RawItem item : page.items()) progress |= seen.add(identity(item));
      if (!progress) {
        throw new PaginationException(request.endpoint(), fetcher.partition(), pages, current,
            "the page brought no item not seen before in this pass (" + page.items().size()
                + " items, all repeated) but claims more");
      }
    }
    return page;
  }

  /** The request for the next page. */
  protected abstract JiraRequest request();

  protected abstract String itemsField();

  protected boolean objectEntries() {
    return false;
  }

  /** Where the next page is asked for, for error messages ({@code startAt=200}). */
  protected abstract String position();

  /** Reads a fetched page: decides {@link #done}, advances the position, applies the shape's own guards. */
  protected abstract void accept(JiraRequest request, JsonPage page);

  /** A pagination failure of the page just fetched (for {@link #accept}). */
  protected final PaginationException fail(JiraRequest request, String problem) {
    return new PaginationException(request.endpoint(), fetcher.partition(), pages, current, problem);
  }

  /** Lowers the cap to {@code pages} pages (never raises it); {@code reason} says where it comes from. */
  public final Paginator capPages(long pages, String reason) {
    long p = Math.max(1, pages);
    if (p < maxPages) {
      maxPages = p;
      capReason = reason;
    }
    return this;
  }

  /**
   * Lowers the cap to what {@code items} items take at {@code pageSize} a page, with slack for items added
   * while the pass runs (one page plus a tenth).
   */
  public final Paginator capItems(long items, int pageSize, String reason) {
    long per = Math.max(1, pageSize);
    long pagesNeeded = (Math.max(0, items) + per - 1) / per;
    return capPages(pagesNeeded + 1 + pagesNeeded / 10, reason);
  }

  public long maxPages() {
    return maxPages;
  }

  public int pages() {
    return pages;
  }

  private static long identity(RawItem item) {
    Object v = item.value();
    if (v instanceof String s) return LongHashSet.hash("s:" + s);
    if (item.key() != null) return LongHashSet.hash("k:" + item.key());
    Object id = Json.at(v, "id");
    if (id == null) id = Json.at(v, "worklogId");
    if (id instanceof String || id instanceof Number) return LongHashSet.hash("i:" + id);
    return LongHashSet.hash(item.utf8());
  }
}
