package dev.jirasdk.sync.internal;

import java.util.NoSuchElementException;

/** Iterates the pages of one endpoint. Not thread-safe. */
public abstract class Paginator {
  protected final PageFetcher fetcher;
  protected boolean done;
  protected int pages;

  protected Paginator(PageFetcher fetcher) {
    this.fetcher = fetcher;
  }

  public final boolean hasNext() {
    return !done;
  }

  /** Fetches the next page (possibly empty, for an endpoint with nothing in it). */
  public final JsonPage next() {
    if (done) throw new NoSuchElementException();
    JsonPage page = fetchNext();
    pages++;
    return page;
  }

  protected abstract JsonPage fetchNext();

  public int pages() {
    return pages;
  }
}
