package dev.jirasdk.jira;

import dev.jirasdk.auth.JiraRequest;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Comments on issues: list, add, edit, delete. Get one from {@link JiraApi#comments()}.
 *
 * <pre>{@code
 * Comment c = jira.comments().add("ACME-42", "Fixed in build 1234.\nPlease verify.");
 * try (Stream<Comment> all = jira.comments().list("ACME-42")) {
 *   all.map(x -> x.body().toText()).forEach(System.out::println);
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class Comments {
  static final int PAGE_SIZE = 100;
  private final JiraApi api;
  private final WriteSpacer spacer;

  Comments(JiraApi api, WriteSpacer spacer) {
    this.api = api;
    this.spacer = spacer;
  }

  /** Every comment of the issue, oldest first, read a page of 100 at a time as the stream advances. */
  public Stream<Comment> list(String issueIdOrKey) {
    String path = "rest/api/3/issue/" + Ids.issue(issueIdOrKey) + "/comment";
    PagedRequest paged = PagedRequest.offset(path, "comments").pageSize(PAGE_SIZE).build();
    return api.paginate(paged).map(json -> JsonTree.model("GET /" + path, json, Comment::of));
  }

  /** Adds a plain-text comment (paragraphs and line breaks kept, see {@link Adf#fromText}). */
  public Comment add(String issueIdOrKey, String text) {
    return add(issueIdOrKey, Adf.fromText(requireText(text)));
  }

  /** Adds a comment with a rich-text body; returns it as Jira stored it. */
  public Comment add(String issueIdOrKey, Adf body) {
    requireBody(body);
    JiraRequest request = JiraRequest.post("rest/api/3/issue/" + Ids.issue(issueIdOrKey) + "/comment")
        .jsonBody(JsonTree.write(Map.of("body", body.json()))).build();
    spacer.beforeWrite(issueIdOrKey, request.endpoint());
    return JsonTree.model(request.endpoint(), api.object(request), Comment::of);
  }

  /** Replaces the comment's text; returns the comment as it now reads. */
  public Comment edit(String issueIdOrKey, String commentId, String text) {
    return edit(issueIdOrKey, commentId, Adf.fromText(requireText(text)));
  }

  /** Replaces the comment's body with a rich-text one; returns the comment as it now reads. */
  public Comment edit(String issueIdOrKey, String commentId, Adf body) {
    requireBody(body);
    JiraRequest request = JiraRequest.put("rest/api/3/issue/" + Ids.issue(issueIdOrKey) + "/comment/"
        + Ids.comment(commentId)).jsonBody(JsonTree.write(Map.of("body", body.json()))).build();
    spacer.beforeWrite(issueIdOrKey, request.endpoint());
    return JsonTree.model(request.endpoint(), api.object(request), Comment::of);
  }

  /** Deletes the comment; a 404 (already gone) is a {@link dev.jirasdk.auth.JiraApiException}. */
  public void delete(String issueIdOrKey, String commentId) {
    JiraRequest request = JiraRequest.delete("rest/api/3/issue/" + Ids.issue(issueIdOrKey) + "/comment/"
        + Ids.comment(commentId)).build();
    spacer.beforeWrite(issueIdOrKey, request.endpoint());
    api.send(request);
  }

  private static String requireText(String text) {
    Objects.requireNonNull(text, "text == null");
    if (text.isBlank()) throw new IllegalArgumentException("comment text is blank (Jira refuses empty comments)");
    return text;
  }

  private static void requireBody(Adf body) {
    Objects.requireNonNull(body, "body == null");
    if (body.isEmpty()) throw new IllegalArgumentException("comment body is empty (Jira refuses empty comments)");
  }
}
