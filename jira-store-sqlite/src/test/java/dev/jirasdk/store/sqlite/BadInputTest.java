package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jirasdk.auth.PendingAuthorization;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenCipherException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final String GRANT = "g_000000000000000000000001";

  @TempDir Path dir;

  @Test
  void aPathInAMissingDirectoryIsRefusedAndNothingIsCreated() {
    Path missing = dir.resolve("no-such-dir");
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(missing.resolve("store.db")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("no-such-dir"), e.getMessage());
    assertFalse(Files.exists(missing));
  }

  @Test
  void aPathUnderARegularFileIsRefused() throws Exception {
    Path notADir = Files.writeString(dir.resolve("plain.txt"), "x");
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(notADir.resolve("store.db")));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }

  @Test
  void aPathInADirectoryWithoutWritePermissionIsRefused() throws Exception {
    assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(readOnly), "permissions do not bind this user (root)");
      StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(readOnly.resolve("store.db")));
      assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aPathInADirectoryNobodyCanCreateFilesInIsRefused() {
    // Holds even for root: files cannot be created in procfs.
    Path proc = Path.of("/proc/self");
    assumeTrue(Files.isDirectory(proc), "needs Linux procfs");
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(proc.resolve("store.db")));
    assertTrue(e.getMessage().contains("not writable"), e.getMessage());
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedAndLeftUnchanged() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database\n".repeat(200));
    String before = DbFiles.sha256(file);
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(file));
    assertTrue(e.getMessage().contains("not a SQLite database"), e.getMessage());
    assertEquals(before, DbFiles.sha256(file));
    assertFalse(Files.exists(dir.resolve("notes.db-wal")));
  }

  @Test
  void aFileWithADamagedSchemaIsRefusedAsCorruptAndLeftUnchanged() throws Exception {
    Path file = dir.resolve("corrupt.db");
    SqliteStore.open(file).close();
    // Keep the 100-byte header, destroy the rest of page 1 (the root of the schema table).
    overwrite(file, 100, 3000, 1);
    String before = DbFiles.sha256(file);
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(file));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    assertEquals(before, DbFiles.sha256(file));
  }

  @Test
  void damageInDataPagesIsFoundAtOpenWhenTheIntegrityCheckIsOn() throws Exception {
    Path file = dir.resolve("damaged.db");
    try (SqliteStore store = SqliteStore.open(file)) {
      for (int i = 0; i < 300; i++) {
        store.save(new PendingAuthorization("state-hash-" + i, "b".repeat(64), "label " + i, T0, T0.plusSeconds(i),
            null));
      }
    }
    long size = Files.size(file);
    long pageSize = DbFiles.queryLong(file, "PRAGMA page_size");
    overwrite(file, size - 3 * pageSize, (int) (2 * pageSize), 7);
    String before = DbFiles.sha256(file);
    StoreException e = assertThrows(StoreException.class,
        () -> SqliteStore.builder().path(file).integrityCheckOnOpen(true).build());
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    assertEquals(before, DbFiles.sha256(file));
  }

  @Test
  void aWrongKeyIsRefusedNamingTheKeyIdAndNothingChanges() throws Exception {
    Path file = dir.resolve("keys.db");
    TokenCipher right = TokenCipher.of("k2026", TokenCipher.generateKey());
    try (SqliteStore store = SqliteStore.builder().path(file).cipher(right).build()) {
      store.compareAndSet(0, new StoredTokens(GRANT, 1, right.seal(GRANT, "access-token"),
          right.seal(GRANT, "refresh-token"), T0.plusSeconds(3600), T0, ""));
    }
    String before = DbFiles.sha256(file);

    TokenCipher sameIdOtherKey = TokenCipher.of("k2026", TokenCipher.generateKey());
    TokenCipherException wrongKey = assertThrows(TokenCipherException.class,
        () -> SqliteStore.builder().path(file).cipher(sameIdOtherKey).build());
    assertEquals("k2026", wrongKey.keyId());
    assertTrue(wrongKey.getMessage().contains("'k2026'"), wrongKey.getMessage());
    assertFalse(wrongKey.getMessage().contains("access-token"));

    TokenCipher otherId = TokenCipher.of("k2027", TokenCipher.generateKey());
    TokenCipherException unknownKey = assertThrows(TokenCipherException.class,
        () -> SqliteStore.builder().path(file).cipher(otherId).build());
    assertEquals("k2026", unknownKey.keyId());
    assertTrue(unknownKey.getMessage().contains("not configured"), unknownKey.getMessage());

    assertEquals(before, DbFiles.sha256(file));
    try (SqliteStore store = SqliteStore.open(file)) {
      assertEquals(1, store.load(GRANT).orElseThrow().version());
    }
  }

  @Test
  void rotatingTheKeyReSealsStoredTokensSoTheOldKeyCanBeDropped() throws Exception {
    Path file = dir.resolve("rotate.db");
    String oldKey = TokenCipher.generateKey();
    String newKey = TokenCipher.generateKey();
    TokenCipher old = TokenCipher.of("k2026", oldKey);
    try (SqliteStore store = SqliteStore.builder().path(file).cipher(old).build()) {
      store.compareAndSet(0, new StoredTokens(GRANT, 1, old.seal(GRANT, "access-token"),
          old.seal(GRANT, "refresh-token"), T0.plusSeconds(3600), T0, ""));
    }
    TokenCipher rotating = TokenCipher.builder().key("k2027", newKey).decryptOnlyKey("k2026", oldKey).build();
    try (SqliteStore store = SqliteStore.builder().path(file).cipher(rotating).build()) {
      assertEquals(1, store.resealTokens(rotating));
      assertEquals(0, store.resealTokens(rotating));
    }
    TokenCipher onlyNew = TokenCipher.of("k2027", newKey);
    try (SqliteStore store = SqliteStore.builder().path(file).cipher(onlyNew).build()) {
      StoredTokens t = store.load(GRANT).orElseThrow();
      assertEquals(2, t.version());
      assertEquals("refresh-token", onlyNew.open(GRANT, t.sealedRefreshToken()));
      assertEquals("access-token", onlyNew.open(GRANT, t.sealedAccessToken()));
    }
  }

  @Test
  void aWriteBlockedByAnotherProcessBeyondTheBusyTimeoutFailsClearlyAndLeaksNoToken() throws Exception {
    Path file = dir.resolve("locked.db");
    try (SqliteStore store = SqliteStore.builder().path(file).busyTimeout(java.time.Duration.ZERO).build();
        java.sql.Connection other = DbFiles.connect(file);
        java.sql.Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE"); // another process holds the write lock
      StoreException e = assertThrows(StoreException.class, () -> store.compareAndSet(0,
          new StoredTokens(GRANT, 1, "v1.k.sealed-access-value", "v1.k.sealed-refresh-value", T0, T0, "")));
      assertTrue(e.getMessage().contains("locked by another writer"), e.getMessage());
      assertTrue(e.getMessage().contains(GRANT), e.getMessage());
      assertTrue(e.getMessage().contains("locked.db"), e.getMessage());
      assertFalse(e.getMessage().contains("sealed-"), e.getMessage());
      assertTrue(store.load(GRANT).isEmpty(), "reads are not blocked by the writer");
      s.execute("ROLLBACK");
      assertTrue(store.compareAndSet(0,
          new StoredTokens(GRANT, 1, "v1.k.sealed-access-value", "v1.k.sealed-refresh-value", T0, T0, "")));
    }
  }

  @Test
  void theBuilderNeedsExactlyOneOfPathAndDataSource() {
    assertThrows(IllegalStateException.class, () -> SqliteStore.builder().build());
  }

  private static void overwrite(Path file, long offset, int length, long seed) throws Exception {
    byte[] garbage = new byte[length];
    new Random(seed).nextBytes(garbage);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      raf.write(garbage);
    }
    assertTrue(new String(Files.readAllBytes(file), 0, 15, StandardCharsets.US_ASCII).startsWith("SQLite format"));
  }
}
