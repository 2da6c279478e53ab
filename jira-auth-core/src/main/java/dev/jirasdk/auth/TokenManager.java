package dev.jirasdk.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out valid access tokens, refreshing them ahead of expiry. One per {@link AtlassianOAuth}
 * ({@code oauth.tokens()}).
 *
 * <p>Atlassian rotates refresh tokens: each refresh disables the token it used, and reusing a disabled one
 * outside a short leeway revokes the whole grant. So for each grant this class allows exactly one refresh
 * at a time: threads of this process queue on a per-grant lock (grant A never waits for grant B), and
 * processes sharing a {@link TokenStore} take the store's refresh lease. Whoever waited re-reads the store
 * and uses the winner's token instead of refreshing again. The new pair is written with compare-and-set
 * before its access token is handed to anyone, and a failed refresh never deletes or nulls what is stored.
 *
 * <pre>{@code
 * String bearer = oauth.tokens().accessToken(grantId);   // refreshed if it expires within the skew
 * oauth.tokens().keepAlive(Duration.ofDays(30));         // from a scheduler: keeps idle grants alive
 * oauth.tokens().reconsentDue();                          // grants whose user must consent again soon
 * }</pre>
 *
 * <p>Refreshing keeps a grant alive only until its refresh-token family ends: Atlassian ends every family a fixed
 * time (365 days) after the consent that began it, refreshed or not. {@link TokenStatus#familyExpiresAt()} says
 * when; {@link TokenListener#reconsentDue} and {@link #reconsentDue()} say when to ask the user again.
 *
 * <p>Thread-safe.
 */
public final class TokenManager {
  private static final Logger log = LoggerFactory.getLogger(TokenManager.class);
  private static final int STORE_WRITE_ATTEMPTS = 3;

  private final TokenStore tokenStore;
  private final AccountStore accountStore;
  private final TokenCipher cipher;
  private final TokenEndpoint endpoint;
  private final TokenListener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration skew;
  private final Duration leaseDuration;
  private final Duration leasePollInterval;
  private final String holder;
  private final Duration familyLifetime;
  private final Duration reconsentWarning;
  private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

  TokenManager(TokenStore tokenStore, AccountStore accountStore, TokenCipher cipher, TokenEndpoint endpoint,
      TokenListener listener, Clock clock, Sleeper sleeper, Duration skew, Duration leaseDuration,
      Duration leasePollInterval, String holder, Duration familyLifetime, Duration reconsentWarning) {
    this.tokenStore = tokenStore;
    this.accountStore = accountStore;
    this.cipher = cipher;
    this.endpoint = endpoint;
    this.listener = listener;
    this.clock = clock;
    this.sleeper = sleeper;
    this.skew = skew;
    this.leaseDuration = leaseDuration;
    this.leasePollInterval = leasePollInterval;
    this.holder = holder;
    this.familyLifetime = familyLifetime;
    this.reconsentWarning = reconsentWarning;
  }

  /**
   * A decrypted access token, the store version it came from, and the start of its refresh-token family (null
   * without a refresh token: then there is no family to renew). Never printed.
   */
  private record Current(String accessToken, long version, Instant expiresAt, @Nullable Instant familyStartedAt) {
    @Override
    public String toString() {
      return "Current[version=" + version + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** Per-grant state. The lock is held across the refresh I/O, but only for this grant. */
  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    volatile Current current;
    volatile boolean reauthRequired;
    /** A refreshed pair whose store write failed; written before anything else happens to the grant. */
    volatile StoredTokens unsaved;
    long unsavedExpectedVersion;
    boolean warnedMissingRefreshToken;
    /** The family start {@link TokenListener#reconsentDue} was sent for: once per family in this process. */
    final AtomicReference<Instant> reconsentNoticeSentFor = new AtomicReference<>();
  }

  /**
   * A valid access token for the grant: the cached one while it is more than the skew from expiry,
   * otherwise a refreshed one.
   *
   * @throws ReauthorizationRequiredException if the grant needs the user to consent again (no network)
   */
  public String accessToken(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    Slot slot = slot(grantId);
    Current c = slot.current;
    if (c == null || slot.reauthRequired || slot.unsaved != null || !isFresh(c.expiresAt)) {
      c = obtain(grantId, slot, c == null ? -1 : c.version, false);
    }
    noticeFamily(grantId, slot, c.familyStartedAt);
    return c.accessToken;
  }

  /**
   * Refreshes now, whatever the expiry. Threads that call this together share one refresh.
   *
   * @return the status after the refresh
   */
  public TokenStatus forceRefresh(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    Slot slot = slot(grantId);
    long seen = slot.current == null ? currentVersion(grantId) : slot.current.version;
    Current c = obtain(grantId, slot, seen, true);
    noticeFamily(grantId, slot, c.familyStartedAt);
    return status(grantId).orElseThrow();
  }

  /**
   * For the 401 path: refresh only if {@code failedToken} is still the current token; otherwise another
   * thread already refreshed and the current token is returned.
   */
  String refreshAfterUnauthorized(String grantId, String failedToken) {
    Slot slot = slot(grantId);
    Current c = slot.current;
    if (c != null && !c.accessToken.equals(failedToken) && isFresh(c.expiresAt)) return c.accessToken;
    long seen = c == null ? -1 : c.version;
    c = obtain(grantId, slot, seen, true);
    noticeFamily(grantId, slot, c.familyStartedAt);
    return c.accessToken;
  }

  /** What is known about the grant's tokens, or empty if none are stored. Reads the store. */
  public Optional<TokenStatus> status(String grantId) {
    Optional<StoredTokens> stored = tokenStore.load(grantId);
    if (stored.isEmpty()) return Optional.empty();
    StoredTokens t = stored.get();
    GrantState state = slot(grantId).reauthRequired ? GrantState.REAUTH_REQUIRED
        : accountStore.grant(grantId).map(Grant::state).orElse(GrantState.ACTIVE);
    Instant familyExpiresAt = t.familyStartedAt().plus(familyLifetime);
    return Optional.of(new TokenStatus(grantId, state, t.accessTokenExpiresAt(), t.obtainedAt(),
        t.sealedRefreshToken() != null, t.familyStartedAt(), familyExpiresAt,
        t.sealedRefreshToken() != null && isReconsentDue(familyExpiresAt)));
  }

  /**
   * The active grants whose user should consent again soon: their refresh-token family ends within the
   * configured warning time ({@link AtlassianOAuth.Builder#reconsentWarning}), or has ended (Atlassian then
   * answers the next refresh with {@code invalid_grant}). Keep-alive refreshes cannot prevent that; a new
   * consent by the same account starts a new family. Reads the stores; sends no event.
   *
   * @return their status, soonest end first
   */
  public List<TokenStatus> reconsentDue() {
    List<TokenStatus> due = new ArrayList<>();
    for (Grant grant : accountStore.grants()) {
      if (grant.state() != GrantState.ACTIVE) continue;
      status(grant.id()).filter(TokenStatus::reconsentDue).ifPresent(due::add);
    }
    due.sort(java.util.Comparator.comparing(TokenStatus::familyExpiresAt).thenComparing(TokenStatus::grantId));
    return due;
  }

  /**
   * Refreshes every active grant whose refresh token has not been used for longer than {@code idle}
   * (Atlassian expires refresh tokens after 90 days without use). Failures are reported to the listener
   * and do not stop the pass. It cannot extend a refresh-token family beyond its fixed lifetime; a grant in use
   * whose family ends within the warning time gets its {@link TokenListener#reconsentDue} here if no call sent
   * it yet.
   *
   * @return the status of each grant refreshed
   */
  public List<TokenStatus> keepAlive(Duration idle) {
    Objects.requireNonNull(idle, "idle == null");
    Instant cutoff = clock.instant().minus(idle);
    List<TokenStatus> refreshed = new ArrayList<>();
    // A grant whose every connection the host deactivated is no longer in use: keeping it alive would go on
    // using it. (A grant with no connection at all keeps the old behaviour.)
    Set<String> connected = new HashSet<>();
    Set<String> inUse = new HashSet<>();
    for (SiteConnection c : accountStore.connections()) {
      connected.add(c.grantId());
      if (c.state() != ConnectionState.DEACTIVATED) inUse.add(c.grantId());
    }
    for (Grant grant : accountStore.grants()) {
      if (grant.state() != GrantState.ACTIVE) continue;
      if (connected.contains(grant.id()) && !inUse.contains(grant.id())) continue;
      Optional<StoredTokens> t = tokenStore.load(grant.id());
      if (t.isEmpty() || t.get().sealedRefreshToken() == null) continue;
      noticeFamily(grant.id(), slot(grant.id()), t.get().familyStartedAt());
      if (t.get().obtainedAt().isAfter(cutoff)) continue;
      try {
        refreshed.add(forceRefresh(grant.id()));
      } catch (JiraException e) {
        log.warn("keep-alive refresh of grant {} failed: {}", grant.id(), e.getMessage());
      }
    }
    return refreshed;
  }

  /**
   * Stores a pair from a code exchange; called by {@link AtlassianOAuth} after a consent. A consent begins a new
   * refresh-token family, even for a grant that had one: its start is when the exchange was sent.
   */
  void storeNewConsent(String grantId, TokenResponse tokens) {
    Slot slot = slot(grantId);
    slot.lock.lock();
    try {
      for (int i = 0; ; i++) {
        Optional<StoredTokens> stored = tokenStore.load(grantId);
        long version = stored.map(StoredTokens::version).orElse(0L);
        StoredTokens next = seal(grantId, version + 1, tokens, null, tokens.sentAt());
        if (tokenStore.compareAndSet(version, next)) {
          slot.unsaved = null;
          slot.reauthRequired = false;
          slot.current = new Current(tokens.accessToken(), next.version(), next.accessTokenExpiresAt(),
              familyOf(next));
          return;
        }
        if (i >= 10) throw new StoreException("could not store tokens of grant " + grantId + ": concurrent writers");
      }
    } finally {
      slot.lock.unlock();
    }
  }

  private Slot slot(String grantId) {
    return slots.computeIfAbsent(grantId, id -> new Slot());
  }

  private long currentVersion(String grantId) {
    return tokenStore.load(grantId).map(StoredTokens::version).orElse(0L);
  }

  private boolean isFresh(Instant expiresAt) {
    return clock.instant().isBefore(expiresAt.minus(skew));
  }

  private boolean isReconsentDue(Instant familyExpiresAt) {
    return !clock.instant().isBefore(familyExpiresAt.minus(reconsentWarning));
  }

  private static @Nullable Instant familyOf(StoredTokens t) {
    return t.sealedRefreshToken() == null ? null : t.familyStartedAt();
  }

  /** Sends {@link TokenListener#reconsentDue} once per family in this process, when it is due. */
  private void noticeFamily(String grantId, Slot slot, @Nullable Instant familyStartedAt) {
    if (familyStartedAt == null) return;
    Instant familyExpiresAt = familyStartedAt.plus(familyLifetime);
    if (!isReconsentDue(familyExpiresAt)) return;
    Instant sentFor = slot.reconsentNoticeSentFor.get();
    if (familyStartedAt.equals(sentFor) || !slot.reconsentNoticeSentFor.compareAndSet(sentFor, familyStartedAt)) {
      return;
    }
    log.info("grant {}: its refresh-token family ends at {}; the user must consent again before then", grantId,
        familyExpiresAt);
    try {
      listener.reconsentDue(grantId, familyExpiresAt);
    } catch (RuntimeException e) {
      // The host's listener must not break the call that happened to notice the date.
      log.warn("the listener failed on reconsentDue for grant {}: {}", grantId, e.toString());
    }
  }

  /**
   * The single-flight core. {@code seenVersion} is the version the caller found stale (or -1); with
   * {@code force}, any version other than it counts as someone else's completed refresh.
   */
  private Current obtain(String grantId, Slot slot, long seenVersion, boolean force) {
    slot.lock.lock();
    try {
      if (slot.reauthRequired) throw reauthRequired(grantId, null, null);
      writeUnsaved(grantId, slot);
      Current c = slot.current;
      if (c != null && isFresh(c.expiresAt) && (!force || c.version != seenVersion)) return c;

      StoredTokens stored = load(grantId);
      if (accountStore.grant(grantId).map(Grant::state).orElse(GrantState.ACTIVE) == GrantState.REAUTH_REQUIRED) {
        slot.reauthRequired = true;
        throw reauthRequired(grantId, null, null);
      }
      Current fromStore = usable(grantId, stored, slot, seenVersion, force);
      if (fromStore != null) return fromStore;
      return refreshUnderLease(grantId, slot, stored, seenVersion, force);
    } finally {
      slot.lock.unlock();
    }
  }

  /** The stored pair, if it is someone else's fresh result; caches it. */
  private Current usable(String grantId, StoredTokens stored, Slot slot, long seenVersion, boolean force) {
    if (!isFresh(stored.accessTokenExpiresAt())) return null;
    if (force && stored.version() == seenVersion) return null;
    Current c = new Current(cipher.open(grantId, stored.sealedAccessToken()), stored.version(),
        stored.accessTokenExpiresAt(), familyOf(stored));
    slot.current = c;
    return c;
  }

  private Current refreshUnderLease(String grantId, Slot slot, StoredTokens stored, long seenVersion,
      boolean force) {
    Instant waitUntil = clock.instant().plus(leaseDuration.multipliedBy(3));
    while (!tokenStore.tryAcquireRefreshLease(grantId, holder, clock.instant(), clock.instant().plus(leaseDuration))) {
      // Another process is refreshing this grant. Wait for its result rather than racing it.
      if (clock.instant().isAfter(waitUntil)) {
        throw new StoreException("grant " + grantId + ": the refresh lease stayed taken for "
            + leaseDuration.multipliedBy(3).toSeconds() + " s");
      }
      pause(grantId);
      StoredTokens now = load(grantId);
      if (now.version() != stored.version()) {
        Current c = usable(grantId, now, slot, seenVersion, false);
        if (c != null) return c;
        stored = now;
      }
    }
    try {
      StoredTokens latest = load(grantId);
      if (latest.version() != stored.version()) {
        Current c = usable(grantId, latest, slot, seenVersion, force);
        if (c != null) return c;
      }
      return refresh(grantId, slot, latest, true);
    } finally {
      try {
        tokenStore.releaseRefreshLease(grantId, holder);
      } catch (RuntimeException e) {
        log.warn("could not release the refresh lease of grant {}; it expires by itself: {}", grantId, e.toString());
      }
    }
  }

  private Current refresh(String grantId, Slot slot, StoredTokens stored, boolean mayRetryWithNewer) {
    if (stored.sealedRefreshToken() == null) {
      slot.reauthRequired = true;
      markReauth(grantId, "no refresh token (the grant was made without offline_access)");
      throw reauthRequired(grantId, null, "no refresh token stored; request the offline_access scope");
    }
    String refreshToken = cipher.open(grantId, stored.sealedRefreshToken());
    TokenResponse fresh;
    try {
      fresh = endpoint.refresh(grantId, refreshToken);
    } catch (TokenEndpoint.TerminalRefreshError e) {
      // Did another writer rotate meanwhile? Then our token was simply stale: use theirs.
      StoredTokens latest = load(grantId);
      if (latest.version() != stored.version() && mayRetryWithNewer) {
        log.info("refresh token of grant {} was rotated by another writer; using the newer one", grantId);
        Current c = usable(grantId, latest, slot, stored.version(), false);
        return c != null ? c : refresh(grantId, slot, latest, false);
      }
      slot.reauthRequired = true;
      markReauth(grantId, e.error);
      throw reauthRequired(grantId, e, e.error);
    }
    if (fresh.refreshToken() == null && !slot.warnedMissingRefreshToken) {
      slot.warnedMissingRefreshToken = true;
      log.warn("refresh answer for grant {} carried no refresh_token; keeping the previous one", grantId);
    }
    // A refresh continues the family: its start is carried forward, never reset.
    StoredTokens next = seal(grantId, stored.version() + 1, fresh, stored.sealedRefreshToken(),
        stored.familyStartedAt());
    return write(grantId, slot, stored.version(), next, fresh.accessToken());
  }

  /** Writes a refreshed pair; on failure keeps it and retries, so a rotated token is never lost. */
  private Current write(String grantId, Slot slot, long expectedVersion, StoredTokens next, String accessToken) {
    RuntimeException lastFailure = null;
    for (int attempt = 1; attempt <= STORE_WRITE_ATTEMPTS; attempt++) {
      try {
        if (tokenStore.compareAndSet(expectedVersion, next)) {
          slot.unsaved = null;
          Current c = new Current(accessToken, next.version(), next.accessTokenExpiresAt(), familyOf(next));
          slot.current = c;
          log.info("refreshed grant {}; access token expires at {}", grantId, next.accessTokenExpiresAt());
          listener.refreshed(grantId, next.accessTokenExpiresAt());
          return c;
        }
        // Someone wrote despite our lease (it expired under us). Theirs is as new as ours: use theirs.
        StoredTokens latest = load(grantId);
        log.warn("grant {}: another writer stored version {} during our refresh; using it", grantId, latest.version());
        Current c = usable(grantId, latest, slot, -1, false);
        if (c != null) return c;
        expectedVersion = latest.version();
        next = new StoredTokens(grantId, latest.version() + 1, next.sealedAccessToken(), next.sealedRefreshToken(),
            next.accessTokenExpiresAt(), next.obtainedAt(), next.scope(), next.familyStartedAt());
      } catch (RuntimeException e) {
        lastFailure = e;
        listener.storeWriteFailed(grantId, e.getClass().getSimpleName() + ": " + e.getMessage());
        log.warn("grant {}: storing the refreshed pair failed (attempt {} of {}): {}", grantId, attempt,
            STORE_WRITE_ATTEMPTS, e.toString());
        if (attempt < STORE_WRITE_ATTEMPTS) pause(grantId);
      }
    }
    slot.unsaved = next;
    slot.unsavedExpectedVersion = expectedVersion;
    throw new StoreException("grant " + grantId + ": the refreshed tokens could not be stored; they are kept in "
        + "memory and written before the next use", lastFailure);
  }

  /** A previously unsaved pair goes to the store first: it holds the only live refresh token. */
  private void writeUnsaved(String grantId, Slot slot) {
    StoredTokens pending = slot.unsaved;
    if (pending == null) return;
    try {
      if (tokenStore.compareAndSet(slot.unsavedExpectedVersion, pending)) {
        log.info("grant {}: stored the refreshed pair that an earlier write failed to store", grantId);
        listener.refreshed(grantId, pending.accessTokenExpiresAt());
      } else {
        log.warn("grant {}: a newer pair was stored meanwhile; dropping the unsaved one", grantId);
      }
      slot.unsaved = null;
      slot.current = null;
    } catch (RuntimeException e) {
      listener.storeWriteFailed(grantId, e.getClass().getSimpleName() + ": " + e.getMessage());
      throw new StoreException("grant " + grantId + ": the store still rejects the refreshed tokens", e);
    }
  }

  private StoredTokens seal(String grantId, long version, TokenResponse t, String previousSealedRefresh,
      Instant familyStartedAt) {
    String sealedRefresh = t.refreshToken() != null ? cipher.seal(grantId, t.refreshToken()) : previousSealedRefresh;
    return new StoredTokens(grantId, version, cipher.seal(grantId, t.accessToken()), sealedRefresh, t.expiresAt(),
        t.sentAt(), t.scope(), familyStartedAt);
  }

  private StoredTokens load(String grantId) {
    return tokenStore.load(grantId).orElseThrow(() -> new JiraException(
        "no tokens stored for grant " + grantId + ": complete an authorization first"));
  }

  private void markReauth(String grantId, String error) {
    log.warn("grant {} needs the user to authorize again ({})", grantId, error);
    try {
      accountStore.setGrantState(grantId, GrantState.REAUTH_REQUIRED, clock.instant());
    } catch (RuntimeException e) {
      log.warn("could not record that grant {} needs re-authorization: {}", grantId, e.toString());
    }
    listener.reauthorizationRequired(grantId, error);
  }

  private static ReauthorizationRequiredException reauthRequired(String grantId, TokenEndpoint.TerminalRefreshError e,
      String error) {
    return e == null
        ? new ReauthorizationRequiredException(grantId, 0, error, null)
        : new ReauthorizationRequiredException(grantId, e.status, e.error, e.description);
  }

  private void pause(String grantId) {
    try {
      sleeper.sleep(leasePollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JiraException("interrupted while waiting to refresh grant " + grantId, e);
    }
  }
}
