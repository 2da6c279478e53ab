package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.Sleeper;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.ClaimLostException;
import dev.jirasdk.sync.SyncClaim;
import dev.jirasdk.sync.SyncClaims;
import dev.jirasdk.sync.SyncError;
import dev.jirasdk.sync.SyncPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The issue partitions of one run shared by several instances: a partition (connection × project) is synced only
 * under its own claim ({@link SyncClaim#partitionKey}), its pages are committed fenced by that claim, and its end
 * is marked by a fenced commit of the checkpoint {@value #DONE_STREAM} naming the run. The instance that holds the
 * run's claim waits for partitions others hold (or takes them over once their claim expired); an assisting
 * instance skips them.
 */
public final class Partitions {
  /** The checkpoint stream that marks a partition finished by a run: {@code {"run": "<runId>"}}. */
  static final String DONE_STREAM = "issues.partition-done";

  private final RunContext ctx;
  private final Sharing sharing;
  private final Map<String, RunClaim> held = new ConcurrentHashMap<>();

  /**
   * How a run shares its partitions.
   *
   * @param claims the store's claims
   * @param holder this instance
   * @param ttl lease of a partition claim
   * @param sleeper how the coordinator waits for partitions other instances hold
   * @param poll how long it waits between two looks
   */
  public record Sharing(SyncClaims claims, String holder, Duration ttl, Sleeper sleeper, Duration poll) {
    public Sharing {
      Objects.requireNonNull(claims, "claims == null");
      Objects.requireNonNull(holder, "holder == null");
      Objects.requireNonNull(ttl, "ttl == null");
      Objects.requireNonNull(sleeper, "sleeper == null");
      Objects.requireNonNull(poll, "poll == null");
    }
  }

  /** A page of a partition was refused: another instance took the partition over. */
  static final class Lost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Lost(ClaimLostException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  Partitions(RunContext ctx, Sharing sharing) {
    this.ctx = ctx;
    this.sharing = sharing;
  }

  /** The claim this instance holds on a partition right now, or null. */
  RunClaim heldFor(String partition) {
    return held.get(partition);
  }

  /** Renews every partition claim held (a lost one stays lost: its next page is refused). */
  void heartbeat() {
    for (RunClaim c : held.values()) c.heartbeat();
  }

  /**
   * Syncs one partition under its claim. When another instance holds it live, the coordinator ({@code wait})
   * waits until that instance marked it done or its claim expired (then takes it over, resuming from the
   * partition's last committed checkpoint); an assistant skips it.
   *
   * @return whether this instance synced it
   */
  boolean run(String partition, Runnable body, boolean wait) {
    String key = SyncClaim.partitionKey(ctx.conn, partition);
    Clock clock = ctx.settings.clock();
    while (true) {
      ctx.checkCancelled();
      if (wait) checkRunClaim();
      if (done(partition)) return false;
      if (!wait && !runLive()) return false;
      Instant now = clock.instant();
      Optional<SyncClaim> granted = sharing.claims().tryClaim(key, sharing.holder(), ctx.runId, now,
          now.plus(sharing.ttl()));
      if (granted.isPresent()) {
        RunClaim c = new RunClaim(sharing.claims(), granted.get(), clock, sharing.ttl());
        held.put(partition, c);
        try {
          // Finished by another instance between the look and the claim.
          if (done(partition)) return false;
          body.run();
          Map<String, Object> v = Map.of("run", ctx.runId, "by", sharing.holder());
          c.commit(ctx.conn, new SyncPage(List.of(), List.of(), ctx.checkpoint(DONE_STREAM, partition, v)));
          return true;
        } catch (Lost | ClaimLostException e) {
          if (!wait) {
            ctx.addError(new SyncError(IssueStreams.ISSUES, partition, SyncError.Kind.STORE, null, 0,
                List.of(String.valueOf(e.getMessage()), "the partition stopped; the instance that took it over "
                    + "goes on from its last committed page"), e.getClass().getName(), ctx.now()), null);
            return false;
          }
          // The coordinator stalled and lost it: whoever took it over finishes it; wait for that.
        } finally {
          held.remove(partition);
          try {
            c.release();
          } catch (RuntimeException e) {
            // The lease expires on its own.
          }
        }
      }
      if (!wait) return false;
      try {
        sharing.sleeper().sleep(sharing.poll());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ctx.checkCancelled();
      }
    }
  }

  /**
   * The coordinator renews its run's claim before it takes a partition: one that stalled and lost the run to
   * another instance stops here instead of taking partitions for a run that is no longer its.
   */
  private void checkRunClaim() {
    RunClaim run = ctx.claim();
    // Not due means renewed less than a third of the lease ago: nobody can have taken it over since.
    if (run != null && !run.renewIfDue()) {
      ctx.claimLost(ClaimLostException.of(run.claim(), "another instance took the run over"));
      throw new RunContext.Cancelled();
    }
  }

  /** Whether this run's partition was finished (by any instance). */
  private boolean done(String partition) {
    Optional<Checkpoint> cp = ctx.store.checkpoint(ctx.conn, DONE_STREAM, partition);
    if (cp.isEmpty()) return false;
    Object v = Mapper.decode(cp.get().value());
    Map<String, Object> m = Json.obj(v);
    return m != null && ctx.runId.equals(m.get("run"));
  }

  /** Whether the run this instance assists still holds its connection's claim. */
  private boolean runLive() {
    return sharing.claims().current(SyncClaim.runKey(ctx.conn), ctx.now())
        .map(c -> c.runId().equals(ctx.runId)).orElse(false);
  }
}
