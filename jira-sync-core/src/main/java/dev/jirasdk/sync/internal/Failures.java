package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.ApiTokenException;
import dev.jirasdk.auth.JiraApiException;
import dev.jirasdk.auth.JiraPermissionException;
import dev.jirasdk.auth.JiraRateLimitException;
import dev.jirasdk.auth.JiraTransportException;
import dev.jirasdk.auth.OAuthException;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.UnexpectedResponseException;
import dev.jirasdk.sync.PaginationException;
import dev.jirasdk.sync.SyncError;
import dev.jirasdk.sync.SyncError.Kind;
import java.time.Instant;
import java.util.List;

/** What a failure means for a run: the one place an exception becomes a {@link SyncError}. */
final class Failures {
  private Failures() {}

  static SyncError classify(String stream, String partition, Throwable e, Instant at) {
    Kind kind;
    String endpoint = null;
    int status = 0;
    List<String> messages;
    if (e instanceof OAuthException || e instanceof ApiTokenException) {
      kind = Kind.AUTH;
      messages = List.of(String.valueOf(e.getMessage()));
    } else if (e instanceof JiraApiException a) {
      kind = a instanceof JiraPermissionException ? Kind.PERMISSION
          : a instanceof JiraRateLimitException ? Kind.RATE_LIMIT : a.status() == 401 ? Kind.AUTH : Kind.API;
      endpoint = a.endpoint();
      status = a.status();
      messages = a.errorMessages().isEmpty() ? List.of(a.getMessage()) : a.errorMessages();
      if (a instanceof JiraPermissionException p && !p.scopesNeeded().isEmpty()) {
        messages = new java.util.ArrayList<>(messages);
        messages.add("the endpoint needs the OAuth scope " + String.join(" ", new java.util.TreeSet<>(p.scopesNeeded()))
            + "; the grant holds " + (p.scopesHeld().isEmpty() ? "(not recorded)"
                : String.join(" ", new java.util.TreeSet<>(p.scopesHeld()))));
      }
    } else if (e instanceof JiraTransportException t) {
      kind = Kind.TRANSPORT;
      endpoint = t.endpoint();
      messages = List.of(String.valueOf(e.getMessage()));
    } else if (e instanceof UnexpectedResponseException u) {
      kind = Kind.RESPONSE;
      endpoint = u.endpoint();
      status = u.status();
      messages = List.of(String.valueOf(e.getMessage()));
    } else if (e instanceof PaginationException p) {
      kind = Kind.PAGINATION;
      endpoint = p.endpoint();
      messages = List.of(String.valueOf(e.getMessage()));
    } else if (e instanceof StoreException || e instanceof dev.jirasdk.sync.ClaimLostException) {
      kind = Kind.STORE;
      messages = List.of(String.valueOf(e.getMessage()));
    } else {
      kind = Kind.INTERNAL;
      messages = List.of(String.valueOf(e));
    }
    return new SyncError(stream, partition, kind, endpoint, status, messages, e.getClass().getName(), at);
  }
}
