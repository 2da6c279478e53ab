package dev.jirasdk.auth;

import org.jspecify.annotations.Nullable;

/**
 * A stored token could not be decrypted: its key id is not configured, the key is wrong, or the value was
 * copied from another grant. The message names the key id, never the key or the value.
 */
public class TokenCipherException extends JiraException {
  private static final long serialVersionUID = 1L;
  private final String keyId;

  public TokenCipherException(String keyId, String message) {
    super(message);
    this.keyId = keyId;
  }

  public TokenCipherException(String keyId, String message, Throwable cause) {
    super(message, cause);
    this.keyId = keyId;
  }

  /** The key id the value was sealed with, or null if the value was not in the sealed format. */
  public @Nullable String keyId() {
    return keyId;
  }
}
