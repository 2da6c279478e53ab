package dev.jirasdk.demo;

import java.util.List;
import java.util.Map;

/** The server's periodic work as the dashboard and {@code /health} see it. */
interface Background extends AutoCloseable {
  void start();

  boolean running();

  /** One map per job: name, description, enabled, interval, lastRunAt, nextRunAt, lastOutcome, lastFailed. */
  List<Map<String, Object>> views();

  @Override
  void close();
}
