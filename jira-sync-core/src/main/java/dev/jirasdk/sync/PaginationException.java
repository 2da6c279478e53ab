package dev.jirasdk.sync;

import dev.jirasdk.auth.JiraException;

/**
 * An endpoint's paging broke its own rules or its cap: a page token came back twice, a page brought no id not
 * seen before in the pass, the position did not advance, an empty page claimed more, or there were more pages
 * than what Jira said (its {@code total}, the run's estimate, or the endpoint's ceiling such as 5,000 comments
 * per issue) allows. The sync stops that stream partition (or that children) instead of looping.
 */
public class PaginationException extends JiraException {
  private static final long serialVersionUID = 1L;
  private final String endpoint;
  private final String partition;
  private final long page;
  private final String position;
  private final String problem;

  public PaginationException(String endpoint, String problem) {
    this(endpoint, null, 0, null, problem);
  }

  /**
   * @param partition project id, issue, or null when not known
   * @param page the 1-based number of the page in the pass, or 0
   * @param position where the page was asked for ({@code startAt=200}, {@code token=…}, {@code since=…}), or null
   */
  public PaginationException(String endpoint, String partition, long page, String position, String problem) {
    super("pagination of " + endpoint + " broke" + context(partition, page, position) + ": " + problem);
    this.endpoint = endpoint;
    this.partition = partition;
    this.page = page;
    this.position = position;
    this.problem = problem;
  }

  private static String context(String partition, long page, String position) {
    StringBuilder sb = new StringBuilder();
    if (partition != null) sb.append("partition ").append(partition);
    if (page > 0) sb.append(sb.length() == 0 ? "" : ", ").append("page ").append(page);
    if (position != null) sb.append(sb.length() == 0 ? "" : ", ").append(position);
    return sb.length() == 0 ? "" : " (" + sb + ")";
  }

  /** Method and path. */
  public String endpoint() {
    return endpoint;
  }

  /** Project id or issue the pages belonged to, or null. */
  public String partition() {
    return partition;
  }

  /** 1-based page number in the pass, or 0. */
  public long page() {
    return page;
  }

  /** Where the failing page was asked for, or null. */
  public String position() {
    return position;
  }

  /** What was wrong. */
  public String problem() {
    return problem;
  }
}
