package dev.jirasdk.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives stable ids, so that concurrent or repeated consents by the same account converge on one grant and
 * one connection per site without a lookup-then-insert race.
 */
public final class ConnectionIds {
  private ConnectionIds() {}

  /** The grant id of an Atlassian account's consent to the app {@code clientId}: {@code g_} + 24 hex. */
  public static String grantId(String clientId, String accountId) {
    return "g_" + hash(clientId + "\n" + accountId);
  }

  /** The connection id of a grant on a site: {@code c_} + 24 hex. */
  public static String of(String grantId, String cloudId) {
    return "c_" + hash(grantId + "\n" + cloudId);
  }

  /** True if {@code id} has the shape of a grant or connection id; lets servers answer 400 early. */
  public static boolean isWellFormed(String id) {
    return id != null && id.length() == 26 && (id.startsWith("g_") || id.startsWith("c_"))
        && id.substring(2).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  private static String hash(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
