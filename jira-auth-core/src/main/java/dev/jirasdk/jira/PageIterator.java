package dev.jirasdk.jira;

import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.UnexpectedResponseException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Reads a {@link PagedRequest} page by page as its items are consumed; guards progress. Not thread-safe. */
final class PageIterator implements Iterator<Map<String, Object>> {
  private final JiraClient client;
  private final PagedRequest paged;
  private final ArrayDeque<Map<String, Object>> buffer = new ArrayDeque<>();
  private final Set<String> tokensSeen = new HashSet<>();
  private int startAt;
  private String token;
  private int pages;
  private boolean done;

  private PageIterator(JiraClient client, PagedRequest paged) {
    this.client = client;
    this.paged = paged;
  }

  static Stream<Map<String, Object>> stream(JiraClient client, PagedRequest paged) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new PageIterator(client, paged),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && !done) fetch();
    return !buffer.isEmpty();
  }

  @Override
  public Map<String, Object> next() {
    if (!hasNext()) throw new NoSuchElementException();
    return buffer.poll();
  }

  private void fetch() {
    JiraRequest request = request();
    if (pages == paged.maxPages()) {
      throw new UnexpectedResponseException(request.endpoint(), 200, "more than " + paged.maxPages()
          + " pages; stopped (raise PagedRequest.Builder.maxPages if the data really is this large)");
    }
    pages++;
    Object tree = JsonTree.parse(request, client.executeForString(request));
    List<?> items;
    if (paged.shape() == PagedRequest.Shape.ARRAY) {
      if (!(tree instanceof List<?> list)) throw unexpected(request, "expected an array at $, got " + JsonTree.kind(tree));
      items = list;
      done = items.size() < paged.pageSize();
      startAt += items.size();
    } else {
      Map<String, Object> page = JsonTree.asMap(tree);
      if (page == null) throw unexpected(request, "expected an object at $, got " + JsonTree.kind(tree));
      if (!(page.get(paged.itemsField()) instanceof List<?> list)) {
        throw unexpected(request, "expected an array at $." + paged.itemsField() + ", got "
            + JsonTree.kind(page.get(paged.itemsField())));
      }
      items = list;
      Object isLast = page.get("isLast");
      if (paged.shape() == PagedRequest.Shape.TOKEN) {
        advanceToken(request, page, isLast);
      } else {
        advanceOffset(request, page, isLast, items.size());
      }
    }
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> item = JsonTree.asMap(items.get(i));
      if (item == null) {
        throw unexpected(request, "expected an object at $" + (paged.itemsField() == null ? "" : "." + paged.itemsField())
            + "[" + i + "], got " + JsonTree.kind(items.get(i)));
      }
      buffer.add(item);
    }
  }

  private void advanceToken(JiraRequest request, Map<String, Object> page, Object isLast) {
    String next = JsonTree.string(page, "nextPageToken");
    if (next == null || Boolean.TRUE.equals(isLast)) {
      done = true;
      return;
    }
    if (!tokensSeen.add(next)) {
      throw unexpected(request, "nextPageToken repeats a token already followed: the page does not advance");
    }
    token = next;
  }

  private void advanceOffset(JiraRequest request, Map<String, Object> page, Object isLast, int count) {
    Object total = page.get("total");
    int read = startAt + count;
    boolean last = Boolean.TRUE.equals(isLast)
        || (isLast == null && (count == 0 || (total instanceof Number t && read >= t.longValue())));
    if (!last && count == 0) {
      throw unexpected(request, "the page at startAt=" + startAt + " has no items but Jira says more follow (isLast="
          + isLast + ", total=" + total + "): it does not advance");
    }
    startAt = read;
    done = last;
  }

  private JiraRequest request() {
    JiraRequest.Builder b;
    if (paged.body() != null) {
      Map<String, Object> body = new LinkedHashMap<>(paged.body());
      body.put("maxResults", paged.pageSize());
      if (token != null) body.put("nextPageToken", token);
      b = JiraRequest.post(paged.path()).jsonBody(JsonTree.write(body)).safeToRetry();
      for (Map.Entry<String, String> q : paged.query()) b.query(q.getKey(), q.getValue());
    } else {
      b = JiraRequest.get(paged.path());
      for (Map.Entry<String, String> q : paged.query()) b.query(q.getKey(), q.getValue());
      if (paged.shape() == PagedRequest.Shape.TOKEN) {
        if (token != null) b.query("nextPageToken", token);
      } else {
        b.query("startAt", startAt);
      }
      b.query("maxResults", paged.pageSize());
    }
    return b.build();
  }

  private static UnexpectedResponseException unexpected(JiraRequest request, String problem) {
    return new UnexpectedResponseException(request.endpoint(), 200, problem);
  }
}
