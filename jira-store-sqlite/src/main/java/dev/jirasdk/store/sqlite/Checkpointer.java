package dev.jirasdk.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log back into the database file on its own thread ({@code wal_checkpoint(PASSIVE)},
 * which never blocks readers or writers), so that a writer's {@code COMMIT} only appends to the log and the
 * store's single writer is not held up by checkpoints and their fsyncs. It runs after writes, at most every
 * {@link #PAUSE_MILLIS} ms. The pool's connections keep SQLite's own automatic checkpoint as a safety net,
 * with a larger threshold ({@link #FALLBACK_PAGES} pages), in case this thread falls behind.
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
  static final int FALLBACK_PAGES = 8_000;
  static final long PAUSE_MILLIS = 200;

  private final DataSource source;
  private final String description;
  private final Thread thread;
  private final Object lock = new Object();
  private boolean pending;
  private boolean closed;

  Checkpointer(DataSource source, String description) {
    this.source = source;
    this.description = description;
    this.thread = new Thread(this::run, "jira-store-sqlite:checkpointer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Notes that a transaction committed: a checkpoint will follow shortly. */
  void written() {
    synchronized (lock) {
      if (!pending) {
        pending = true;
        lock.notifyAll();
      }
    }
  }

  private void run() {
    Connection c = null;
    try {
      while (awaitWork()) {
        try {
          if (c == null) c = source.getConnection();
          try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
          }
        } catch (SQLException e) {
          // A busy or failed checkpoint is retried after the next write; SQLite's own still runs.
          log.debug("background checkpoint of {} failed: {}", description, Database.reason(e));
          close(c);
          c = null;
        }
        Thread.sleep(PAUSE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close(c);
    }
  }

  private boolean awaitWork() throws InterruptedException {
    synchronized (lock) {
      while (!pending && !closed) lock.wait();
      pending = false;
      return !closed;
    }
  }

  private static void close(Connection c) {
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException e) {
      // nothing to do: the connection is discarded
    }
  }

  /** Stops the thread and waits for a checkpoint in progress to finish. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
