package dev.jirasdk.testkit;

/** The faults {@link Faults} can inject. */
public enum FaultType {
  /** The answer is delayed by {@link Faults.Builder#latency(java.time.Duration)} (real time), then served normally. */
  LATENCY,
  /** 500 with Jira's JSON error body. */
  HTTP_500,
  /** 502 with a plain-text body, as an edge proxy answers. */
  HTTP_502,
  /** 429 with {@code Retry-After} ({@link Faults.Builder#retryAfter(java.time.Duration)}) and a burst reason. */
  HTTP_429,
  /** 503 without {@code Retry-After}. */
  HTTP_503,
  /** 503 with {@code Retry-After} ({@link Faults.Builder#retryAfter(java.time.Duration)}). */
  HTTP_503_RETRY_AFTER,
  /** The real answer's headers and half its body, then the connection is closed. */
  CONNECTION_RESET,
  /** 200 with the real JSON cut in half (a complete HTTP message whose JSON does not parse). */
  TRUNCATED_JSON,
  /** 503 with an HTML page instead of JSON, like a maintenance or proxy page. */
  HTML_ERROR_PAGE,
  /** 200 with {@code Content-Type: application/json} and a body that is not JSON. */
  MALFORMED_BODY,
  /**
   * Pages that never end: every page says {@code isLast:false} (a change feed {@code lastPage:false}, with
   * {@code until} one past {@code since}), and once the real items run out, PageBean pages are filled with
   * invented items of fresh ids ({@code id} from 900,000,000,000), as a server answering random data would. A token
   * page without a {@code nextPageToken} still ends.
   */
  PAGE_NEVER_LAST,
  /** PageBean pages without {@code isLast} whose {@code total} is 1,000 more than there are: never reached. */
  PAGE_TOTAL_NEVER_REACHED,
  /**
   * PageBean pages without {@code isLast} whose {@code total} is absurd (2,147,483,647), filled with invented
   * items past the end, like a comment listing of a hostile server.
   */
  PAGE_ABSURD_TOTAL,
  /** The position is ignored: every request gets the first page again (claiming more), as a server ignoring
   * {@code startAt} or {@code nextPageToken} answers. */
  PAGE_REPEATED,
  /** PageBean answers say {@code startAt:0} whatever was asked: the position does not advance. */
  PAGE_START_AT_STUCK,
  /** Token pages hand back the {@code nextPageToken} they were asked with (and {@code isLast:false}). */
  PAGE_SAME_TOKEN
}
