package dev.jirasdk.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EndpointTemplatesTest {
  @Test
  void idsKeysAndProjectKeysBecomePlaceholdersButTheApiVersionStays() {
    EndpointTemplates t = new EndpointTemplates();
    assertEquals("/rest/api/3/issue/{id}/comment/{id}", t.of("rest/api/3/issue/ACME-12/comment/10001"));
    assertEquals("/rest/api/3/issue/{id}", t.of("rest/api/3/issue/10042"));
    assertEquals("/rest/api/3/project/{id}/version", t.of("/rest/api/3/project/ACME/version"));
    assertEquals("/rest/api/3/project/search", t.of("rest/api/3/project/search"));
    assertEquals("/rest/agile/1.0/board/{id}", t.of("rest/agile/1.0/board/7"));
  }

  @Test
  void pastTheCapNewTemplatesAreTaggedOther() {
    EndpointTemplates t = new EndpointTemplates();
    for (int i = 0; i < EndpointTemplates.MAX_TEMPLATES; i++) t.of("rest/api/3/thing" + i);
    assertEquals(EndpointTemplates.OTHER, t.of("rest/api/3/one-more"));
    assertEquals("/rest/api/3/thing0", t.of("rest/api/3/thing0"), "known templates keep their name");
  }
}
