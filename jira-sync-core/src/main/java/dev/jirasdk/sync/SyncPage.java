package dev.jirasdk.sync;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page as the engine hands it to {@link SyncStore#commitPage}: records to upsert (possibly of several
 * entities, e.g. an issue with its embedded comments and attachments), tombstones, and the checkpoint that
 * holds once they are stored. All or nothing.
 *
 * @param records records to upsert, in order; a later record with the same entity and id wins
 * @param tombstones records to mark deleted
 * @param checkpoint the checkpoint to store with them, or null to leave checkpoints alone
 * @param archivals issues to mark archived (applied after the records and tombstones)
 */
public record SyncPage(List<SyncRecord> records, List<Tombstone> tombstones, @Nullable Checkpoint checkpoint,
    List<Archival> archivals) {
  public SyncPage {
    records = List.copyOf(Objects.requireNonNull(records, "records == null"));
    tombstones = List.copyOf(Objects.requireNonNull(tombstones, "tombstones == null"));
    archivals = List.copyOf(Objects.requireNonNull(archivals, "archivals == null"));
  }

  /** A page without archivals. */
  public SyncPage(List<SyncRecord> records, List<Tombstone> tombstones, @Nullable Checkpoint checkpoint) {
    this(records, tombstones, checkpoint, List.of());
  }

  public static SyncPage of(List<SyncRecord> records, Checkpoint checkpoint) {
    return new SyncPage(records, List.of(), checkpoint);
  }
}
