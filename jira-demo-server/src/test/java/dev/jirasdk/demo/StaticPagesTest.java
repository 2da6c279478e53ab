package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pages work under the server's CSP: no inline script, handlers or styles, nothing from elsewhere. */
class StaticPagesTest {
  static String read(String name) throws Exception {
    try (InputStream in = StaticPagesTest.class.getResourceAsStream("/static/" + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void pagesLoadOnlyTheirOwnScriptsAndStyles() throws Exception {
    for (String page : List.of("dashboard.html", "accounts.html")) {
      String html = read(page);
      Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
      int count = 0;
      while (scripts.find()) {
        count++;
        assertTrue(scripts.group(1).matches("\\s+src=\"/static/[a-z-]+\\.js\"\\s+defer"), page + ": " + scripts.group(1));
        assertTrue(scripts.group(2).isBlank(), page + " has an inline script");
      }
      assertTrue(count >= 2, page);
      assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), page + " has an inline handler");
      assertFalse(html.contains(" style="), page + " has an inline style");
      assertFalse(html.contains("//cdn") || html.contains("https://"), page + " loads something from elsewhere");
      for (String asset : List.of("app.css", "common.js")) assertTrue(html.contains("/static/" + asset), page);
    }
  }

  @Test
  void scriptsInsertDataAsTextNeverAsHtml() throws Exception {
    for (String script : List.of("common.js", "dashboard.js", "accounts.js")) {
      String js = read(script);
      assertFalse(js.contains("innerHTML") || js.contains("outerHTML") || js.contains("insertAdjacentHTML")
          || js.contains("document.write") || js.contains("eval("), script);
    }
  }
}
