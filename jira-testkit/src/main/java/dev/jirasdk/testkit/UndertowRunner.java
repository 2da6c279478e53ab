package dev.jirasdk.testkit;

import dev.jirasdk.testkit.Exchange.Req;
import dev.jirasdk.testkit.Exchange.Resp;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xnio.IoUtils;

/** Serves a {@link FakeJiraCloud} over Undertow on loopback (blocking handlers on a small worker pool). */
final class UndertowRunner {
  private final Undertow server;
  private final String baseUrl;
  private final int port;

  private UndertowRunner(Undertow server, String baseUrl, int port) {
    this.server = server;
    this.baseUrl = baseUrl;
    this.port = port;
  }

  static UndertowRunner start(FakeJiraCloud fake, String host, int port) {
    Undertow server = Undertow.builder()
        .addHttpListener(port, host)
        .setIoThreads(2)
        .setWorkerThreads(16)
        .setHandler(exchange -> {
          if (exchange.isInIoThread()) {
            exchange.dispatch(ex -> serve(fake, ex));
            return;
          }
          serve(fake, exchange);
        })
        .build();
    server.start();
    int actual = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    String h = host.contains(":") ? "[" + host + "]" : host;
    return new UndertowRunner(server, "http://" + h + ":" + actual, actual);
  }

  private static void serve(FakeJiraCloud fake, HttpServerExchange ex) throws IOException {
    ex.startBlocking();
    byte[] body;
    try (InputStream in = ex.getInputStream()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach(hv -> headers.put(hv.getHeaderName().toString(), hv.getFirst()));
    String origin = ex.getRequestScheme() + "://" + ex.getHostAndPort();
    Req req = new Req(ex.getRequestMethod().toString(), ex.getRequestPath(), ex.getQueryString(), headers, body, origin);
    Resp r = fake.handle(req);
    if (r.latencyMillis > 0) {
      try {
        Thread.sleep(r.latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ex.setStatusCode(r.status);
    r.headers.forEach((k, v) -> ex.getResponseHeaders().put(new HttpString(k), v));
    ex.getResponseHeaders().put(new HttpString("Content-Length"), Long.toString(r.body.length));
    if (r.wireFault == FaultType.CONNECTION_RESET) {
      OutputStream out = ex.getOutputStream();
      out.write(r.body, 0, r.body.length / 2);
      out.flush();
      IoUtils.safeClose(ex.getConnection());
      return;
    }
    if (r.body.length > 0 && !ex.getRequestMethod().toString().equals("HEAD")) {
      OutputStream out = ex.getOutputStream();
      out.write(r.body);
      out.close();
    }
    ex.endExchange();
  }

  String baseUrl() {
    return baseUrl;
  }

  int port() {
    return port;
  }

  void stop() {
    server.stop();
  }
}
