package dev.jirasdk.sync;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.SiteData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A started fake Jira with one connected account, for store tests that check SQL over synced data against the
 * fake's ground truth (published in the test jar with the contract tests).
 *
 * <pre>{@code
 * try (SyncedFakeSite site = SyncedFakeSite.start(Dataset.small())) {
 *   site.sync(store, SyncRequest.full());
 *   Map<String, Long> truth = SyncedFakeSite.timeInStatusMillis(site.data(), issueId, site.now());
 * }
 * }</pre>
 */
public final class SyncedFakeSite implements AutoCloseable {
  private final FakeJira fake;

  private SyncedFakeSite(FakeJira fake) {
    this.fake = fake;
  }

  public static SyncedFakeSite start(Dataset dataset) {
    return new SyncedFakeSite(FakeJira.start(dataset));
  }

  /** Runs one sync into {@code store} and returns its summary. */
  public SyncRun sync(SyncStore store, SyncRequest request) {
    try (JiraSync sync = fake.sync(store).build()) {
      return sync.sync(fake.connectionId(), request);
    }
  }

  public String connectionId() {
    return fake.connectionId();
  }

  public SiteData data() {
    return fake.data();
  }

  public Instant now() {
    return fake.clock().instant();
  }

  public void advance(Duration d) {
    fake.advance(d);
  }

  /**
   * Time in status of one issue, in milliseconds per status name, computed from the fake's model: from the
   * issue's creation in the status its first status change left (or its current status), then from each change to
   * the next, the last until {@code asOf}.
   */
  public static Map<String, Long> timeInStatusMillis(SiteData data, String issueId, Instant asOf) {
    List<SiteData.FieldChange> changes = new ArrayList<>();
    for (SiteData.FieldChange c : data.fieldChanges(issueId)) if ("status".equals(c.fieldId())) changes.add(c);
    changes.sort(Comparator.comparing(SiteData.FieldChange::created)
        .thenComparingLong(c -> Long.parseLong(c.historyId())).thenComparingInt(SiteData.FieldChange::position));
    Map<String, Long> out = new LinkedHashMap<>();
    String status = changes.isEmpty() ? data.status(issueId) : changes.get(0).fromText();
    Instant since = data.created(issueId);
    for (SiteData.FieldChange c : changes) {
      out.merge(status, Duration.between(since, c.created()).toMillis(), Long::sum);
      status = c.toText();
      since = c.created();
    }
    out.merge(status, Duration.between(since, asOf).toMillis(), Long::sum);
    return out;
  }

  @Override
  public void close() {
    fake.close();
  }
}
