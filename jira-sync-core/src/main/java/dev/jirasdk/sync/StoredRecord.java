package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record as a {@link SyncStore} holds it.
 *
 * @param record the record last stored
 * @param contentHash {@link SyncRecord#contentHash()} of it
 * @param syncedAt when it was last created or changed in the store (by the store's notion of time)
 * @param deletedAt when it was tombstoned, or null if live or archived
 * @param archivedAt when it was found archived in Jira ({@link Archival}, issues only), or null if live or deleted
 */
public record StoredRecord(SyncRecord record, String contentHash, Instant syncedAt, @Nullable Instant deletedAt,
    @Nullable Instant archivedAt) {
  public StoredRecord {
    Objects.requireNonNull(record, "record == null");
    Objects.requireNonNull(contentHash, "contentHash == null");
    if (deletedAt != null && archivedAt != null) {
      throw new IllegalArgumentException("a record is deleted or archived, not both: " + record.id());
    }
  }

  /** A record that is live or deleted, never archived. */
  public StoredRecord(SyncRecord record, String contentHash, Instant syncedAt, @Nullable Instant deletedAt) {
    this(record, contentHash, syncedAt, deletedAt, null);
  }

  /** Tombstoned: deleted in Jira. */
  public boolean deleted() {
    return deletedAt != null;
  }

  /** Archived in Jira: not in search, not deleted, may come back. */
  public boolean archived() {
    return archivedAt != null;
  }

  /** Neither deleted nor archived: what Jira's search still finds. */
  public boolean live() {
    return deletedAt == null && archivedAt == null;
  }
}
