package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.InMemoryAccountStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow, large and malformed requests over raw loopback sockets: bodies are read without holding a worker,
 * limits answer early with a clear status, and the input is taken strictly.
 */
class InputLimitsTest {
  static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);
  Fixture f;
  HttpProbe http;

  @BeforeEach
  void start() {
    f = new Fixture(Map.of(), new InMemoryAccountStore(), BODY_TIMEOUT);
    http = f.http;
  }

  @AfterEach
  void stop() {
    f.close();
  }

  /** A raw connection that sent {@code head} and maybe a part of a body. */
  private Socket open(String head, byte[] bodyPart) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", f.server.port()), 5000);
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(bodyPart);
    out.flush();
    return s;
  }

  private String head(String method, String path, String... headers) {
    StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + f.server.port()
        + "\r\nOrigin: http://127.0.0.1:" + f.server.port() + "\r\n");
    for (String h : headers) sb.append(h).append("\r\n");
    return sb.append("\r\n").toString();
  }

  /** The status line and headers of the answer (reads until the blank line or the end). */
  private static String answerHead(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      got.write(b);
      if (got.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) break;
    }
    return got.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void healthKeepsAnsweringWhileSixteenConnectionsTrickleBodies() throws Exception {
    List<Socket> slow = new ArrayList<>();
    OkHttpClient client = new OkHttpClient.Builder().callTimeout(3, TimeUnit.SECONDS).build();
    try {
      for (int i = 0; i < DemoServer.WORKER_THREADS; i++) {
        slow.add(open(head("POST", "/auth/start-with-account", "Content-Type: application/json",
            "Content-Length: 1000"), "{\"label\":\"sl".getBytes(StandardCharsets.US_ASCII)));
      }
      for (int i = 0; i < 5; i++) {
        try (okhttp3.Response r = client.newCall(new Request.Builder()
            .url("http://127.0.0.1:" + f.server.port() + "/health").build()).execute()) {
          assertEquals(200, r.code(), "health answers while bodies trickle in");
        }
      }
      for (Socket s : slow) {
        String answer = answerHead(s);
        assertTrue(answer.startsWith("HTTP/1.1 408"), "a body that never completes ends in a 408: " + answer);
      }
    } finally {
      for (Socket s : slow) s.close();
    }
    assertTrue(f.auth.states.isEmpty(), "no half-received request started anything");
  }

  @Test
  void aContentLengthOverTheLimitIs413BeforeAnyBodyIsSent() throws Exception {
    try (Socket s = open(head("POST", "/auth/start-with-account", "Content-Type: application/json",
        "Content-Length: 100000"), new byte[0])) {
      String answer = answerHead(s);
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
      assertTrue(answer.toLowerCase().contains("connection: close"), answer);
    }
  }

  @Test
  void aChunkedBodyIs413AsSoonAsItCrossesTheLimit() throws Exception {
    byte[] chunk = ("4650\r\n" + "x".repeat(0x4650) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    try (Socket s = open(head("POST", "/auth/start-with-account", "Content-Type: application/json",
        "Transfer-Encoding: chunked"), chunk)) {
      String answer = answerHead(s); // the last chunk was never sent: the answer cannot wait for it
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
    }
  }

  @Test
  void aChunkedBodyFarOverTheLimitIsA413NotAClosedConnection() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 80; i++) body.append("400\r\n").append("y".repeat(0x400)).append("\r\n");
    body.append("0\r\n\r\n");
    try (Socket s = open(head("POST", "/auth/start-with-account", "Content-Type: application/json",
        "Transfer-Encoding: chunked"), body.toString().getBytes(StandardCharsets.US_ASCII))) {
      String answer = answerHead(s);
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer", e);
    }
  }

  @Test
  void aBodyWithoutContentTypeOrWithAnotherTypeIs415() {
    HttpProbe.Answer none = http.send(new Request.Builder().url(http.base + "/auth/start-with-account")
        .post(RequestBody.create("{\"label\":\"x\"}".getBytes(StandardCharsets.UTF_8), (MediaType) null)));
    assertEquals(415, none.code(), none.body());
    assertEquals("unsupported_media_type", none.errorCode());
    HttpProbe.Answer text = http.send(new Request.Builder().url(http.base + "/auth/start-with-account")
        .post(RequestBody.create("{\"label\":\"x\"}", MediaType.get("text/plain"))));
    assertEquals(415, text.code(), text.body());
    HttpProbe.Answer latin = http.send(new Request.Builder().url(http.base + "/auth/start-with-account")
        .post(RequestBody.create("{\"label\":\"x\"}", MediaType.get("application/json; charset=iso-8859-1"))));
    assertEquals(415, latin.code(), latin.body());
    assertTrue(f.auth.states.isEmpty());
    HttpProbe.Answer ok = http.post("/auth/start-with-account", "{\"label\":\"x\"}");
    assertEquals(200, ok.code(), ok.body());
  }

  @Test
  void aBodyThatIsNotUtf8Is400AndNothingIsStored() {
    byte[] bad = {'{', '"', 'l', 'a', 'b', 'e', 'l', '"', ':', '"', 'O', 'p', (byte) 0xC3, (byte) 0x28, '"', '}'};
    HttpProbe.Answer a = http.send(new Request.Builder().url(http.base + "/auth/start-with-account")
        .post(RequestBody.create(bad, HttpProbe.JSON)));
    assertEquals(400, a.code(), a.body());
    assertEquals("invalid_utf8", a.errorCode());
    assertTrue(f.auth.states.isEmpty(), "no flow was started with a mangled label");
  }

  @Test
  void wrongMethodsAre405WithAllowAndHealthTakesOnlyGet() {
    HttpProbe.Answer post = http.post("/health");
    assertEquals(405, post.code(), post.body());
    assertEquals("method_not_allowed", post.errorCode());
    assertEquals("GET, HEAD", post.header("Allow"));
    assertEquals(405, http.delete("/health").code());
    assertEquals(405, http.send(new Request.Builder().url(http.base + "/api/accounts")
        .put(RequestBody.create("{}", HttpProbe.JSON))).code());
    assertEquals(200, http.get("/health").code());
  }

  @Test
  void aBodySentToAnEndpointThatTakesNoneIs400AndChangesNothing() {
    String acme = f.connect("acme");
    String beta = f.connect("beta");
    HttpProbe.Answer a = http.post("/api/accounts/" + beta + "/set-primary", "{\"primary\":true}");
    assertEquals(400, a.code(), a.body());
    assertEquals("unexpected_body", a.errorCode());
    assertEquals(acme, f.auth.accounts.primaryConnection().orElseThrow().id());
  }
}
