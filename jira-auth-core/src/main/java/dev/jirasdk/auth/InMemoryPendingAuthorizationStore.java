package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Keeps flows in progress in memory; they are lost on restart. Thread-safe. */
public final class InMemoryPendingAuthorizationStore implements PendingAuthorizationStore {
  private final ConcurrentMap<String, PendingAuthorization> pending = new ConcurrentHashMap<>();

  @Override
  public void save(PendingAuthorization p) {
    Objects.requireNonNull(p, "pending == null");
    if (pending.putIfAbsent(p.stateHash(), p) != null) {
      throw new IllegalStateException("a flow with this state already exists");
    }
  }

  @Override
  public Optional<PendingAuthorization> consume(String stateHash, Instant now) {
    PendingAuthorization[] before = {null};
    pending.computeIfPresent(stateHash, (k, current) -> {
      before[0] = current;
      return current.consumedAt() == null ? current.consumed(now) : current;
    });
    return Optional.ofNullable(before[0]);
  }

  @Override
  public int purgeExpired(Instant cutoff) {
    int[] removed = {0};
    pending.values().removeIf(p -> {
      boolean expired = p.expiresAt().isBefore(cutoff);
      if (expired) removed[0]++;
      return expired;
    });
    return removed[0];
  }
}
