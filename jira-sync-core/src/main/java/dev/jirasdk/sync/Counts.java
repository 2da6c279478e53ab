package dev.jirasdk.sync;

/**
 * How many records a page (or a stream, or a run) created, updated, left unchanged (same content hash) and
 * tombstoned. Immutable; {@link #plus} adds.
 */
public record Counts(long created, long updated, long unchanged, long deleted) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0);

  public Counts {
    if (created < 0 || updated < 0 || unchanged < 0 || deleted < 0) {
      throw new IllegalArgumentException("negative count: " + created + "/" + updated + "/" + unchanged + "/" + deleted);
    }
  }

  public Counts plus(Counts o) {
    return new Counts(created + o.created, updated + o.updated, unchanged + o.unchanged, deleted + o.deleted);
  }

  /** Records seen: created + updated + unchanged. */
  public long seen() {
    return created + updated + unchanged;
  }

  /** Rows written: created + updated + deleted. */
  public long changed() {
    return created + updated + deleted;
  }
}
