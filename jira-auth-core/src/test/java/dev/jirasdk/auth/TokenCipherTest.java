package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenCipherTest {
  private final String keyA = TokenCipher.generateKey();
  private final String keyB = TokenCipher.generateKey();

  @Test
  void sealedValuesOpenForTheSameGrantAndLookNothingLikeTheToken() {
    TokenCipher cipher = TokenCipher.of("k1", keyA);
    String sealed = cipher.seal("g_1", "rt-SECRET-value");
    assertTrue(sealed.startsWith("v1.k1."), sealed);
    assertFalse(sealed.contains("SECRET"));
    assertEquals("rt-SECRET-value", cipher.open("g_1", sealed));
  }

  @Test
  void everySealUsesAFreshNonce() {
    TokenCipher cipher = TokenCipher.of("k1", keyA);
    assertNotEquals(cipher.seal("g_1", "same"), cipher.seal("g_1", "same"));
  }

  @Test
  void aValueMovedToAnotherGrantFailsToOpen() {
    TokenCipher cipher = TokenCipher.of("k1", keyA);
    String sealed = cipher.seal("g_1", "rt-SECRET-value");
    TokenCipherException e = assertThrows(TokenCipherException.class, () -> cipher.open("g_2", sealed));
    assertEquals("k1", e.keyId());
    assertTrue(e.getMessage().contains("another grant"), e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"));
  }

  @Test
  void aWrongKeyIsNamedByItsId() {
    String sealed = TokenCipher.of("k1", keyA).seal("g_1", "x");
    TokenCipherException e = assertThrows(TokenCipherException.class, () -> TokenCipher.of("k1", keyB).open("g_1", sealed));
    assertTrue(e.getMessage().contains("'k1'"), e.getMessage());
    TokenCipherException unknown = assertThrows(TokenCipherException.class,
        () -> TokenCipher.of("k2", keyB).open("g_1", sealed));
    assertEquals("k1", unknown.keyId());
    assertTrue(unknown.getMessage().contains("not configured"), unknown.getMessage());
  }

  @Test
  void rotationOpensOldValuesAndSealsWithTheNewKey() {
    String old = TokenCipher.of("2025", keyA).seal("g_1", "old-token");
    TokenCipher rotated = TokenCipher.builder().key("2026", keyB).decryptOnlyKey("2025", keyA).build();
    assertEquals("old-token", rotated.open("g_1", old));
    assertTrue(rotated.seal("g_1", "new-token").startsWith("v1.2026."));
    assertEquals("2026", rotated.keyId());
  }

  @Test
  void tamperedOrForeignValuesAreRejectedClearly() {
    TokenCipher cipher = TokenCipher.of("k1", keyA);
    String sealed = cipher.seal("g_1", "x");
    // Flip one bit of the sealed bytes (not a base64 character, whose low bits may be padding nobody reads).
    int dot = sealed.lastIndexOf('.');
    byte[] raw = java.util.Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
    raw[raw.length / 2] ^= 0x01;
    String tampered = sealed.substring(0, dot + 1) + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThrows(TokenCipherException.class, () -> cipher.open("g_1", tampered));
    assertThrows(TokenCipherException.class, () -> cipher.open("g_1", "plain-token"));
    assertThrows(TokenCipherException.class, () -> cipher.open("g_1", "v1.k1.AAAA"));
  }

  @Test
  void badKeysAreRefusedAtConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> TokenCipher.of("k1", "not base64!"));
    IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
        () -> TokenCipher.of("k1", java.util.Base64.getEncoder().encodeToString(new byte[16])));
    assertTrue(shortKey.getMessage().contains("32 bytes"), shortKey.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TokenCipher.of("bad id", keyA));
    assertThrows(IllegalStateException.class, () -> TokenCipher.builder().decryptOnlyKey("k0", keyA).build());
    assertFalse(TokenCipher.of("k1", keyA).toString().contains(keyA));
  }
}
