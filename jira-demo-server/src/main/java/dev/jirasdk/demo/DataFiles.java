package dev.jirasdk.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's files are for the owner only: the mirrored data holds e-mail addresses. Directories this
 * server creates are {@code 0700}; the database is created {@code 0600} before SQLite opens it, and SQLite
 * gives its {@code -wal} and {@code -shm} the database file's permissions. Files of an earlier version that
 * others could read are narrowed to {@code 0600}. On file systems without POSIX permissions nothing is changed.
 */
final class DataFiles {
  private static final Logger log = LoggerFactory.getLogger(DataFiles.class);
  static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private DataFiles() {}

  /** Creates the database's directory (0700) and file (0600) when missing, and narrows existing files. */
  static void prepare(Path database) {
    Path file = database.toAbsolutePath();
    try {
      createDirectories(file.getParent());
      if (!posix(file.getParent())) return;
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        Files.setPosixFilePermissions(file, OWNER_FILE); // the umask may have taken bits away, never added
      } catch (FileAlreadyExistsException e) {
        // an existing database: narrowed below
      }
      for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
        Path f = file.resolveSibling(file.getFileName() + suffix);
        if (Files.isRegularFile(f) && readableByOthers(f)) {
          Files.setPosixFilePermissions(f, OWNER_FILE);
          log.info("{} could be read by other users; made it owner-only (0600)", f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the database file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether group or others may read or write the file (false where permissions are not POSIX). */
  static boolean readableByOthers(Path file) throws IOException {
    if (!posix(file)) return false;
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    return perms.stream().anyMatch(OTHERS::contains);
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the missing directories 0700; existing ones are left as they are. */
  private static void createDirectories(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) return;
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) missing.add(0, p);
    for (Path p : missing) {
      try {
        if (posix(p.getParent() == null ? p : p.getParent())) {
          Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_DIR));
          Files.setPosixFilePermissions(p, OWNER_DIR);
        } else {
          Files.createDirectory(p);
        }
      } catch (FileAlreadyExistsException e) {
        // created meanwhile
      }
    }
  }
}
