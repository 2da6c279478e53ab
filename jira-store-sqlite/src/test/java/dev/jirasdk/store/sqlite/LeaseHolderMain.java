package dev.jirasdk.store.sqlite;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Test child process: takes a grant's refresh lease, says so on stdout, then waits for its stdin to close
 * (the parent kills it instead). Arguments: database path, grant id, holder, now, until.
 */
public final class LeaseHolderMain {
  private LeaseHolderMain() {}

  public static void main(String[] args) throws Exception {
    SqliteStore store = SqliteStore.open(Path.of(args[0]));
    boolean leased = store.tryAcquireRefreshLease(args[1], args[2], Instant.parse(args[3]), Instant.parse(args[4]));
    System.out.println(leased ? "LEASED" : "REFUSED");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    store.close();
  }
}
