package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every deployment of the hall socket must do, whatever runs it. Subclasses supply the {@link Tier}: embedded
 * Tyrus ({@code EmbeddedHallTest}) or the managed WildFly over wss ({@code HallIT}). Both run the server with a 1 s
 * heartbeat and a 3 s dead-peer timeout so the heartbeat tests stay short.
 */
abstract class HallContract {
  static final int HEARTBEAT_SECONDS = 1;
  static final int DEAD_PEER_SECONDS = 3;
  static final int MAX_MESSAGE_BYTES = 16 * 1024;

  abstract Tier tier();

  @Test
  void helloIsAnsweredWithAWelcomeAndAFreshGuestId() throws Exception {
    try (TestClient first = TestClient.connect(tier()); TestClient second = TestClient.connect(tier())) {
      first.send(new ClientMessage.Hello("a1", 1, "  Ann\u0007 ", null));
      ServerMessage.Welcome welcome = first.expect(ServerMessage.Welcome.class);
      assertEquals("a1", welcome.re());
      assertTrue(welcome.playerId().matches("g-[a-z2-7]{16}"), welcome.playerId());
      assertEquals("Ann", welcome.nickname(), "control characters and outer spaces are trimmed");
      assertEquals(1, welcome.protocol());
      assertEquals(HEARTBEAT_SECONDS, welcome.heartbeatSeconds());
      assertEquals(MAX_MESSAGE_BYTES, welcome.maxMessageBytes());

      second.send(new ClientMessage.Hello(null, 1, null, null));
      ServerMessage.Welcome other = second.expect(ServerMessage.Welcome.class);
      assertNotEquals(welcome.playerId(), other.playerId());
      assertTrue(other.nickname().startsWith("Guest-"), other.nickname());
    }
  }

  @Test
  void pingIsAnsweredWithItsIdAndTimestampBeforeAndAfterHello() throws Exception {
    try (TestClient client = TestClient.connect(tier())) {
      client.send(new ClientMessage.Ping("p1", 1234567890123L));
      ServerMessage.Pong pong = client.expect(ServerMessage.Pong.class);
      assertEquals("p1", pong.re());
      assertEquals(1234567890123L, pong.t());
      client.send(new ClientMessage.Hello("h", 1, "Bo", null));
      client.expect(ServerMessage.Welcome.class);
      client.send(new ClientMessage.Ping(null, null));
      assertEquals(new ServerMessage.Pong(null, null), client.expect(ServerMessage.Pong.class));
    }
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("not json at all", ErrorCode.MALFORMED_JSON, null),
        Arguments.of("{\"type\":\"ping\"", ErrorCode.MALFORMED_JSON, null),
        Arguments.of("[1,2,3]", ErrorCode.MALFORMED_MESSAGE, null),
        Arguments.of("\"hello\"", ErrorCode.MALFORMED_MESSAGE, null),
        Arguments.of("{\"id\":\"x1\"}", ErrorCode.MALFORMED_MESSAGE, "x1"),
        Arguments.of("{\"type\":42,\"id\":\"x2\"}", ErrorCode.MALFORMED_MESSAGE, "x2"),
        Arguments.of("{\"type\":\"teleport\",\"id\":\"x3\"}", ErrorCode.UNKNOWN_TYPE, "x3"),
        Arguments.of("{\"type\":\"hello\",\"id\":\"x4\",\"nickname\":7}", ErrorCode.WRONG_FIELD_TYPE, "x4"),
        Arguments.of("{\"type\":\"hello\",\"id\":\"x5\",\"protocol\":\"1\"}", ErrorCode.WRONG_FIELD_TYPE, "x5"),
        Arguments.of("{\"type\":\"hello\",\"id\":\"x6\",\"protocol\":2}", ErrorCode.UNSUPPORTED_PROTOCOL, "x6"),
        Arguments.of("{\"type\":\"hello\",\"nickname\":\"" + "n".repeat(25) + "\"}", ErrorCode.INVALID_FIELD, null),
        Arguments.of("{\"type\":\"ping\",\"id\":\"x7\",\"t\":\"soon\"}", ErrorCode.WRONG_FIELD_TYPE, "x7"),
        Arguments.of("{\"type\":\"ping\",\"id\":\"x8\",\"t\":1.5}", ErrorCode.INVALID_FIELD, "x8"),
        Arguments.of("{\"type\":\"ping\",\"id\":\"x9\",\"t\":1e400}", ErrorCode.INVALID_FIELD, "x9"),
        Arguments.of("{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}", ErrorCode.INVALID_FIELD, null),
        Arguments.of("{\"type\":\"ping\",\"id\":[\"x\"]}", ErrorCode.WRONG_FIELD_TYPE, null),
        Arguments.of("[".repeat(5000) + "]".repeat(5000), ErrorCode.MALFORMED_JSON, null));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void badInputGetsATypedErrorAndTheConnectionStaysUsable(String text, ErrorCode code, String re) throws Exception {
    try (TestClient client = TestClient.connect(tier())) {
      client.sendText(text);
      ServerMessage.Error error = client.expect(ServerMessage.Error.class);
      assertEquals(code, error.code(), error.message());
      assertEquals(re, error.re());
      assertTrue(!error.message().isBlank() && error.message().length() < 200, error.message());
      client.send(new ClientMessage.Ping("after", null));
      assertEquals("after", client.expect(ServerMessage.Pong.class).re());
    }
  }

