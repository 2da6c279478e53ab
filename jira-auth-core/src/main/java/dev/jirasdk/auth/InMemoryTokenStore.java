package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenStore} in this process's memory: for tests and for hosts that keep a single process and
 * accept re-consent after a restart. Thread-safe; leases serialise refreshes between threads only.
 */
public final class InMemoryTokenStore implements TokenStore {
  private record Lease(String holder, Instant until) {}

  private final ConcurrentMap<String, StoredTokens> tokens = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();

  @Override
  public Optional<StoredTokens> load(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    return Optional.ofNullable(tokens.get(grantId));
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredTokens next) {
    Objects.requireNonNull(next, "next == null");
    if (next.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "next.version() must be expectedVersion + 1: " + next.version() + " != " + (expectedVersion + 1));
    }
    boolean[] written = {false};
    tokens.compute(next.grantId(), (id, current) -> {
      long currentVersion = current == null ? 0 : current.version();
      if (currentVersion != expectedVersion) return current;
      written[0] = true;
      return next;
    });
    return written[0];
  }

  @Override
  public boolean tryAcquireRefreshLease(String grantId, String holder, Instant now, Instant until) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(holder, "holder == null");
    Lease mine = new Lease(holder, until);
    Lease result = leases.compute(grantId, (id, current) ->
        current == null || current.holder.equals(holder) || !current.until.isAfter(now) ? mine : current);
    return result == mine;
  }

  @Override
  public void releaseRefreshLease(String grantId, String holder) {
    leases.computeIfPresent(grantId, (id, current) -> current.holder.equals(holder) ? null : current);
  }

  @Override
  public void delete(String grantId) {
    tokens.remove(grantId);
    leases.remove(grantId);
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[grants=" + tokens.size() + "]";
  }
}
