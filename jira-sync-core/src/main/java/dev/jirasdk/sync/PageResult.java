package dev.jirasdk.sync;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** What {@link SyncStore#commitPage} did, per entity. */
public record PageResult(Map<Entity, Counts> byEntity) {
  public PageResult {
    Objects.requireNonNull(byEntity, "byEntity == null");
    byEntity = byEntity.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byEntity));
  }

  public static final PageResult EMPTY = new PageResult(Map.of());

  /** Counts for one entity (zero if none). */
  public Counts counts(Entity entity) {
    return byEntity.getOrDefault(entity, Counts.ZERO);
  }

  /** Sum over all entities. */
  public Counts total() {
    Counts c = Counts.ZERO;
    for (Counts x : byEntity.values()) c = c.plus(x);
    return c;
  }
}
