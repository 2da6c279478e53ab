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
 * @param deletedAt when it was tombstoned, or null if live
 */
public record StoredRecord(SyncRecord record, String contentHash, Instant syncedAt, @Nullable Instant deletedAt) {
  public StoredRecord {
    Objects.requireNonNull(record, "record == null");
    Objects.requireNonNull(contentHash, "contentHash == null");
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
