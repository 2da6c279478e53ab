package dev.jirasdk.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The operations of Atlassian's Jira v3 spec that the fake serves, with the query parameters each defines
 * (taken from the spec), so requests naming unknown parameters can be reported.
 */
final class KnownOperations {
  static final String[][] OPERATIONS = {
    {"GET", "/rest/api/3/search/jql", "jql,nextPageToken,maxResults,fields,expand,properties,fieldsByKeys,failFast,reconcileIssues"},
    {"POST", "/rest/api/3/search/jql", ""},
    {"POST", "/rest/api/3/search/approximate-count", ""},
    {"POST", "/rest/api/3/issue/bulkfetch", ""},
    {"POST", "/rest/api/3/changelog/bulkfetch", ""},
    {"GET", "/rest/api/3/issue/{id}/comment", "startAt,maxResults,orderBy,expand"},
    {"POST", "/rest/api/3/issue/{id}/comment", "expand"},
    {"DELETE", "/rest/api/3/issue/{id}/comment/{id}", ""},
    {"GET", "/rest/api/3/issue/{id}/changelog", "startAt,maxResults"},
    {"GET", "/rest/api/3/issue/{id}/worklog", "startAt,maxResults,startedAfter,startedBefore,expand"},
    {"GET", "/rest/api/3/worklog/updated", "since,expand"},
    {"GET", "/rest/api/3/worklog/deleted", "since"},
    {"POST", "/rest/api/3/worklog/list", "expand"},
    {"GET", "/rest/api/3/project/search", "startAt,maxResults,orderBy,id,keys,query,typeKey,categoryId,action,expand,status,properties,propertyQuery"},
    {"GET", "/rest/api/3/project", "expand,recent,properties"},
    {"GET", "/rest/api/3/project/{id}", "expand,properties"},
    {"GET", "/rest/api/3/project/{id}/component", "startAt,maxResults,orderBy,componentSource,query"},
    {"GET", "/rest/api/3/project/{id}/components", "componentSource"},
    {"GET", "/rest/api/3/project/{id}/version", "startAt,maxResults,orderBy,query,status,expand"},
    {"GET", "/rest/api/3/project/{id}/versions", "expand"},
    {"GET", "/rest/api/3/users/search", "startAt,maxResults,expand"},
    {"GET", "/rest/api/3/users", "startAt,maxResults,expand"},
    {"GET", "/rest/api/3/group/bulk", "startAt,maxResults,groupId,groupName,accessType,applicationKey"},
    {"GET", "/rest/api/3/issuetype", ""},
    {"GET", "/rest/api/3/priority/search", "startAt,maxResults,id,projectId,priorityName,onlyDefault,expand"},
    {"GET", "/rest/api/3/statuses/search", "projectId,startAt,maxResults,searchString,statusCategory"},
    {"GET", "/rest/api/3/resolution/search", "startAt,maxResults,id,onlyDefault"},
    {"GET", "/rest/api/3/field/search", "startAt,maxResults,type,id,query,orderBy,expand,projectIds"},
    {"GET", "/rest/api/3/field", ""},
    {"GET", "/rest/api/3/label", "startAt,maxResults"},
    {"GET", "/rest/api/3/workflows/search", "startAt,maxResults,expand,queryString,orderBy,scope,isActive"},
    {"GET", "/rest/api/3/dashboard/search", "dashboardName,accountId,owner,groupname,groupId,projectId,orderBy,startAt,maxResults,status,expand"},
    {"GET", "/rest/api/3/filter/search", "filterName,accountId,owner,groupname,groupId,projectId,id,orderBy,startAt,maxResults,expand,overrideSharePermissions,isSubstringMatch"},
    {"GET", "/rest/api/3/permissions", ""},
    {"GET", "/rest/api/3/myself", "expand"},
    {"POST", "/rest/api/3/issue", "updateHistory"},
    {"GET", "/rest/api/3/issue/{id}", "fields,fieldsByKeys,expand,properties,updateHistory,failFast"},
    {"PUT", "/rest/api/3/issue/{id}", "notifyUsers,overrideScreenSecurity,overrideEditableFlag,returnIssue,expand"},
    {"DELETE", "/rest/api/3/issue/{id}", "deleteSubtasks"},
    {"GET", "/rest/api/3/issue/{id}/transitions", "expand,transitionId,skipRemoteOnlyCondition,includeUnavailableTransitions,sortByOpsBarAndStatus"},
    {"POST", "/rest/api/3/issue/{id}/transitions", ""},
    {"PUT", "/rest/api/3/issue/{id}/assignee", ""},
    {"PUT", "/rest/api/3/issue/{id}/comment/{id}", "notifyUsers,overrideEditableFlag,expand"},
    {"GET", "/rest/api/3/user", "accountId,username,key,expand"},
  };
  private static final Map<String, Set<String>> PARAMS = new HashMap<>();

  static {
    for (String[] op : OPERATIONS) {
      PARAMS.put(op[0] + " " + op[1], op[2].isEmpty() ? Set.of() : Set.of(op[2].split(",")));
    }
  }

  private KnownOperations() {}

  /** Whether the spec defines this operation with all these query parameters (unknown operations: true). */
  static boolean paramsKnown(String method, String pattern, Set<String> params) {
    Set<String> allowed = PARAMS.get(method + " " + pattern);
    return allowed == null || allowed.containsAll(params);
  }
}
