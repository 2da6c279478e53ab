package dev.jirasdk.sync;

import dev.jirasdk.auth.JiraException;

/**
 * An endpoint's paging broke its own rules: a page token came back twice, an empty page claimed more, or a
 * since/until cursor did not move. The sync stops that stream partition instead of looping forever.
 */
public class PaginationException extends JiraException {
  private static final long serialVersionUID = 1L;
  private final String endpoint;

  public PaginationException(String endpoint, String problem) {
    super("pagination of " + endpoint + " broke: " + problem);
    this.endpoint = endpoint;
  }

  /** Method and path. */
  public String endpoint() {
    return endpoint;
  }
}
