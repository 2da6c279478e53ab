package dev.jirasdk.store.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a second JVM on this test's classpath running a test main, and reads what it prints line by line. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;

  private ChildJvm(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildJvm start(Class<?> main, Path errorLog, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectError(errorLog.toFile());
    return new ChildJvm(pb.start());
  }

  /** The next line the child printed, or null when it exited. */
  String readLine() throws IOException {
    return out.readLine();
  }

  /** The lines the child has printed that can be read without waiting. */
  List<String> readyLines() throws IOException {
    List<String> lines = new ArrayList<>();
    while (out.ready()) {
      String line = out.readLine();
      if (line == null) break;
      lines.add(line);
    }
    return lines;
  }

  /** Sends a line to the child's standard input. */
  void send(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** SIGKILL: no shutdown hook, no finally block, no close runs in the child. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("child JVM did not die");
  }

  int waitForExit() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM did not finish");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (!process.isAlive()) return;
    process.destroyForcibly();
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