  @Test
  void aSecondHelloIsRefused() throws Exception {
    try (TestClient client = TestClient.welcomed(tier(), "Cy")) {
      client.send(new ClientMessage.Hello("again", 1, "Cy", null));
      ServerMessage.Error error = client.expect(ServerMessage.Error.class);
      assertEquals(ErrorCode.ALREADY_WELCOMED, error.code());
      assertEquals("again", error.re());
    }
  }

  // Close codes are read with the frame-level client: a WebSocket API client may report 1006 when the server's
  // TCP close overtakes the close frame it already received, which would hide the code the server sent.

  @Test
  void aBinaryFrameClosesWith1003AndNobodyElseNotices() throws Exception {
    try (TestClient bystander = TestClient.welcomed(tier(), "By");
        RawWebSocket offender = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      offender.send(true, RawWebSocket.BINARY, new byte[] {1, 2, 3});
      assertEquals(1003, closeCode(offender));
      bystander.send(new ClientMessage.Ping("still", null));
      assertEquals("still", bystander.expect(ServerMessage.Pong.class).re());
    }
  }

  @Test
  void aMessageAtTheLimitIsReadAndOneByteMoreClosesWith1009() throws Exception {
    try (TestClient bystander = TestClient.welcomed(tier(), "By");
        RawWebSocket client = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      client.sendText(padded("fits", MAX_MESSAGE_BYTES));
      assertTrue(nextNonPing(client).text().contains("\"re\":\"fits\""));
      client.sendText(padded("over", MAX_MESSAGE_BYTES + 1));
      assertEquals(1009, closeCode(client));
      bystander.send(new ClientMessage.Ping("still", null));
      assertEquals("still", bystander.expect(ServerMessage.Pong.class).re());
    }
  }

  @Test
  void aMessageFarAboveTheLimitClosesWith1009() throws Exception {
    try (TestClient bystander = TestClient.welcomed(tier(), "By");
        RawWebSocket client = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      client.sendText(padded("huge", 1024 * 1024));
      assertEquals(1009, closeCode(client));
      bystander.send(new ClientMessage.Ping("still", null));
      assertEquals("still", bystander.expect(ServerMessage.Pong.class).re());
    }
  }

  private static RawWebSocket.Frame nextNonPing(RawWebSocket raw) throws Exception {
    RawWebSocket.Frame frame;
    do {
      frame = raw.read(TestClient.WAIT);
      assertNotNull(frame, "no frame but heartbeats within " + TestClient.WAIT);
    } while (frame.opcode() == RawWebSocket.PING);
    return frame;
  }

  private static int closeCode(RawWebSocket raw) throws Exception {
    RawWebSocket.Frame frame = nextNonPing(raw);
    assertEquals(RawWebSocket.CLOSE, frame.opcode(), "expected a close frame, got " + frame.opcode());
    return frame.closeCode();
  }

  /** A ping of exactly {@code bytes} ASCII bytes, padded with an unknown field (unknown fields are ignored). */
  private static String padded(String id, int bytes) {
    String head = "{\"type\":\"ping\",\"id\":\"" + id + "\",\"pad\":\"";
    String tail = "\"}";
    return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
  }

  @Test
  void aPeerThatAnswersPingsOutlivesTheDeadPeerTimeout() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      assertEquals(101, raw.status(), raw.handshakeResponse());
      int pings = 0;
      // Answer pings for longer than the dead-peer timeout: DEAD_PEER_SECONDS + 2 heartbeats.
      while (pings < DEAD_PEER_SECONDS / HEARTBEAT_SECONDS + 2) {
        RawWebSocket.Frame frame = raw.read(Duration.ofSeconds(HEARTBEAT_SECONDS * 5L));
        assertNotNull(frame, "no heartbeat ping within " + HEARTBEAT_SECONDS * 5 + " s");
        assertEquals(RawWebSocket.PING, frame.opcode(), "expected a ping, got opcode " + frame.opcode());
        raw.send(true, RawWebSocket.PONG, frame.payload());
        pings++;
      }
      raw.sendText("{\"type\":\"ping\",\"id\":\"alive\"}");
      RawWebSocket.Frame reply;
      do {
        reply = raw.read(TestClient.WAIT);
        assertNotNull(reply, "no pong after " + pings + " heartbeats");
      } while (reply.opcode() == RawWebSocket.PING);
      assertEquals(RawWebSocket.TEXT, reply.opcode());
      assertTrue(reply.text().contains("\"re\":\"alive\""), reply.text());
    }
  }

  @Test
  void aPeerThatNeverAnswersIsClosedWith4003() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(tier().socketUri(), tier().sslContext())) {
      assertEquals(101, raw.status(), raw.handshakeResponse());
      Duration limit = Duration.ofSeconds(DEAD_PEER_SECONDS + HEARTBEAT_SECONDS * 4L);
      long deadline = System.nanoTime() + limit.toNanos();
      RawWebSocket.Frame frame;
      do {
        frame = raw.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        assertNotNull(frame, "a silent peer was still open after " + limit);
      } while (frame.opcode() == RawWebSocket.PING);
      assertEquals(RawWebSocket.CLOSE, frame.opcode());
      assertEquals(4003, frame.closeCode());
    }
  }
}
