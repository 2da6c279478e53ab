package dev.jirasdk.micrometer;

import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncListener;
import dev.jirasdk.sync.SyncRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Micrometer meters for the sync engine: rows written per entity and change, run durations by mode and status,
 * and the points a {@link RateGovernor} counted. Needs {@code jira-sync-core} on the classpath (an optional
 * dependency of this module).
 *
 * <pre>{@code
 * SyncMetrics metrics = SyncMetrics.create(registry);
 * metrics.bind(governor);
 * JiraSync sync = JiraSync.builder()
 *     // …
 *     .rateGovernor(governor)
 *     .listener(metrics.listener(myListener))   // or metrics.listener() alone
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code jira.sync.rows}</td><td>counter</td><td>{@code entity}, {@code change} ({@code created},
 *       {@code updated}, {@code deleted})</td></tr>
 *   <tr><td>{@code jira.sync.runs}</td><td>timer</td><td>{@code mode}, {@code status}</td></tr>
 *   <tr><td>{@code jira.ratelimit.points.used}</td><td>function counter</td><td>—</td></tr>
 *   <tr><td>{@code jira.ratelimit.throttled}</td><td>function counter</td><td>—</td></tr>
 * </table>
 *
 * Thread-safe.
 */
public final class SyncMetrics {
  private final MeterRegistry registry;
  private final Tags common;

  private SyncMetrics(MeterRegistry registry, Tags common) {
    this.registry = registry;
    this.common = common;
  }

  public static SyncMetrics create(MeterRegistry registry) {
    return create(registry, Tags.empty());
  }

  /** With tags added to every meter. */
  public static SyncMetrics create(MeterRegistry registry, Tags tags) {
    return new SyncMetrics(Objects.requireNonNull(registry, "registry == null"), Objects.requireNonNull(tags, "tags == null"));
  }

  /** For {@link dev.jirasdk.sync.JiraSync.Builder#listener}. */
  public SyncListener listener() {
    return listener(SyncListener.NONE);
  }

  /** Counts sync events, then passes each to {@code delegate} (the host's own listener). */
  public SyncListener listener(SyncListener delegate) {
    Objects.requireNonNull(delegate, "delegate == null");
    return event -> {
      record(event);
      delegate.onEvent(event);
    };
  }

  /**
   * Reports the governor's counts: {@code jira.ratelimit.points.used} (1 a request plus 1 an item, as the
   * governor counts them) and {@code jira.ratelimit.throttled} (429s it saw). The registry holds the governor
   * weakly.
   */
  public SyncMetrics bind(RateGovernor governor) {
    Objects.requireNonNull(governor, "governor == null");
    FunctionCounter.builder("jira.ratelimit.points.used", governor, RateGovernor::pointsSpent)
        .description("Points spent, as the rate governor counts them").tags(common).register(registry);
    FunctionCounter.builder("jira.ratelimit.throttled", governor, RateGovernor::throttledResponses)
        .description("429 answers the rate governor saw").tags(common).register(registry);
    return this;
  }

  private void record(SyncEvent event) {
    if (event instanceof SyncEvent.PageCommitted page) {
      for (Map.Entry<Entity, Counts> e : page.result().byEntity().entrySet()) {
        rows(e.getKey(), "created", e.getValue().created());
        rows(e.getKey(), "updated", e.getValue().updated());
        rows(e.getKey(), "deleted", e.getValue().deleted());
      }
    } else if (event instanceof SyncEvent.RunFinished finished) {
      run(finished.run());
    } else if (event instanceof SyncEvent.RunFailed failed) {
      run(failed.run());
    }
  }

  private void rows(Entity entity, String change, long n) {
    if (n == 0) return;
    Counter.builder("jira.sync.rows").description("Rows a sync wrote to the store")
        .tags(common).tags("entity", entity.streamName(), "change", change).register(registry).increment(n);
  }

  private void run(SyncRun run) {
    Timer.builder("jira.sync.runs").description("Sync runs by mode and final status")
        .tags(common).tags("mode", run.mode().name().toLowerCase(Locale.ROOT),
            "status", run.status().name().toLowerCase(Locale.ROOT))
        .register(registry).record(run.duration());
  }

  @Override
  public String toString() {
    return "SyncMetrics[" + registry.getClass().getSimpleName() + common + "]";
  }
}
