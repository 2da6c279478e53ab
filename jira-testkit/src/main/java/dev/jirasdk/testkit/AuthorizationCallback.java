package dev.jirasdk.testkit;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the consent page sends the browser back to: the app's callback URL with either {@code code} and
 * {@code state}, or {@code error} (such as {@code access_denied}) and {@code state}. Made by
 * {@link FakeJiraCloud#completeAuthorization(String, String)}; hand {@link #code()} and {@link #state()} to the
 * code under test as its callback handler would receive them.
 *
 * <pre>{@code
 * AuthorizationCallback callback = fake.completeAuthorization(start.url());
 * Authorization done = oauth.completeAuthorization(callback.code(), callback.state(), sessionId);
 * }</pre>
 *
 * @param uri the full callback URL, as the browser would request it
 * @param code the authorization code, or null if consent failed
 * @param state the {@code state} of the authorize URL, unchanged, or null if it carried none
 * @param error the OAuth error code, or null if consent succeeded
 */
public record AuthorizationCallback(URI uri, @Nullable String code, @Nullable String state, @Nullable String error) {

  public AuthorizationCallback {
    Objects.requireNonNull(uri, "uri == null");
    if ((code == null) == (error == null)) {
      throw new IllegalArgumentException("a callback carries either a code or an error: " + redact(uri));
    }
  }

  /** Parses a callback URL (the redirect an authorize request ends with). */
  public static AuthorizationCallback parse(String callbackUrl) {
    Objects.requireNonNull(callbackUrl, "callbackUrl == null");
    URI uri = URI.create(callbackUrl);
    Map<String, List<String>> q = Exchange.parseQuery(uri.getRawQuery());
    return new AuthorizationCallback(uri, first(q, "code"), first(q, "state"), first(q, "error"));
  }

  /** True if the user consented: {@link #code()} is set. */
  public boolean succeeded() {
    return code != null;
  }

  /**
   * The code, for a callback known to have succeeded.
   *
   * @throws IllegalStateException naming the error if consent failed
   */
  public String requireCode() {
    if (code == null) {
      throw new IllegalStateException("consent failed with error=" + error + "; no code to exchange");
    }
    return code;
  }

  private static @Nullable String first(Map<String, List<String>> q, String name) {
    List<String> values = q.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String redact(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
  }

  /** The callback URL without its code. */
  @Override
  public String toString() {
    return "AuthorizationCallback[" + redact(uri) + (code != null ? ", code=<redacted>" : ", error=" + error)
        + ", state=" + (state == null ? "none" : "<present>") + "]";
  }
}
