package dev.jirasdk.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals tokens before any {@link TokenStore} sees them: AES-256-GCM with a random 96-bit nonce per value,
 * the key id in clear as a prefix, and the grant id as associated data, so a value copied onto another
 * grant fails to open.
 *
 * <pre>{@code
 * TokenCipher cipher = TokenCipher.builder()
 *     .key("2026-11", System.getenv("TOKEN_KEY"))      // seals new values
 *     .decryptOnlyKey("2025-01", oldBase64Key)         // still opens values sealed before rotation
 *     .build();
 * }</pre>
 *
 * <p>Sealed form: {@code v1.<keyId>.<base64url(nonce || ciphertext || tag)>}. Immutable and thread-safe.
 */
public final class TokenCipher {
  private static final String PREFIX = "v1.";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final String keyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random;

  private TokenCipher(Builder b) {
    this.keyId = b.keyId;
    this.keys = Map.copyOf(b.keys);
    this.random = b.random;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A cipher with one key, given as base64 of 32 bytes. */
  public static TokenCipher of(String keyId, String base64Key) {
    return builder().key(keyId, base64Key).build();
  }

  /**
   * A cipher with a random key that lives as long as this object: for tests and in-memory stores only,
   * since anything it sealed is unreadable after a restart.
   */
  public static TokenCipher ephemeral() {
    return of("ephemeral", generateKey());
  }

  /** A fresh random 256-bit key, base64-encoded, for {@link Builder#key}. */
  public static String generateKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The id of the key that seals new values. */
  public String keyId() {
    return keyId;
  }

  /** Seals {@code plaintext} for {@code grantId}. */
  public String seal(String grantId, String plaintext) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(plaintext, "plaintext == null");
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(grantId));
      byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new TokenCipherException(keyId, "cannot seal a token for grant " + grantId + " with key " + keyId, e);
    }
  }

  /**
   * Opens a value sealed for {@code grantId}.
   *
   * @throws TokenCipherException if the key id is unknown, the key is wrong, the value belongs to another
   *     grant, or the value is not in the sealed form
   */
  public String open(String grantId, String sealed) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(sealed, "sealed == null");
    if (!sealed.startsWith(PREFIX)) {
      throw new TokenCipherException(null, "stored token for grant " + grantId + " is not a sealed value");
    }
    int dot = sealed.indexOf('.', PREFIX.length());
    if (dot < 0) throw new TokenCipherException(null, "stored token for grant " + grantId + " is malformed");
    String id = sealed.substring(PREFIX.length(), dot);
    SecretKey key = keys.get(id);
    if (key == null) {
      throw new TokenCipherException(id, "stored token for grant " + grantId + " was sealed with key id '" + id
          + "', which is not configured (configured: " + keys.keySet() + ")");
    }
    byte[] in;
    try {
      in = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new TokenCipherException(id, "stored token for grant " + grantId + " is not valid base64");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new TokenCipherException(id, "stored token for grant " + grantId + " is truncated");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      c.updateAAD(aad(grantId));
      byte[] plain = c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new TokenCipherException(id, "stored token for grant " + grantId + " does not open with key id '"
          + id + "': wrong key, or the value was sealed for another grant");
    } catch (GeneralSecurityException e) {
      throw new TokenCipherException(id, "cannot open stored token for grant " + grantId + " with key " + id, e);
    }
  }

  private static byte[] aad(String grantId) {
    return ("jirasdk-token:" + grantId).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "TokenCipher[keyId=" + keyId + ", keys=" + keys.keySet() + "]";
  }

  /** Collects keys; {@link #build()} checks them. */
  public static final class Builder {
    private String keyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    /** The key that seals new values (and opens values sealed with it). Base64 of exactly 32 bytes. */
    public Builder key(String keyId, String base64Key) {
      add(keyId, base64Key);
      this.keyId = keyId;
      return this;
    }

    /** A retired key that still opens old values but never seals new ones. */
    public Builder decryptOnlyKey(String keyId, String base64Key) {
      add(keyId, base64Key);
      return this;
    }

    /** The nonce source; the default is a new {@link SecureRandom}. */
    public Builder secureRandom(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    private void add(String id, String base64Key) {
      Objects.requireNonNull(id, "keyId == null");
      Objects.requireNonNull(base64Key, "key == null");
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("keyId must be 1-32 of [A-Za-z0-9_-]: '" + id + "'");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(base64Key.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key '" + id + "' is not valid base64");
      }
      if (raw.length != 32) {
        throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256), got " + raw.length);
      }
      if (keys.containsKey(id)) throw new IllegalArgumentException("key id '" + id + "' given twice");
      keys.put(id, new SecretKeySpec(raw, "AES"));
    }

    public TokenCipher build() {
      if (keyId == null) throw new IllegalStateException("key == null: set the key that seals new values");
      return new TokenCipher(this);
    }
  }
}
