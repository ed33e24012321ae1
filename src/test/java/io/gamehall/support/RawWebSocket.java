package io.gamehall.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A frame-level RFC 6455 client written for tests that must see or send what a WebSocket API hides:
 * ping frames, unanswered pings, malformed frames.
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int CONTINUATION = 0x0,
      TEXT = 0x1,
      BINARY = 0x2,
      CLOSE = 0x8,
      PING = 0x9,
      PONG = 0xA;

  /** One received frame. */
  public record Frame(boolean fin, int opcode, byte[] payload) {
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }

    /** The reason text of a close frame (after its two code bytes). */
    public String closeReason() {
      return payload.length > 2
          ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
          : "";
    }

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final SecureRandom random = new SecureRandom();
  private final String handshakeResponse;

  private RawWebSocket(Socket socket, String handshakeResponse, InputStream in) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(in);
    this.out = socket.getOutputStream();
    this.handshakeResponse = handshakeResponse;
  }

  /**
   * Opens a socket and sends an upgrade request; the response status line and headers are kept for
   * assertions.
   */
  public static RawWebSocket connect(URI uri, SSLContext tls, String... extraHeaders)
      throws IOException {
    return connect(uri, tls, 0, extraHeaders);
  }

  /**
   * As {@link #connect(URI, SSLContext, String...)}, with the socket's receive buffer limited to
   * {@code receiveBuffer} bytes (0: the system default), to play a client on a slow link that reads
   * little.
   */
  public static RawWebSocket connect(
      URI uri, SSLContext tls, int receiveBuffer, String... extraHeaders) throws IOException {
    boolean secure = uri.getScheme().equals("wss") || uri.getScheme().equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
    Socket socket;
    if (secure) {
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket();
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(params);
      socket = ssl;
    } else {
      socket = new Socket();
    }
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress(uri.getHost(), port), 5_000);
    socket.setSoTimeout(10_000);
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    StringBuilder request =
        new StringBuilder()
            .append("GET ")
            .append(uri.getRawPath())
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(uri.getHost())
            .append(':')
            .append(port)
            .append("\r\n")
            .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ")
            .append(Base64.getEncoder().encodeToString(nonce))
            .append("\r\n")
            .append(versionOverridden(extraHeaders) ? "" : "Sec-WebSocket-Version: 13\r\n");
    for (String header : extraHeaders) {
      request.append(header).append("\r\n");
    }
    request.append("\r\n");
    socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    return new RawWebSocket(socket, readHead(in), in);
  }

  private static boolean versionOverridden(String[] headers) {
    for (String header : headers) {
      if (header.regionMatches(true, 0, "Sec-WebSocket-Version:", 0, 22)) {
        return true;
      }
    }
    return false;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** The HTTP status code of the handshake response. */
  public int status() {
    String[] parts = handshakeResponse.split(" ", 3);
    return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
  }

  public String handshakeResponse() {
    return handshakeResponse;
  }

  /**
   * The body of a refused handshake, as its Content-Length announces (empty without one): what a
   * browser's network panel would show.
   */
  public String refusalBody() throws IOException {
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$")
            .matcher(handshakeResponse);
    if (!length.find()) {
      return "";
    }
    return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
  }

  /** Sends one masked frame, as a client must. */
  public void send(boolean fin, int opcode, byte[] payload) throws IOException {
    sendRaw((fin ? 0x80 : 0) | opcode, payload);
  }

  /** Sends a frame with the given first byte as is (reserved bits included). */
  public void sendRaw(int firstByte, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(firstByte);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift));
      }
    }
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    frame.write(mask, 0, 4);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i & 3]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Sends a frame without a mask, which RFC 6455 section 5.1 forbids a client to do. */
  public void sendUnmasked(int firstByte, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
    frame.write(firstByte);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else {
      frame.write(126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    }
    frame.write(payload, 0, payload.length);
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Writes bytes as they are, frame or not. */
  public void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public void sendText(String text) throws IOException {
    send(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next frame within {@code within}, or null if none came. */
  public Frame read(Duration within) throws IOException {
    socket.setSoTimeout((int) Math.max(1, within.toMillis()));
    int first;
    try {
      first = in.read();
    } catch (SocketTimeoutException e) {
      return null;
    }
    if (first < 0) {
      throw new EOFException("connection closed without a close frame");
    }
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame((first & 0x80) != 0, first & 0x0f, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
