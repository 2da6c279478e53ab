package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;

/** Fetches one page; the engine's implementation calls Jira, tests answer with canned JSON. */
@FunctionalInterface
public interface PageFetcher {
  /**
   * @param itemsField member holding the items (ignored for top-level arrays)
   * @param objectEntries the items are the members of an object ({@code permissions})
   */
  JsonPage fetch(JiraRequest request, String itemsField, boolean objectEntries);

  /** What the pages belong to (project id, issue), named in pagination errors; null if nothing. */
  default String partition() {
    return null;
  }
}
