package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An authorization flow in progress, keyed by a hash of its {@code state}. Only hashes are stored, so a
 * leaked store cannot be used to forge a callback; the PKCE verifier, which must be sent back in clear at the
 * code exchange, is stored sealed by the SDK's {@link TokenCipher}.
 *
 * @param stateHash SHA-256 of the state, hex
 * @param bindingHash SHA-256 of the caller's binding (e.g. browser session id), hex; null if unbound
 * @param label the label for the connections this flow creates, possibly empty
 * @param createdAt when the flow started
 * @param expiresAt when the state stops being accepted
 * @param consumedAt when a callback used it, or null if not yet
 * @param sealedCodeVerifier the PKCE code verifier, sealed; null when the flow was started without PKCE. A store
 *     keeps it exactly as given.
 */
public record PendingAuthorization(String stateHash, @Nullable String bindingHash, String label, Instant createdAt,
    Instant expiresAt, @Nullable Instant consumedAt, @Nullable String sealedCodeVerifier) {
  public PendingAuthorization {
    Objects.requireNonNull(stateHash, "stateHash == null");
    label = label == null ? "" : label;
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  /** A flow without PKCE. */
  public PendingAuthorization(String stateHash, @Nullable String bindingHash, String label, Instant createdAt,
      Instant expiresAt, @Nullable Instant consumedAt) {
    this(stateHash, bindingHash, label, createdAt, expiresAt, consumedAt, null);
  }

  public PendingAuthorization consumed(Instant at) {
    return new PendingAuthorization(stateHash, bindingHash, label, createdAt, expiresAt, at, sealedCodeVerifier);
  }

  /** Without the sealed verifier. */
  @Override
  public String toString() {
    return "PendingAuthorization[stateHash=" + stateHash + ", bound=" + (bindingHash != null) + ", label=" + label
        + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + ", consumedAt=" + consumedAt + ", pkce="
        + (sealedCodeVerifier != null) + "]";
  }
}
