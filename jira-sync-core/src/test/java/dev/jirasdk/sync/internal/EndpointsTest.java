package dev.jirasdk.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.Entity;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sync's endpoint table takes its scopes from jira-auth-core's one table of them, and that table knows them all. */
class EndpointsTest {
  @Test
  void everyEntityIsReadFromAnEndpointWhoseScopesTheAuthTableStates() {
    for (Entity e : Entity.values()) {
      Endpoints.Endpoint ep = Endpoints.of(e);
      assertFalse(ep.scopes().isEmpty(), e + " is read from " + ep.request().endpoint()
          + ", which jira-auth-core's EndpointScopes does not know");
    }
  }

  @Test
  void everyOtherRequestOfTheSyncIsKnownToTheAuthTable() {
    for (JiraRequest r : new JiraRequest[] {JiraRequest.post(Endpoints.APPROXIMATE_COUNT).build(),
        JiraRequest.post(Endpoints.ISSUE_BULKFETCH).build(), JiraRequest.post(Endpoints.WORKLOG_LIST).build(),
        JiraRequest.get(Endpoints.WORKLOG_DELETED).build(), JiraRequest.get(Endpoints.CUSTOM_FIELDS).build(),
        JiraRequest.get("rest/api/3/issue/{issueId}").build()}) {
      assertFalse(r.scopesNeeded().isEmpty(), r.endpoint());
    }
  }

  @Test
  void usersNeedTheUserScopeConfigurationTheConfigurationScopeAndEmbeddedEntitiesTheIssueSearchs() {
    assertEquals(Set.of("read:jira-user"), Endpoints.scopesOf("users"));
    assertEquals(Set.of("manage:jira-configuration"), Endpoints.of(Entity.STATUSES).scopes());
    assertEquals(Set.of("read:jira-work"), Endpoints.of(Entity.ATTACHMENTS).scopes());
    assertEquals(Set.of("read:jira-work"), Endpoints.of(Entity.COMMENTS).scopes());
  }
}
