package io.gamehall.endpoint;

import io.gamehall.support.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Malformed frames from RFC 6455, and the random and mutated input the fuzzing test throws at the
 * hall.
 */
final class WireAbuse {
  private WireAbuse() {}

  /**
   * One way to break the framing rules, and the close codes RFC 6455 allows the server to answer it
   * with.
   */
  interface Violation {
    void send(RawWebSocket raw) throws IOException;
  }

  record Case(String name, Violation violation, List<Integer> codes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Integer> PROTOCOL = List.of(1002);
  static final List<Integer> UTF8 = List.of(1007, 1002);

  static List<Case> frameCases() {
    byte[] hi = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    return List.of(
        new Case(
            "RSV1 set without an extension (5.2)",
            r -> r.sendRaw(0x80 | 0x40 | RawWebSocket.TEXT, hi),
            PROTOCOL),
        new Case("RSV3 set (5.2)", r -> r.sendRaw(0x80 | 0x10 | RawWebSocket.TEXT, hi), PROTOCOL),
        new Case("reserved data opcode 0x3 (5.2)", r -> r.send(true, 0x3, hi), PROTOCOL),
        new Case(
            "reserved control opcode 0xB (5.2)", r -> r.send(true, 0xB, new byte[0]), PROTOCOL),
        new Case(
            "close code 999 (7.4)",
            r -> r.send(true, RawWebSocket.CLOSE, close(999, "")),
            PROTOCOL),
        new Case(
            "close code 1005, never sent (7.4.1)",
            r -> r.send(true, RawWebSocket.CLOSE, close(1005, "")),
            PROTOCOL),
        new Case(
            "close code 1006, never sent (7.4.1)",
            r -> r.send(true, RawWebSocket.CLOSE, close(1006, "")),
            PROTOCOL),
        new Case(
            "close code 5000 (7.4.2)",
            r -> r.send(true, RawWebSocket.CLOSE, close(5000, "")),
            PROTOCOL),
        new Case(
            "close payload of one byte (5.5.1)",
            r -> r.send(true, RawWebSocket.CLOSE, new byte[] {3}),
            PROTOCOL),
        new Case(
            "close reason not UTF-8 (5.5.1)",
            r ->
                r.send(
                    true,
                    RawWebSocket.CLOSE,
                    concat(close(1000, ""), new byte[] {(byte) 0xC3, 0x28})),
            UTF8),
        new Case(
            "fragmented ping (5.5)",
            r -> r.send(false, RawWebSocket.PING, new byte[] {1}),
            PROTOCOL),
        new Case(
            "ping payload of 126 bytes (5.5)",
            r -> r.send(true, RawWebSocket.PING, new byte[126]),
            PROTOCOL),
        new Case(
            "unmasked client frame (5.1)",
            r -> r.sendUnmasked(0x80 | RawWebSocket.TEXT, hi),
            PROTOCOL),
        new Case(
            "continuation without a start (5.4)",
            r -> r.send(true, RawWebSocket.CONTINUATION, hi),
            PROTOCOL),
        new Case(
            "new text frame inside a fragmented message (5.4)",
            r -> {
              r.send(false, RawWebSocket.TEXT, "{\"type\":".getBytes(StandardCharsets.UTF_8));
              r.send(true, RawWebSocket.TEXT, hi);
            },
            PROTOCOL),
        new Case(
            "text frame that is not UTF-8 (8.1)",
            r -> r.send(true, RawWebSocket.TEXT, new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '}'}),
            UTF8));
  }

