package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database and its companions are owner-only; a key file others can read is reported at start. */
class DataFilesTest {
  @TempDir
  Path dir;

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void theDataDirectoryIs0700AndTheDatabaseWalAndShmAre0600() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path db = dir.resolve("nested").resolve("data").resolve("demo.db");
    try (SandboxFixture s = new SandboxFixture(dir, Map.of("DATABASE_PATH", db.toString()))) {
      HttpProbe http = new HttpProbe(s.base);
      http.get("/dashboard");
      String callback = SandboxFixture.accept((String) http.post("/auth/start").json().get("authUrl"));
      assertEquals(303, http.get(callback).code(), "a sign-in writes to the database");
      Path file = DemoStore.sandboxDatabase(db);
      assertEquals("rwx------", mode(db.getParent()));
      assertEquals("rwx------", mode(db.getParent().getParent()), "every directory it created");
      assertEquals("rw-------", mode(file));
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Path companion = file.resolveSibling(file.getFileName() + suffix);
        assertTrue(Files.exists(companion), companion + " exists while the store is open");
        assertEquals("rw-------", mode(companion), "SQLite gives " + suffix + " the database file's mode");
      }
    }
  }

  @Test
  void filesOfAnEarlierVersionThatOthersCouldReadAreNarrowedAndAReadableKeyFileIsReported() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path db = dir.resolve("demo.db");
    Files.createFile(db, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    Path key = KeyFile.pathFor(db);
    Files.writeString(key, dev.jirasdk.auth.TokenCipher.generateKey() + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try (DemoServer server = DemoServer.start(Config.from(Map.of("PORT", "0", "SANDBOX", "false",
        "JIRA_CLIENT_ID", "client", "JIRA_CLIENT_SECRET", "secret-value", "DATABASE_PATH", db.toString(),
        "TOKEN_REFRESH_INTERVAL", "off", "SYNC_INTERVAL", "off", "HEALTH_CHECK_INTERVAL", "off")),
        new SdkAssembly(), Clock.systemUTC())) {
      assertEquals(200, new HttpProbe(server.baseUrl()).get("/health").code());
    } finally {
      System.setErr(original);
    }
    assertEquals("rw-------", mode(db), "narrowed");
    String log = logs.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("can be read by other users") && log.contains(key.toString()), log);
  }
}
