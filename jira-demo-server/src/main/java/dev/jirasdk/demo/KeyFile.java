package dev.jirasdk.demo;

import dev.jirasdk.auth.TokenCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token encryption key: {@code TOKEN_ENCRYPTION_KEY} when configured, otherwise a key file next to the
 * database ({@code <db>.key}, owner read/write only), generated on first start.
 */
final class KeyFile {
  private static final Logger log = LoggerFactory.getLogger(KeyFile.class);
  static final String FILE_KEY_ID = "file";
  static final String ENV_KEY_ID = "env";

  private KeyFile() {}

  static Path pathFor(Path database) {
    return database.resolveSibling(database.getFileName() + ".key");
  }

  static TokenCipher cipher(Optional<String> configuredKey, Path database) {
    Path file = pathFor(database);
    if (configuredKey.isPresent()) {
      TokenCipher.Builder b = TokenCipher.builder().key(ENV_KEY_ID, configuredKey.get());
      // Tokens sealed before the key was configured still open.
      read(file).ifPresent(old -> b.decryptOnlyKey(FILE_KEY_ID, old));
      return b.build();
    }
    Optional<String> existing = read(file);
    if (existing.isPresent()) {
      log.info("token encryption key read from {}", file);
      return TokenCipher.of(FILE_KEY_ID, existing.get());
    }
    String key = TokenCipher.generateKey();
    write(file, key);
    log.info("no TOKEN_ENCRYPTION_KEY configured: generated one and stored it in {} (owner-only); "
        + "keep that file with the database", file);
    return TokenCipher.of(FILE_KEY_ID, key);
  }

  private static Optional<String> read(Path file) {
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      if (DataFiles.readableByOthers(file)) {
        log.warn("the token key file {} can be read by other users of this machine: whoever reads it can open "
            + "the stored tokens; make it owner-only (chmod 600 {})", file, file.getFileName());
      }
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      return key.isEmpty() ? Optional.empty() : Optional.of(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token key file " + file, e);
    }
  }

  private static void write(Path file, String key) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system
      }
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("the token key file " + file + " appeared while starting; start again");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the token key file " + file, e);
    }
  }
}
