package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An authorization flow in progress, keyed by a hash of its {@code state}. Only hashes are stored, so a
 * leaked store cannot be used to forge a callback.
 *
 * @param stateHash SHA-256 of the state, hex
 * @param bindingHash SHA-256 of the caller's binding (e.g. browser session id), hex; null if unbound
 * @param label the label for the connections this flow creates, possibly empty
 * @param createdAt when the flow started
 * @param expiresAt when the state stops being accepted
 * @param consumedAt when a callback used it, or null if not yet
 */
public record PendingAuthorization(String stateHash, @Nullable String bindingHash, String label, Instant createdAt,
    Instant expiresAt, @Nullable Instant consumedAt) {
  public PendingAuthorization {
    Objects.requireNonNull(stateHash, "stateHash == null");
    label = label == null ? "" : label;
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  public PendingAuthorization consumed(Instant at) {
    return new PendingAuthorization(stateHash, bindingHash, label, createdAt, expiresAt, at);
  }
}
