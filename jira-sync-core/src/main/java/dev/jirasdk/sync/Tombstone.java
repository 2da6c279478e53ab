package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * Marks a stored record as deleted in Jira. The row stays (with {@link StoredRecord#deletedAt()}) so a host
 * can show or purge it. Tombstoning an {@link Entity#ISSUES issue} also tombstones its live children (records
 * of {@link Entity#isIssueChild() child entities} whose parent id is the issue id).
 *
 * @param entity what was deleted
 * @param id its id
 * @param deletedAt when the deletion was observed (or reported by Jira)
 * @param reason short explanation, such as {@code "census+bulkfetch"} or {@code "worklog/deleted"}
 */
public record Tombstone(Entity entity, String id, Instant deletedAt, String reason) {
  public Tombstone {
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(deletedAt, "deletedAt == null");
    reason = reason == null ? "" : reason;
  }
}
