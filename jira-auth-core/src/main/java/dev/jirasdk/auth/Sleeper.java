package dev.jirasdk.auth;

import java.time.Duration;

/**
 * Waits between retries. Tests plug in one that advances a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = duration -> {
    if (!duration.isNegative() && !duration.isZero()) Thread.sleep(duration.toMillis());
  };

  void sleep(Duration duration) throws InterruptedException;
}
