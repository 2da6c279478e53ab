package dev.jirasdk.demo;

import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationCodeException;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.AuthorizationStateException;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.ConnectionIds;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.auth.Grant;
import dev.jirasdk.auth.JiraException;
import dev.jirasdk.auth.OAuthException;
import dev.jirasdk.auth.ReauthorizationRequiredException;
import dev.jirasdk.auth.TokenStatus;
import dev.jirasdk.demo.Router.Reply;
import dev.jirasdk.demo.SyncPort.RunView;
import dev.jirasdk.sync.Counts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON endpoints and the OAuth callback: HTTP in, SDK calls, JSON out. */
final class Api {
  private static final Logger log = LoggerFactory.getLogger(Api.class);
  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;
  static final int MAX_LABEL = 60;
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{0,600}");

  private final AuthPort auth;
  private final SyncPort sync;
  private final Background schedules;
  private final Clock clock;
  private final Map<String, Object> serverInfo;

  Api(AuthPort auth, SyncPort sync, Background schedules, Clock clock, Map<String, Object> serverInfo) {
    this.auth = auth;
    this.sync = sync;
    this.schedules = schedules;
    this.clock = clock;
    this.serverInfo = serverInfo;
  }

  void register(Router r) {
    r.add("POST", "/auth/start", ctx -> start(ctx, null));
    r.addWithBody("POST", "/auth/start-with-account", ctx -> start(ctx, label(ctx.jsonBody().get("label"))));
    r.add("GET", "/auth/callback", this::callback);
    r.add("GET", "/api/accounts", ctx -> Map.of("accounts", accountViews()));
    r.add("POST", "/api/accounts/{id}/set-primary", this::setPrimary);
    r.add("DELETE", "/api/accounts/{id}", this::deactivate);
    r.add("GET", "/api/current-account", ctx -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("account", auth.accounts().primaryConnection().map(this::account).orElse(null));
      return m;
    });
    r.add("GET", "/api/integrations", ctx -> Map.of("integrations", integrationViews()));
    r.add("GET", "/api/integrations/{id}/stats", ctx -> stats(connection(ctx)));
    r.add("GET", "/api/integrations/{id}/raw-data", this::rawData);
    r.add("POST", "/api/integrations/{id}/sync", ctx -> startSync(ctx, false));
    r.add("POST", "/api/integrations/{id}/comprehensive-sync", ctx -> startSync(ctx, true));
    r.add("GET", "/api/integrations/{id}/sync-runs", this::runs);
    r.add("GET", "/api/integrations/{id}/sync-runs/{runId}", this::run);
    r.add("GET", "/api/integrations/{id}/sync-progress", this::progress);
    r.add("POST", "/api/integrations/{id}/refresh-token", this::refreshToken);
    r.add("GET", "/api/server-info", ctx -> serverInfo());
  }

  // ---- auth

  private Object start(Ctx ctx, String label) {
    // Always a fresh session id: never adopt one the client picked (session fixation).
    AuthorizationRequest request = auth.start(ctx.freshBinding(), label);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("authUrl", request.url());
    m.put("stateExpiresAt", request.expiresAt());
    log.info("authorization started{}", label == null ? "" : " for a new account");
    return m;
  }

  private static String label(Object value) {
    if (value == null) return null;
    if (!(value instanceof String)) throw ApiError.badRequest("invalid_label", "label must be a string");
    String s = ((String) value).strip();
    if (s.isEmpty()) return null;
    if (s.length() > MAX_LABEL) {
      throw ApiError.badRequest("invalid_label", "label must be at most " + MAX_LABEL + " characters");
    }
    if (s.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest("invalid_label", "label must not contain control characters");
    }
    return s;
  }

  private Object callback(Ctx ctx) {
    ctx.responseHeader("Referrer-Policy", "no-referrer");
    String error = ctx.query("error");
    String code = ctx.query("code");
    String state = ctx.query("state");
    if (error != null) {
      boolean denied = "access_denied".equals(error);
      return callbackError(ctx, 400, denied ? "access_denied" : "authorization_failed",
          denied ? "Access was declined on the consent page, so nothing was connected."
              : "The authorization server reported an error, so nothing was connected.");
    }
    if (state == null || state.isBlank()) {
      return callbackError(ctx, 400, "missing_state", "The callback has no state parameter. Start again.");
    }
    if (code == null || code.isBlank()) {
      return callbackError(ctx, 400, "missing_code", "The callback has no authorization code. Start again.");
    }
    String binding = ctx.existingBinding();
    if (binding == null) {
      return callbackError(ctx, 400, "missing_session",
          "This browser has no session for this sign-in. Start again from the dashboard in the same browser.");
    }
    Authorization authorization;
    try {
      authorization = auth.complete(code, state, binding);
    } catch (AuthorizationStateException e) {
      log.info("callback rejected: state {}", e.reason());
      return callbackError(ctx, 400, "invalid_state", stateMessage(e.reason()));
    } catch (AuthorizationCodeException e) {
      log.info("callback rejected: the authorization code was refused ({})", e.error());
      return callbackError(ctx, 400, "invalid_code",
          "The authorization code was refused (expired or already used). Start again.");
    } catch (OAuthException e) {
      log.warn("callback failed: {}", e.getMessage());
      return callbackError(ctx, 502, "oauth_error", "Atlassian could not complete the sign-in. Try again.");
    } catch (JiraException e) {
      log.warn("callback failed: {}", e.getMessage());
      return callbackError(ctx, 502, "upstream_error", "Could not reach Atlassian to complete the sign-in.");
    }
    Grant grant = authorization.grant();
    log.info("authorized grant {} with {} site(s)", grant.id(), authorization.connections().size());
    if (ctx.wantsJson()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("grantId", grant.id());
      List<Object> accounts = new ArrayList<>();
      for (SiteConnection c : authorization.connections()) {
        accounts.add(account(auth.accounts().connection(c.id()).orElse(c)));
      }
      m.put("accounts", accounts);
      return m;
    }
    ctx.redirect("/dashboard?connected=" + authorization.connections().size());
    return null;
  }

  private static String stateMessage(AuthorizationStateException.Reason reason) {
    switch (reason) {
      case EXPIRED: return "This sign-in link expired. Start again from the dashboard.";
      case REPLAYED: return "This sign-in link was already used. Start again from the dashboard.";
      case WRONG_BINDING: return "This sign-in was started in another browser session. Start again here.";
      case MISSING: return "The callback has no state parameter. Start again.";
      default: return "This sign-in link is not known to the server. Start again from the dashboard.";
    }
  }

  private static Object callbackError(Ctx ctx, int status, String code, String message) {
    if (ctx.wantsJson()) return new Reply(status, new ApiError(status, code, message).body());
    ctx.html(status, Pages.message("Sign-in not completed", message, code));
    return null;
  }

  // ---- accounts

  private List<Object> accountViews() {
    List<Object> out = new ArrayList<>();
    for (SiteConnection c : auth.accounts().connections()) out.add(account(c));
    return out;
  }

  /**
   * Makes the account primary. The store checks the state again inside its transaction, so a deactivation that
   * lands between this check and the write is refused there and answered 409 like the check's own refusal.
   */
  private Object setPrimary(Ctx ctx) {
    SiteConnection c = connection(ctx);
    if (c.state() == ConnectionState.DEACTIVATED) {
      throw new ApiError(409, "account_deactivated", "a deactivated account cannot be primary; connect it again");
    }
    SiteConnection updated;
    try {
      updated = auth.accounts().setPrimary(c.id());
    } catch (IllegalArgumentException | IllegalStateException e) {
      SiteConnection now = auth.accounts().connection(c.id())
          .orElseThrow(() -> ApiError.notFound("unknown_account", "no account with id " + c.id()));
      if (now.state() == ConnectionState.DEACTIVATED) {
        throw new ApiError(409, "account_deactivated",
            "the account was deactivated while it was being made primary; connect it again first");
      }
      throw new ApiError(409, "conflict", "the account changed while it was being made primary; try again");
    }
    log.info("connection {} is now primary", c.id());
    return Map.of("account", account(updated));
  }

  /**
   * Deactivates the account, then stops its running sync (after the page in flight) so that nothing uses its
   * grant for it any more. A sync that starts meanwhile sees the deactivation and stops itself (see
   * {@link #startSync}).
   */
  private Object deactivate(Ctx ctx) {
    SiteConnection c = connection(ctx);
    SiteConnection updated;
    try {
      updated = c.state() == ConnectionState.DEACTIVATED ? c : auth.accounts().deactivate(c.id());
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("unknown_account", "no account with id " + c.id());
    }
    boolean stopped = sync.cancel(c.id());
    log.info("connection {} deactivated (its data is kept){}", c.id(), stopped ? "; its running sync was stopped" : "");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", account(updated));
    m.put("syncStopped", stopped);
    return m;
  }

  /** The connection named by the {@code id} path parameter: 400 when malformed, 404 when unknown. */
  private SiteConnection connection(Ctx ctx) {
    String id = ctx.param("id");
    if (!ConnectionIds.isWellFormed(id) || !id.startsWith("c_")) {
      throw ApiError.badRequest("invalid_id", "account ids look like c_ followed by 24 hex digits");
    }
    return auth.accounts().connection(id)
        .orElseThrow(() -> ApiError.notFound("unknown_account", "no account with id " + id));
  }

  Map<String, Object> account(SiteConnection c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("label", c.label());
    m.put("primary", c.primary());
    m.put("state", c.state());
    m.put("createdAt", c.createdAt());
    m.put("site", site(c));
    Optional<Grant> grant = auth.accounts().grant(c.grantId());
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("accountId", grant.map(Grant::accountId).orElse(null));
    user.put("displayName", grant.map(Grant::displayName).orElse(null));
    user.put("email", grant.map(Grant::email).orElse(null));
    m.put("user", user);
    m.put("grantId", c.grantId());
    m.put("token", token(c.grantId()));
    return m;
  }

  private static Map<String, Object> site(SiteConnection c) {
    Map<String, Object> site = new LinkedHashMap<>();
    site.put("cloudId", c.site().cloudId());
    site.put("name", c.site().name());
    site.put("url", c.site().url());
    site.put("avatarUrl", c.site().avatarUrl());
    return site;
  }

  private Map<String, Object> token(String grantId) {
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      Optional<TokenStatus> status = auth.tokenStatus(grantId);
      m.put("state", status.map(s -> (Object) s.state()).orElse("UNKNOWN"));
      m.put("expiresAt", status.map(TokenStatus::accessTokenExpiresAt).orElse(null));
      m.put("obtainedAt", status.map(TokenStatus::obtainedAt).orElse(null));
      m.put("hasRefreshToken", status.map(TokenStatus::hasRefreshToken).orElse(false));
      // the grant's refresh-token family ends 365 days after consent whatever keep-alive does: ask the user in time
      m.put("familyExpiresAt", status.map(TokenStatus::familyExpiresAt).orElse(null));
      m.put("reconsentDue", status.map(TokenStatus::reconsentDue).orElse(false));
    } catch (RuntimeException e) {
      log.warn("token status of grant {} unavailable: {}", grantId, e.toString());
      m.put("state", "UNKNOWN");
      m.put("expiresAt", null);
    }
    return m;
  }

  // ---- integrations

  private List<Object> integrationViews() {
    List<Object> out = new ArrayList<>();
    for (SiteConnection c : auth.accounts().connections()) {
      Map<String, Object> m = account(c);
      m.put("lastSync", sync.runs(c.id(), 1).stream().findFirst().map(this::runView).orElse(null));
      m.put("running", sync.running(c.id()).map(RunView::id).orElse(null));
      out.add(m);
    }
    return out;
  }

  private Object stats(SiteConnection c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("integrationId", c.id());
    m.put("state", c.state());
    m.put("site", site(c));
    Map<String, Long> stored = sync.counts(c.id());
    m.put("stored", stored);
    m.put("storedTotal", stored.values().stream().mapToLong(Long::longValue).sum());
    m.put("lastSync", sync.runs(c.id(), 5).stream().filter(RunView::finished).findFirst().map(this::runView)
        .orElse(null));
    m.put("running", sync.running(c.id()).map(this::runView).orElse(null));
    m.put("token", token(c.grantId()));
    m.put("generatedAt", clock.instant());
    return m;
  }

  private Object rawData(Ctx ctx) {
    SiteConnection c = connection(ctx);
    String table = ctx.query("table");
    List<String> tables = sync.tables();
    if (table == null || table.isEmpty()) {
      throw ApiError.badRequest("missing_table", "table is required; one of " + tables).with("tables", tables);
    }
    if (!tables.contains(table)) {
      throw ApiError.badRequest("invalid_table", "table must be one of " + tables).with("tables", tables);
    }
    int limit = number(ctx.query("limit"), "limit", DEFAULT_LIMIT);
    if (limit < 1) throw ApiError.badRequest("invalid_limit", "limit must be at least 1");
    limit = Math.min(limit, MAX_LIMIT);
    if (ctx.query("offset") != null) {
      throw ApiError.badRequest("invalid_offset",
          "offset paging was replaced by cursors: pass after=<the next value of the previous page>");
    }
    String after = ctx.query("after");
    if (after != null && !CURSOR.matcher(after).matches()) {
      throw ApiError.badRequest("invalid_cursor", "after must be the next value of a previous page");
    }
    SyncPort.RawPage page;
    try {
      page = sync.rows(c.id(), table, limit, after == null || after.isEmpty() ? null : after);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_cursor", "after must be the next value of a previous page");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", table);
    m.put("limit", limit);
    m.put("after", after);
    m.put("total", page.total());
    m.put("rows", page.rows());
    m.put("next", page.next());
    return m;
  }

  private static int number(String value, String name, int fallback) {
    if (value == null || value.isEmpty()) return fallback;
    if (!NUMBER.matcher(value).matches()) {
      throw ApiError.badRequest("invalid_" + name, name + " must be a non-negative whole number");
    }
    return Integer.parseInt(value);
  }

  private Object startSync(Ctx ctx, boolean full) {
    SiteConnection c = connection(ctx);
    if (c.state() == ConnectionState.DEACTIVATED) {
      throw new ApiError(409, "account_deactivated", "this account is deactivated; connect it again to sync");
    }
    if (c.state() == ConnectionState.REAUTH_REQUIRED) {
      throw new ApiError(409, "reauthorization_required", "this account must be authorized again before syncing");
    }
    RunView run;
    try {
      run = sync.start(c, full);
    } catch (SyncPort.SyncConflictException e) {
      throw new ApiError(409, "sync_running", "a sync is already running for this account")
          .with("runId", e.runId());
    }
    if (auth.accounts().connection(c.id()).map(SiteConnection::state).orElse(ConnectionState.DEACTIVATED)
        == ConnectionState.DEACTIVATED) {
      // Deactivated between the check above and the start: the deactivation may have found nothing to cancel.
      sync.cancel(c.id());
      throw new ApiError(409, "account_deactivated", "this account was deactivated; its sync was stopped");
    }
    log.info("{} sync {} started for connection {}", full ? "full" : "incremental", run.id(), c.id());
    return new Reply(202, runView(run));
  }

  private Object runs(Ctx ctx) {
    SiteConnection c = connection(ctx);
    int limit = Math.min(Math.max(number(ctx.query("limit"), "limit", 20), 1), MAX_LIMIT);
    List<Object> out = new ArrayList<>();
    for (RunView run : sync.runs(c.id(), limit)) out.add(runView(run));
    return Map.of("runs", out);
  }

  private Object run(Ctx ctx) {
    SiteConnection c = connection(ctx);
    String runId = ctx.param("runId");
    if (!RUN_ID.matcher(runId).matches()) throw ApiError.badRequest("invalid_run_id", "malformed run id");
    RunView run = sync.run(runId).filter(r -> r.connectionId().equals(c.id()))
        .orElseThrow(() -> ApiError.notFound("unknown_run", "no sync run " + runId + " for this account"));
    return runView(run);
  }

  private Object progress(Ctx ctx) {
    SiteConnection c = connection(ctx);
    Map<String, Object> m = new LinkedHashMap<>();
    Optional<RunView> running = sync.running(c.id());
    m.put("running", running.isPresent());
    m.put("run", running.or(() -> sync.runs(c.id(), 1).stream().findFirst()).map(this::runView).orElse(null));
    return m;
  }

  Map<String, Object> runView(RunView r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runId", r.id());
    m.put("integrationId", r.connectionId());
    m.put("mode", r.mode());
    m.put("status", r.status());
    m.put("startedAt", r.startedAt());
    m.put("finishedAt", r.finishedAt());
    Instant end = r.finishedAt() != null ? r.finishedAt() : clock.instant();
    boolean knownEnd = r.finishedAt() != null || !r.finished();
    m.put("durationMs", r.startedAt() == null || !knownEnd ? null
        : Math.max(0, end.toEpochMilli() - r.startedAt().toEpochMilli()));
    m.put("requests", r.requests());
    m.put("points", r.points());
    m.put("progress", r.progress());
    Counts total = SdkSyncPort.total(r.records());
    m.put("fetched", total.seen());
    m.put("changed", total.changed());
    m.put("totals", counts(total));
    Map<String, Object> records = new LinkedHashMap<>();
    r.records().forEach((entity, c) -> records.put(entity, counts(c)));
    m.put("records", records);
    m.put("errors", r.errors());
    m.put("notes", r.notes());
    List<Object> streams = new ArrayList<>();
    for (SyncPort.StreamView s : r.streams()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("name", s.name());
      sm.put("status", s.status());
      sm.put("done", s.done());
      sm.put("expected", s.expected() < 0 ? null : s.expected());
      streams.add(sm);
    }
    m.put("streams", streams);
    return m;
  }

  /** Records fetched from Jira, and what storing them did. */
  private static Map<String, Object> counts(Counts c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fetched", c.seen());
    m.put("created", c.created());
    m.put("updated", c.updated());
    m.put("unchanged", c.unchanged());
    m.put("deleted", c.deleted());
    return m;
  }

  private Object refreshToken(Ctx ctx) {
    SiteConnection c = connection(ctx);
    if (c.state() == ConnectionState.DEACTIVATED) {
      throw new ApiError(409, "account_deactivated",
          "this account is deactivated, so its grant is not used; connect it again to refresh its token");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("integrationId", c.id());
    try {
      TokenStatus status = auth.forceRefresh(c.grantId());
      m.put("requiresReauth", false);
      m.put("state", status.state());
      m.put("expiresAt", status.accessTokenExpiresAt());
      log.info("token of grant {} refreshed on request", c.grantId());
    } catch (ReauthorizationRequiredException e) {
      log.info("token of grant {} cannot be refreshed: the user must authorize again", c.grantId());
      m.put("requiresReauth", true);
      m.put("state", "REAUTH_REQUIRED");
      m.put("expiresAt", null);
    } catch (JiraException e) {
      log.warn("token refresh of grant {} failed: {}", c.grantId(), e.getMessage());
      throw new ApiError(502, "refresh_failed", "the token could not be refreshed right now; try again shortly");
    }
    return m;
  }

  // ---- server

  Map<String, Object> serverInfo() {
    Map<String, Object> m = new LinkedHashMap<>(serverInfo);
    m.put("schedules", schedules.views());
    m.put("tables", sync.tables());
    m.put("time", clock.instant());
    return m;
  }

  /** {@code /health}: 200 when the store answers, 503 when it does not. */
  Reply health(boolean details) {
    boolean storeUp;
    try {
      storeUp = sync.healthy();
    } catch (RuntimeException e) {
      storeUp = false;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", storeUp ? "ok" : "down");
    m.put("sandbox", serverInfo.get("sandbox"));
    m.put("store", Map.of("status", storeUp ? "up" : "down"));
    m.put("schedulers", Map.of("running", schedules.running(), "jobs", schedules.views()));
    if (details) {
      List<Object> connections = new ArrayList<>();
      if (storeUp) {
        try {
          for (SiteConnection c : auth.accounts().connections()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("id", c.id());
            cm.put("state", c.state());
            cm.put("token", token(c.grantId()));
            connections.add(cm);
          }
        } catch (RuntimeException e) {
          log.warn("health: accounts unavailable: {}", e.toString());
        }
      }
      m.put("connections", connections);
    }
    return new Reply(storeUp ? 200 : 503, m);
  }
}