  static byte[] close(int code, String reason) {
    return concat(
        new byte[] {(byte) (code >>> 8), (byte) code}, reason.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(a, 0, a.length);
    out.write(b, 0, b.length);
    return out.toByteArray();
  }

  private static final String[] VALID = {
    "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"nickname\":\"Fuzz\"}",
    "{\"type\":\"ping\",\"id\":\"p\",\"t\":1}",
    "{\"type\":\"subscribe_lobby\",\"id\":\"l\",\"on\":true}",
    // Never gomoku: the well-behaved players quick-match for it and must meet each other.
    "{\"type\":\"quick_match\",\"id\":\"q\",\"game\":\"xiangqi\"}",
    "{\"type\":\"cancel_match\",\"id\":\"c\"}",
    "{\"type\":\"create_table\",\"id\":\"n\",\"game\":\"gomoku\",\"practice\":true}",
    "{\"type\":\"join_table\",\"id\":\"j\",\"code\":\"123456\"}",
    "{\"type\":\"table\",\"id\":\"a\",\"table\":\"TABLE\",\"action\":\"act\",\"move\":\"H8\"}",
    "{\"type\":\"table\",\"id\":\"s\",\"table\":\"TABLE\",\"action\":\"spectate\"}",
    "{\"type\":\"table\",\"id\":\"r\",\"table\":\"TABLE\",\"action\":\"resume\",\"lastSeq\":0}",
    "{\"type\":\"table\",\"id\":\"x\",\"table\":\"TABLE\",\"action\":\"chat\",\"text\":\"hi\"}",
  };

  private static final String[] WEIRD = {
    "1e999999",
    "-0",
    "99999999999999999999999999999999",
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "1.5",
    "-1",
    "9223372036854775808",
    "\"" + "x".repeat(2000) + "\"",
  };

  /**
   * A random text message: a valid one, a mutated one, one with a field of the wrong type, or deep
   * nesting.
   */
  static String message(Random random, String table) {
    String base = VALID[random.nextInt(VALID.length)].replace("TABLE", table);
    switch (random.nextInt(6)) {
      case 0:
        return base;
      case 1:
        {
          // Replace one value with something of another type or an extreme.
          int colon = base.indexOf(':', random.nextInt(base.length()));
          if (colon < 0) {
            return base;
          }
          int end = base.indexOf(',', colon);
          end = end < 0 ? base.length() - 1 : end;
          return base.substring(0, colon + 1)
              + WEIRD[random.nextInt(WEIRD.length)]
              + base.substring(end);
        }
      case 2:
        {
          char[] chars = base.toCharArray();
          for (int i = 0; i < 1 + random.nextInt(4); i++) {
            chars[random.nextInt(chars.length)] = (char) (random.nextInt(0x3000) + 1);
          }
          return new String(chars);
        }
      case 3:
        {
          int depth = 1 + random.nextInt(20_000);
          String open = random.nextBoolean() ? "[" : "{\"a\":";
          String close = open.equals("[") ? "]" : "}";
          return "{\"type\":\"ping\",\"id\":"
              + open.repeat(depth)
              + "1"
              + close.repeat(depth)
              + "}";
        }
      case 4:
        return base.substring(0, random.nextInt(base.length()));
      default:
        return "{\"type\":\"hello\",\"protocol\":"
            + WEIRD[random.nextInt(WEIRD.length)]
            + ",\"nickname\":"
            + WEIRD[random.nextInt(WEIRD.length)]
            + "}";
    }
  }

  /** Sends one random abusive thing: a text message, or a frame-level oddity. */
  static void abuse(RawWebSocket raw, Random random, String table) throws IOException {
    int pick = random.nextInt(10);
    if (pick < 6) {
      raw.sendText(message(random, table));
    } else if (pick == 6) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      raw.send(true, RawWebSocket.TEXT, bytes);
    } else if (pick == 7) {
      raw.send(true, RawWebSocket.BINARY, new byte[] {1, 2, 3});
    } else if (pick == 8) {
      String text = message(random, table);
      int cut = text.length() / 2;
      raw.send(false, RawWebSocket.TEXT, text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
      raw.send(
          true, RawWebSocket.CONTINUATION, text.substring(cut).getBytes(StandardCharsets.UTF_8));
    } else {
      byte[] bytes = new byte[1 + random.nextInt(32)];
      random.nextBytes(bytes);
      raw.sendBytes(bytes);
    }
  }
}
