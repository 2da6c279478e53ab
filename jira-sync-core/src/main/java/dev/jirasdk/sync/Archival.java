package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * Marks a stored issue as archived in Jira (Premium and Enterprise sites archive issues, or whole projects): it no
 * longer appears in search, like a deleted one, but it is not deleted and may be restored. The row stays with
 * {@link StoredRecord#archivedAt()}; it is not live (left out of counts, ids and live listings) and not deleted.
 * Unlike a {@link Tombstone}, archiving takes nothing along: the issue's children and the links pointing at it stay
 * as they are. An archived issue that is stored again (restored in Jira and read by a sync) is live again.
 *
 * @param issueId the issue's id
 * @param archivedAt when the archiving was observed (or reported by Jira)
 * @param reason short explanation, such as {@code "project archived"} or {@code "census+issue"}
 */
public record Archival(String issueId, Instant archivedAt, String reason) {
  public Archival {
    Objects.requireNonNull(issueId, "issueId == null");
    Objects.requireNonNull(archivedAt, "archivedAt == null");
    reason = reason == null ? "" : reason;
  }
}
