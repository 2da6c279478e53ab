package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * Position in the order of {@link SyncStore#records}: {@code updated} ascending (records without a date
 * first), then id ascending (string order). The next page starts strictly after it.
 */
public record RecordCursor(Instant updated, String id) {
  public RecordCursor {
    Objects.requireNonNull(id, "id == null");
  }

  public static RecordCursor after(SyncRecord r) {
    return new RecordCursor(r.updated(), r.id());
  }

  /** Compares a record's position with this cursor: negative if before, 0 if at, positive if after. */
  public static int compare(Instant updatedA, String idA, Instant updatedB, String idB) {
    if (updatedA == null && updatedB != null) return -1;
    if (updatedA != null && updatedB == null) return 1;
    if (updatedA != null) {
      int c = updatedA.compareTo(updatedB);
      if (c != 0) return c;
    }
    return idA.compareTo(idB);
  }
}
