package dev.jirasdk.testkit;

import dev.jirasdk.testkit.Exchange.Req;
import dev.jirasdk.testkit.Exchange.Resp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.Buffer;

/** Adapts {@link FakeJiraCloud} to MockWebServer. */
final class MockDispatcher extends Dispatcher {
  private final FakeJiraCloud fake;

  MockDispatcher(FakeJiraCloud fake) {
    this.fake = fake;
  }

  @Override
  public MockResponse dispatch(RecordedRequest rr) {
    HttpUrl url = rr.getUrl();
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < rr.getHeaders().size(); i++) {
      headers.putIfAbsent(rr.getHeaders().name(i), rr.getHeaders().value(i));
    }
    String origin = url.scheme() + "://" + url.host() + ":" + url.port();
    byte[] body = rr.getBody() == null ? new byte[0] : rr.getBody().toByteArray();
    Req req = new Req(rr.getMethod(), url.encodedPath(), url.encodedQuery(), headers, body, origin);
    Resp r = fake.handle(req);
    MockResponse.Builder b = new MockResponse.Builder().code(r.status);
    r.headers.forEach(b::setHeader);
    b.body(new Buffer().write(r.body));
    if (r.latencyMillis > 0) {
      b.headersDelay(r.latencyMillis, TimeUnit.MILLISECONDS);
    }
    if (r.wireFault == FaultType.CONNECTION_RESET) {
      b.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE);
    }
    return b.build();
  }
}
