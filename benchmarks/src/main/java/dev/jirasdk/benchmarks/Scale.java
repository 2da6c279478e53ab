package dev.jirasdk.benchmarks;

/**
 * How big each benchmark runs. {@link #FULL} uses the sizes the issues name; {@link #QUICK} keeps the whole
 * run under a minute; {@link #SMOKE} is only for the unit test that proves the harness still works.
 */
public enum Scale {
  /** Tiny sizes for the JUnit smoke test: proves every row is produced, says nothing about speed. */
  SMOKE(50, 20, 200, 200, 2_000, 100, 100, 0),
  /** Under a minute: smaller sites and fewer samples; ratios are indicative. */
  QUICK(2_000, 1_000, 10_000, 5_000, 50_000, 2_000, 500, 2),
  /** The sizes of the issues: 100,000-issue sites, 1,000,000 stored rows. */
  FULL(20_000, 1_000, 100_000, 100_000, 1_000_000, 100_000, 5_000, 5);

  /** Requests per client in the per-request overhead benchmark. */
  final int overheadRequests;
  /** Concurrent requests across a token expiry. */
  final int concurrentRequests;
  /** Issues in the generated testkit site. */
  final int testkitIssues;
  /** Issues upserted in the store benchmark. */
  final int storeIssues;
  /** Rows in the table for the paged-read benchmark. */
  final int storeReadRows;
  /** Issues in the synced site. */
  final int syncIssues;
  /** Issues synced under a small points quota (on the fake's clock). */
  final int quotaIssues;
  /** Demo-server start-ups measured. */
  final int demoStarts;

  Scale(int overheadRequests, int concurrentRequests, int testkitIssues, int storeIssues, int storeReadRows,
      int syncIssues, int quotaIssues, int demoStarts) {
    this.overheadRequests = overheadRequests;
    this.concurrentRequests = concurrentRequests;
    this.testkitIssues = testkitIssues;
    this.storeIssues = storeIssues;
    this.storeReadRows = storeReadRows;
    this.syncIssues = syncIssues;
    this.quotaIssues = quotaIssues;
    this.demoStarts = demoStarts;
  }
}
