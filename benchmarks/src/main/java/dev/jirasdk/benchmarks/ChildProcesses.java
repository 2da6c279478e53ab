package dev.jirasdk.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Helpers for benchmarks that start a child JVM. */
final class ChildProcesses {
  private ChildProcesses() {}

  /** The {@code java} launcher of the running JVM. */
  static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A port that was free on loopback a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Asks a child to stop (SIGTERM), then kills it if it does not within the grace period. */
  static void stop(Process process, long graceSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Deletes a directory tree, ignoring what cannot be deleted. */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a temp directory
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** The last {@code max} characters of a file, for error messages. */
  static String tail(Path file, int max) {
    try {
      String s = Files.readString(file);
      return s.length() <= max ? s : s.substring(s.length() - max);
    } catch (IOException e) {
      return "(no output)";
    }
  }
}
