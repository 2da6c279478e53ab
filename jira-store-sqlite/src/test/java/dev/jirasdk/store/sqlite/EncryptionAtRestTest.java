package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.ConnectionIds;
import dev.jirasdk.auth.Grant;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.Site;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seals tokens with {@link TokenCipher} as the SDK does, stores them, and scans the raw bytes of the database,
 * its write-ahead log and its shared-memory file for any 8-byte piece of any token.
 */
class EncryptionAtRestTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final int WINDOW = 8;
  static final String MARKER = "PLAINTEXT-MARKER-1234567890";

  @TempDir Path dir;

  @Test
  void noPieceOfAnyTokenAppearsInTheDatabaseItsWalOrItsSharedMemory() throws Exception {
    Path file = dir.resolve("store.db");
    TokenCipher cipher = TokenCipher.of("k2026", TokenCipher.generateKey());
    List<String> clearTokens = new ArrayList<>();
    List<String> sealedTokens = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    try (SqliteStore store = SqliteStore.builder().path(file).cipher(cipher).build()) {
      for (int g = 0; g < 5; g++) {
        String account = "account-" + g;
        String grantId = ConnectionIds.grantId("client", account);
        // Plain text that is not a secret: proves the scan sees what the store writes.
        store.saveAuthorization(new Grant(grantId, account, MARKER, null, Set.of("offline_access"),
            GrantState.ACTIVE, T0, T0), List.of(new Site("cloud-" + g, "s", "https://s.example", List.of(), null)), "");
        for (int version = 1; version <= 3; version++) { // rotations leave old pages in the WAL
          String access = "eyJ" + randomToken(random, 300);
          String refresh = randomToken(random, 120);
          clearTokens.add(access);
          clearTokens.add(refresh);
          String sealedAccess = cipher.seal(grantId, access);
          String sealedRefresh = cipher.seal(grantId, refresh);
          sealedTokens.add(sealedRefresh);
          assertTrue(store.compareAndSet(version - 1, new StoredTokens(grantId, version, sealedAccess,
              sealedRefresh, T0.plusSeconds(3600), T0, "offline_access")));
        }
      }
      Path wal = dir.resolve("store.db-wal");
      Path shm = dir.resolve("store.db-shm");
      assertTrue(Files.size(wal) > 0, "the WAL holds the writes while the store is open");
      assertTrue(Files.exists(shm));
      byte[] all = concat(Files.readAllBytes(file), Files.readAllBytes(wal), Files.readAllBytes(shm));
      assertTrue(contains(all, MARKER), "the scan must see plain text the store wrote");
      assertTrue(contains(all, sealedTokens.get(sealedTokens.size() - 1)), "the sealed value is stored");
      assertNoTokenPiece(all, clearTokens, "database + WAL + shared memory while open");
    }
    // After close the WAL is checkpointed into the database file.
    byte[] closed = Files.readAllBytes(file);
    for (String suffix : List.of("-wal", "-shm")) {
      Path p = dir.resolve("store.db" + suffix);
      if (Files.exists(p)) closed = concat(closed, Files.readAllBytes(p));
    }
    assertTrue(contains(closed, MARKER));
    assertNoTokenPiece(closed, clearTokens, "files after close");
  }

  private static String randomToken(SecureRandom random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return sb.toString();
  }

  private static void assertNoTokenPiece(byte[] haystack, List<String> tokens, String where) {
    Set<Long> pieces = new HashSet<>();
    for (String t : tokens) {
      byte[] b = t.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i + WINDOW <= b.length; i++) pieces.add(pack(b, i));
    }
    for (int i = 0; i + WINDOW <= haystack.length; i++) {
      if (pieces.contains(pack(haystack, i))) {
        throw new AssertionError("an 8-byte piece of a clear-text token appears in " + where + " at offset " + i);
      }
    }
    assertFalse(pieces.isEmpty());
  }

  private static long pack(byte[] b, int offset) {
    long v = 0;
    for (int i = 0; i < WINDOW; i++) v = (v << 8) | (b[offset + i] & 0xff);
    return v;
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) if (haystack[i + j] != n[j]) continue outer;
      return true;
    }
    return false;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
