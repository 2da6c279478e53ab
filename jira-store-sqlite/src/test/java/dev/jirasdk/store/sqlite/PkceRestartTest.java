package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.testkit.AuthorizationCallback;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PKCE flow started by one process completes in the next one after a restart: its verifier waits in the SQLite
 * file, sealed, and FakeJiraCloud checks it against the challenge at the code exchange.
 */
class PkceRestartTest {
  @TempDir Path dir;

  private static AtlassianOAuth oauth(FakeJiraCloud fake, SqliteStore store, TokenCipher cipher, boolean pkce) {
    return AtlassianOAuth.builder().clientId(fake.clientId()).clientSecret(fake.clientSecret())
        .redirectUri(fake.redirectUri()).scopes("read:jira-work", "read:jira-user").authBaseUrl(fake.authBaseUrl())
        .apiBaseUrl(fake.apiBaseUrl()).tokenCipher(cipher).stores(store).clock(fake.clock()).pkce(pkce).build();
  }

  private static String sha256Hex(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aPkceFlowStartedBeforeARestartCompletesAfterItAndItsVerifierIsNeverInTheFile() throws Exception {
    Path file = dir.resolve("jira.db");
    String key = TokenCipher.generateKey();
    try (FakeJiraCloud fake = FakeJiraCloud.builder().build().start()) {
      AuthorizationRequest started;
      AuthorizationCallback callback;
      String verifier;
      try (SqliteStore first = SqliteStore.builder().path(file).build()) {
        TokenCipher cipher = TokenCipher.of("k1", key);
        started = oauth(fake, first, cipher, true).startAuthorization("session-1", "Work");
        callback = fake.completeAuthorization(started.url());
        String sealed = DbFiles.queryStrings(file, "SELECT sealed_code_verifier FROM pending_authorizations"
            + " WHERE state_hash = '" + sha256Hex(started.state()) + "'").get(0);
        assertTrue(sealed.startsWith("v1.k1."), "sealed by the TokenCipher");
        verifier = cipher.open("pkce-" + sha256Hex(started.state()), sealed);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(digest),
            HttpUrl.get(started.url()).queryParameter("code_challenge"));
      }
      assertNotInFiles(verifier);

      // The next process (PKCE switched off meanwhile: the stored flow still sends its verifier).
      try (SqliteStore second = SqliteStore.builder().path(file).build()) {
        Authorization done = oauth(fake, second, TokenCipher.of("k1", key), false)
            .completeAuthorization(callback.code(), callback.state(), "session-1");
        assertFalse(done.connections().isEmpty());
      }
      assertNotInFiles(verifier);
    }
  }

  private void assertNotInFiles(String verifier) throws Exception {
    for (Path p : Files.list(dir).toList()) {
      String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
      for (int i = 0; i + 8 <= verifier.length(); i++) {
        assertFalse(content.contains(verifier.substring(i, i + 8)), "a piece of the verifier in " + p.getFileName());
      }
    }
    assertTrue(List.of(Files.list(dir).toArray()).size() >= 1);
  }
}
