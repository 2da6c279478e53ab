package dev.jirasdk.sync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of {@link SyncStore#records}; {@link #next()} is empty on the last page. */
public record RecordPage(List<StoredRecord> items, Optional<RecordCursor> next) {
  public RecordPage {
    items = List.copyOf(Objects.requireNonNull(items, "items == null"));
    Objects.requireNonNull(next, "next == null");
  }
}
