package dev.jirasdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomTokenStoreExampleTest {
  @TempDir Path dir;

  @Test
  void theSdkKeepsSealedRotatingTokensInTheHostsTable() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    DataSource db = CustomTokenStoreExample.sqlite(dir.resolve("host-app.db"));
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(Dataset.small()).build().start()) {
      String account = fake.users().get(0).accountId();

      CustomTokenStoreExample.Result result = CustomTokenStoreExample.run(
          ExampleEnvironment.sandbox(fake).oauth(), db, url -> fake.approve(url, account),
          new PrintStream(output, true, StandardCharsets.UTF_8));

      assertEquals(1, result.firstVersion());
      assertEquals(2, result.refreshedVersion());
      assertEquals(2, fake.tokenRequests(account), "one code exchange, one refresh");
      assertTrue(result.sealedPrefix().startsWith("v1."), result.sealedPrefix());
      // The newest refresh token Atlassian issued is in the table only in sealed form.
      String latest = fake.latestRefreshToken(account);
      try (Connection c = db.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + JdbcTokenStore.TABLE)) {
        assertTrue(rs.next());
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          String value = rs.getString(i);
          assertFalse(value != null && value.contains(latest), "clear-text token in column " + i);
        }
        assertFalse(rs.next(), "one grant, one row");
      }
      assertFalse(new String(Files.readAllBytes(dir.resolve("host-app.db")), StandardCharsets.ISO_8859_1)
          .contains(latest));
      String text = output.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("  version 1, access token stored as v1."), text);
      assertTrue(text.contains("After a refresh: version 2; Jira still answers: "
          + fake.users().get(0).displayName()), text);
    }
  }
}
