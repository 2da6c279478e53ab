package dev.jirasdk.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Atlassian Document Format to and from plain text. */
class AdfTest {
  @SuppressWarnings("unchecked")
  private static Adf parse(String json) throws IOException {
    return new Adf((Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json));
  }

  @Test
  void plainTextBecomesParagraphsAndHardBreaksAndReadsBackTheSame() {
    Adf adf = Adf.fromText("First line\r\nsecond line\n\n\nSecond paragraph\n");
    List<?> content = (List<?>) adf.json().get("content");
    assertEquals(2, content.size());
    String json = JsonTree.write(adf.json());
    assertTrue(json.contains("{\"type\":\"hardBreak\"}"), json);
    assertEquals("First line\nsecond line\n\nSecond paragraph", adf.toText());
    assertEquals(List.of(), Adf.fromText("  \n\n ").json().get("content"));
    assertTrue(Adf.fromText("").isEmpty());
  }

  @Test
  void richDocumentsReadAsText() throws IOException {
    Adf adf = parse("""
        {"type":"doc","version":1,"content":[
          {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Release"}]},
          {"type":"paragraph","content":[
            {"type":"text","text":"Ask "},
            {"type":"mention","attrs":{"id":"5b10a","text":"@Alice"}},
            {"type":"text","text":" about "},
            {"type":"text","text":"the runbook","marks":[{"type":"link","attrs":{"href":"https://wiki/run"}}]},
            {"type":"text","text":" "},
            {"type":"emoji","attrs":{"shortName":":smile:","text":"😄"}},
            {"type":"text","text":" "},
            {"type":"inlineCard","attrs":{"url":"https://acme.atlassian.net/browse/ACME-1"}}]},
          {"type":"bulletList","content":[
            {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"one"}]},
              {"type":"orderedList","attrs":{"order":3},"content":[
                {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"nested"}]}]}]}]},
            {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"two"}]}]}]},
          {"type":"codeBlock","attrs":{"language":"java"},"content":[{"type":"text","text":"int x = 1;\\nx++;"}]},
          {"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"quoted"}]}]},
          {"type":"rule"},
          {"type":"table","content":[
            {"type":"tableRow","content":[
              {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Key"}]}]},
              {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Status"}]}]}]},
            {"type":"tableRow","content":[
              {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"ACME-1"}]}]},
              {"type":"tableCell","content":[{"type":"paragraph","content":[
                {"type":"status","attrs":{"text":"DONE","color":"green"}}]}]}]}]},
          {"type":"panel","attrs":{"panelType":"info"},"content":[
            {"type":"paragraph","content":[{"type":"text","text":"Inside a panel"}]}]},
          {"type":"someFutureNode","content":[{"type":"text","text":"still readable"}]},
          {"type":"paragraph","content":[{"type":"date","attrs":{"timestamp":"1767225600000"}}]}
        ]}""");
    assertEquals("""
        Release

        Ask @Alice about the runbook (https://wiki/run) 😄 https://acme.atlassian.net/browse/ACME-1

        - one
          3. nested
        - two

        int x = 1;
        x++;

        > quoted

        ---

        Key | Status
        ACME-1 | DONE

        Inside a panel

        still readable

        2026-01-01""", adf.toText());
  }

  @Test
  void aDocumentMustBeADocAndIsFrozen() {
    assertThrows(IllegalArgumentException.class, () -> new Adf(Map.of("type", "paragraph", "content", List.of())));
    assertThrows(IllegalArgumentException.class, () -> new Adf(Map.of("type", "doc")));
    Adf adf = Adf.fromText("x");
    assertThrows(UnsupportedOperationException.class, () -> adf.json().put("type", "other"));
  }

  @Test
  void plainTextOfADecodedValueReadsDocumentsStringsAndUnknownNodes() {
    Map<String, Object> doc = Map.of("type", "doc", "version", 1, "content", List.of(
        Map.of("type", "paragraph", "content", List.of(
            Map.of("type", "mention", "attrs", Map.of("id", "acc-1", "text", "@Ada")),
            Map.of("type", "text", "text", " see "),
            Map.of("type", "text", "text", "the runbook", "marks",
                List.of(Map.of("type", "link", "attrs", Map.of("href", "https://wiki.example.com/run")))))),
        Map.of("type", "futureWidget", "content", List.of(Map.of("type", "text", "text", "inside"))),
        Map.of("type", "codeBlock", "content", List.of(Map.of("type", "text", "text", "mvn verify")))));
    assertEquals("@Ada see the runbook (https://wiki.example.com/run)\n\ninside\n\nmvn verify", Adf.plainText(doc));
    assertEquals("plain", Adf.plainText("plain"));
    assertEquals(null, Adf.plainText(null));
    assertEquals("", Adf.plainText(List.of(1, 2)));
  }

  @Test
  void hostileNestingIsCutOffInsteadOfOverflowingTheStack() {
    Object node = Map.of("type", "text", "text", "deep");
    for (int i = 0; i < 100_000; i++) node = Map.of("type", i % 2 == 0 ? "blockquote" : "panel", "content", List.of(node));
    Map<String, Object> doc = Map.of("type", "doc", "version", 1, "content",
        List.of(node, Map.of("type", "paragraph", "content", List.of(Map.of("type", "text", "text", "shallow")))));
    assertEquals("shallow", Adf.plainText(doc));
  }
}
