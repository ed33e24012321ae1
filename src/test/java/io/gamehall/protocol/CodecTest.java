package io.gamehall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DecodeException;
import jakarta.websocket.EncodeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips for every message type in both directions, and typed results for bad input. */
class CodecTest {
  private final ClientMessageEncoder clientEncoder = new ClientMessageEncoder();
  private final ClientMessageDecoder clientDecoder = new ClientMessageDecoder();
  private final ServerMessageEncoder serverEncoder = new ServerMessageEncoder();
  private final ServerMessageDecoder serverDecoder = new ServerMessageDecoder();

  @Test
  void everyClientMessageSurvivesARoundTrip() throws EncodeException {
    List<ClientMessage> messages =
        List.of(
            new ClientMessage.Hello("1", 1, "Ann", null),
            new ClientMessage.Hello(null, 1, null, null),
            new ClientMessage.Hello("x", 1, "小明", null),
            new ClientMessage.Ping("p", Long.MAX_VALUE),
            new ClientMessage.Ping(null, Long.MIN_VALUE),
            new ClientMessage.Ping(null, null),
            new ClientMessage.Leaderboard("b", "gomoku", 40, 20),
            ClientMessage.Leaderboard.of("s", "xiangqi", List.of("g-1", "acct-2")));
    for (ClientMessage message : messages) {
      assertEquals(message, clientDecoder.decode(clientEncoder.encode(message)));
    }
  }

  @Test
  void everyServerMessageSurvivesARoundTrip() throws DecodeException {
    List<ServerMessage> messages =
        List.of(
            new ServerMessage.Welcome(
                "1",
                "g-abcdefghijklmnop",
                "Ann \"the\" <b>",
                1,
                25,
                16384,
                "v1.k.p.s",
                1795000000L,
                false,
                List.of()),
            new ServerMessage.Welcome(
                null,
                "g-abcdefghijklmnop",
                "小明",
                1,
                25,
                16384,
                "v1.k.p.s",
                1L,
                true,
                List.of("t-1", "t-2")),
            new ServerMessage.Pong("p", 42L),
            new ServerMessage.Pong(null, null));
    for (ServerMessage message : messages) {
      assertEquals(message, serverDecoder.decode(serverEncoder.encode(message)));
    }
    for (ErrorCode code : ErrorCode.values()) {
      ServerMessage error = new ServerMessage.Error("e", code, "because\n\"quoted\"");
      assertEquals(error, serverDecoder.decode(serverEncoder.encode(error)));
    }
  }

  @Test
  void anInvalidMessageCannotBeEncoded() {
    assertThrows(
        EncodeException.class,
        () -> clientEncoder.encode(new ClientMessage.Invalid(null, ErrorCode.MALFORMED_JSON, "x")));
  }

  @Test
  void badInputDecodesToTypedErrorsNeverToExceptions() {
    assertInvalid("", ErrorCode.MALFORMED_JSON);
    assertInvalid("{", ErrorCode.MALFORMED_JSON);
    assertInvalid("{\"type\":\"ping\"} trailing", ErrorCode.MALFORMED_JSON);
    assertInvalid("\uD800", ErrorCode.MALFORMED_JSON);
    assertInvalid("null", ErrorCode.MALFORMED_MESSAGE);
    assertInvalid("12", ErrorCode.MALFORMED_MESSAGE);
    assertInvalid("{\"type\":null}", ErrorCode.MALFORMED_MESSAGE);
    assertInvalid("{\"type\":\"HELLO\"}", ErrorCode.UNKNOWN_TYPE);
    assertInvalid("{\"type\":\"hello\",\"protocol\":0}", ErrorCode.INVALID_FIELD);
    assertInvalid("{\"type\":\"hello\",\"protocol\":99999999999}", ErrorCode.INVALID_FIELD);
    assertInvalid("{\"type\":\"ping\",\"t\":" + "9".repeat(1000) + "}", ErrorCode.INVALID_FIELD);
    assertInvalid("{\"type\":\"ping\",\"t\":{\"nested\":true}}", ErrorCode.WRONG_FIELD_TYPE);
    assertInvalid("[".repeat(100_000), ErrorCode.MALFORMED_JSON);
    String board = "{\"type\":\"leaderboard\",\"game\":\"gomoku\",";
    assertInvalid(board + "\"players\":\"g-1\"}", ErrorCode.WRONG_FIELD_TYPE);
    assertInvalid(board + "\"players\":[1]}", ErrorCode.WRONG_FIELD_TYPE);
    assertInvalid(board + "\"players\":[]}", ErrorCode.INVALID_FIELD);
    assertInvalid(board + "\"players\":[\"\"]}", ErrorCode.INVALID_FIELD);
    assertInvalid(board + "\"players\":[\"" + "p".repeat(65) + "\"]}", ErrorCode.INVALID_FIELD);
    assertInvalid(
        board
            + "\"players\":"
            + "[\"a\",".repeat(1)
            + "\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]}",
        ErrorCode.INVALID_FIELD);
    assertInvalid(board + "\"players\":[\"g-1\"],\"offset\":0}", ErrorCode.INVALID_FIELD);
    assertInvalid("{\"a\":".repeat(5000) + "1" + "}".repeat(5000), ErrorCode.MALFORMED_JSON);
  }

  @Test
  void aNicknameOfOnlyControlCharactersMeansNoNickname() {
    ClientMessage decoded =
        clientDecoder.decode("{\"type\":\"hello\",\"nickname\":\"\\u0000\\u202e \\t\"}");
    assertEquals(new ClientMessage.Hello(null, 1, null, null), decoded);
  }

  @Test
  void theErrorEchoesTheIdWhenItCanBeRead() {
    ClientMessage decoded = clientDecoder.decode("{\"type\":\"nope\",\"id\":\"q7\"}");
    assertEquals(
        new ClientMessage.Invalid("q7", ErrorCode.UNKNOWN_TYPE, "unknown message type 'nope'"),
        decoded);
    ClientMessage longType = clientDecoder.decode("{\"type\":\"" + "t".repeat(5000) + "\"}");
    assertTrue(
        ((ClientMessage.Invalid) longType).detail().length() < 100,
        "details never echo big input back");
  }

  private void assertInvalid(String text, ErrorCode code) {
    ClientMessage decoded = clientDecoder.decode(text);
    assertTrue(decoded instanceof ClientMessage.Invalid, () -> text + " decoded to " + decoded);
    assertEquals(
        code, ((ClientMessage.Invalid) decoded).code(), () -> "for input " + abbreviate(text));
  }

  private static String abbreviate(String s) {
    return s.length() < 60 ? s : s.substring(0, 60) + "...";
  }
}
