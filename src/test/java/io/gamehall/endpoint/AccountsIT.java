package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.CloseCodes;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.protocol.ServerMessageDecoder;
import io.gamehall.support.Ports;
import io.gamehall.support.RawWebSocket;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import io.gamehall.support.WssTier;
import jakarta.websocket.ClientEndpointConfig;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login throttling, logout and password changes through the protocol, against the managed WildFly
 * and its database. arquillian.xml shortens the longest login delay to 3 s so the test can wait it
 * out; LoginThrottleTest checks the full-length rule on a moved clock.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsIT {
  /** Password hashing under load on a shared 2-core machine can take seconds. */
  private static final Duration HASHED_WITHIN = Duration.ofSeconds(60);

  private static final String PASSWORD = "correct horse 9";
  private final ServerMessageDecoder decoder = new ServerMessageDecoder();
  private ClientManager client;
  private Tier tier;

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @BeforeAll
  void client() throws Exception {
    client = ClientManager.createClient();
    tier = WssTier.of(client, URI.create("wss://localhost:" + Ports.https() + "/gamehall/ws"));
  }

  @AfterAll
  void shutdown() {
    client.shutdown();
  }

  @Test
  void thirtyWrongPasswordsOverTenConnectionsAreThrottledAndTheRightOneWorksAfterTheDelay()
      throws Exception {
    String name = register();
    Map<ErrorCode, Integer> outcomes = new java.util.EnumMap<>(ErrorCode.class);
    long longestWait = 0;
    for (int c = 0; c < 10; c++) {
      // An attacker with ten addresses: the per-connection and per-address limits never bite. Each
      // connection guesses in turn and goes (a socket that never says hello is closed after 8 s).
      try (TestClient guesser = TestClient.connect(from(randomAddress()))) {
        for (int i = 0; i < 3; i++) {
          String id = "guess-" + c + "-" + i;
          guesser.send(new ClientMessage.Login(id, 1, name, "wrong horse " + i));
          ServerMessage.Error error = error(guesser, id);
          outcomes.merge(error.code(), 1, Integer::sum);
          if (error.code() == ErrorCode.RATE_LIMITED) {
            assertNotNull(error.retryAfterSeconds(), "a throttled login says when: " + error);
            assertTrue(
                error.retryAfterSeconds() >= 1 && error.retryAfterSeconds() <= 3,
                "within the configured maximum: " + error);
            longestWait = Math.max(longestWait, error.retryAfterSeconds());
          }
        }
      }
    }
    assertEquals(
        30,
        outcomes.getOrDefault(ErrorCode.BAD_CREDENTIALS, 0)
            + outcomes.getOrDefault(ErrorCode.RATE_LIMITED, 0),
        "every guess refused: " + outcomes);
    assertTrue(
        outcomes.getOrDefault(ErrorCode.RATE_LIMITED, 0) >= 10,
        "the name is throttled across connections and addresses: " + outcomes);
    assertTrue(longestWait >= 1, "delays grew: " + outcomes);

    // The owner, from an address of its own, gets in once the stated delay has passed: no lockout.
    String ownerAddress = randomAddress();
    ServerMessage.Welcome welcome = null;
    for (int attempt = 0; attempt < 5 && welcome == null; attempt++) {
      try (TestClient owner = TestClient.connect(from(ownerAddress))) {
        owner.send(new ClientMessage.Login("in", 1, name, PASSWORD));
        ServerMessage answer = answer(owner, "in");
        if (answer instanceof ServerMessage.Welcome w) {
          welcome = w;
        } else {
          ServerMessage.Error refused = (ServerMessage.Error) answer;
          assertEquals(ErrorCode.RATE_LIMITED, refused.code(), "only throttled: " + refused);
          // The server said how long; waiting it out is the behaviour under test, not a guess.
          TimeUnit.SECONDS.sleep(refused.retryAfterSeconds());
        }
      }
    }
    assertNotNull(welcome, "the right password works after the delay");
  }

  @Test
  void afterLogoutTheOldTokenIsRefusedAndTheConnectionClosesWith4004() throws Exception {
    String name = register();
    String token = logInAndOut(name, false);
    assertInvalidToken(token, "a logged-out token");
    try (Device again = login(name, PASSWORD)) {
      assertNotEquals(token, again.token(), "a new login is a new session");
    }
  }

  @Test
  void logoutOfAllDevicesRefusesEveryEarlierToken() throws Exception {
    String name = register();
    String phone;
    try (Device first = login(name, PASSWORD)) {
      phone = first.token();
    }
    String laptop = logInAndOut(name, true);
    assertInvalidToken(phone, "the other device's token");
    assertInvalidToken(laptop, "this device's token");
  }

  /**
   * Logs in, logs out ({@code all}: every device) and returns the token the login gave. Read at
   * frame level: the answer comes first, then a close frame with 4004 (a WebSocket API client over
   * TLS may lose both when the server's TCP close overtakes them, as security.md notes).
   */
  private String logInAndOut(String name, boolean all) throws Exception {
    try (RawWebSocket device =
        RawWebSocket.connect(
            tier.socketUri(), tier.sslContext(), "X-Forwarded-For: " + randomAddress())) {
      device.sendText(
          "{\"type\":\"login\",\"id\":\"in\",\"name\":\""
              + name
              + "\",\"password\":\""
              + PASSWORD
              + "\"}");
      ServerMessage welcome = decoder.decode(nextFrame(device, HASHED_WITHIN).text());
      assertTrue(welcome instanceof ServerMessage.Welcome, "logged in: " + welcome);
      device.sendText("{\"type\":\"logout\",\"id\":\"out\",\"all\":" + all + "}");
      ServerMessage answer = decoder.decode(nextFrame(device, Duration.ofSeconds(30)).text());
      assertEquals(new ServerMessage.LoggedOut("out", all), answer);
      RawWebSocket.Frame close = nextFrame(device, Duration.ofSeconds(10));
      assertEquals(RawWebSocket.CLOSE, close.opcode(), "then the close");
      assertEquals(CloseCodes.TOKEN_REVOKED.getCode(), close.closeCode(), close.closeReason());
      return ((ServerMessage.Welcome) welcome).token();
    }
  }

  /** The next frame that is not one of the server's heartbeat pings. */
  private static RawWebSocket.Frame nextFrame(RawWebSocket socket, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      RawWebSocket.Frame frame =
          socket.read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      assertNotNull(frame, "no frame within " + within);
      if (frame.opcode() != RawWebSocket.PING) {
        return frame;
      }
    }
  }

  @Test
  void changePasswordRevokesEveryOtherTokenAndAnswersWithAFreshOne() throws Exception {
    String name = register();
    String newPassword = "battery staple 7";
    try (Device phone = login(name, PASSWORD)) {
      String phoneToken = phone.token();
      try (Device laptop = login(name, PASSWORD)) {
        // One live connection per player: the laptop's sign-in already replaced the phone's.
        assertReplaced(phone.client());
        // The phone comes back with its token while the laptop changes the password.
        try (TestClient phoneAgain = TestClient.resumed(tier, phoneToken)) {
          assertReplaced(laptop.client());
          phoneAgain.send(new ClientMessage.ChangePassword("weak", PASSWORD, "short"));
          assertEquals(ErrorCode.WEAK_PASSWORD, error(phoneAgain, "weak").code());
          phoneAgain.send(new ClientMessage.ChangePassword("wrong", "not it 1", newPassword));
          assertEquals(ErrorCode.BAD_CREDENTIALS, error(phoneAgain, "wrong").code());
          phoneAgain.send(new ClientMessage.ChangePassword("pw", PASSWORD, newPassword));
          ServerMessage.PasswordChanged changed =
              phoneAgain.await(
                  ServerMessage.PasswordChanged.class,
                  p -> "pw".equals(p.re()),
                  "password_changed",
                  HASHED_WITHIN);
          assertTrue(phoneAgain.isOpen(), "the connection that changed it stays");
          assertInvalidToken(laptop.token(), "the other device's token");
          assertInvalidToken(phoneToken, "this device's token from before the change");
          try (TestClient fresh = TestClient.resumed(tier, changed.token())) {
            // Resuming elsewhere with the new token replaces the live connection, as for any token.
            assertReplaced(phoneAgain);
          }
        }
      }
    }
    try (TestClient old = TestClient.connect(tier)) {
      old.send(new ClientMessage.Login("old", 1, name, PASSWORD));
      assertEquals(ErrorCode.BAD_CREDENTIALS, error(old, "old").code());
    }
    login(name, newPassword).close();
  }

  @Test
  void aGuestTokenStopsWorkingOnceTheGuestBecomesAnAccountAndGuestsCannotLogOut() throws Exception {
    try (TestClient guest = TestClient.welcomed(tier, "Kim")) {
      String guestToken = guest.welcome().token();
      guest.send(new ClientMessage.Logout("out", false));
      assertEquals(ErrorCode.ACCOUNT_REQUIRED, error(guest, "out").code());
      String name = "a" + random();
      guest.send(new ClientMessage.Register("reg", name, PASSWORD));
      ServerMessage.Account account =
          guest.await(
              ServerMessage.Account.class, a -> "reg".equals(a.re()), "account", HASHED_WITHIN);
      assertNotNull(account.token(), "registering hands out the account's token");
      assertInvalidToken(guestToken, "the guest token of what is now an account");
      guest.close();
      try (TestClient back = TestClient.resumed(tier, account.token())) {
        assertEquals(account.playerId(), back.welcome().playerId());
      }
    }
  }

  // -----------------------------------------------------------------------------------------------

  /** A tier whose handshakes come from {@code address} (the server trusts X-Forwarded-For here). */
  private Tier from(String address) {
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> headers) {
                    headers.put("X-Forwarded-For", List.of(address));
                  }
                })
            .build();
    return new Tier(tier.socketUri(), tier.container(), tier.sslContext(), config);
  }

  /** A fresh account, registered by a guest. */
  private String register() throws Exception {
    String name = "a" + random();
    try (TestClient guest = TestClient.welcomed(tier, "Acc")) {
      guest.send(new ClientMessage.Register("reg", name, PASSWORD));
      guest.await(ServerMessage.Account.class, a -> "reg".equals(a.re()), "account", HASHED_WITHIN);
    }
    return name;
  }

  /** A connection logged in as an account, and its welcome. */
  private record Device(TestClient client, ServerMessage.Welcome welcome) implements AutoCloseable {
    String token() {
      return welcome.token();
    }

    @Override
    public void close() throws Exception {
      client.close();
    }
  }

  private Device login(String name, String password) throws Exception {
    TestClient c = TestClient.connect(from(randomAddress()));
    c.send(new ClientMessage.Login("in", 1, name, password));
    ServerMessage answer = answer(c, "in");
    assertTrue(answer instanceof ServerMessage.Welcome, "logged in: " + answer);
    return new Device(c, (ServerMessage.Welcome) answer);
  }

  /**
   * Closed for another connection of the same player: 4001, which Tyrus's Grizzly transport over
   * TLS may report as 1006: it drops a close frame read together with the server's close_notify
   * (tyrus#599, docs/clustering.md).
   */
  private static void assertReplaced(TestClient c) throws Exception {
    int code = c.awaitClose(Duration.ofSeconds(10)).getCloseCode().getCode();
    assertTrue(code == CloseCodes.REPLACED.getCode() || code == 1006, "replaced, got " + code);
  }

  private void assertInvalidToken(String token, String what) throws Exception {
    try (TestClient c = TestClient.connect(tier)) {
      c.send(new ClientMessage.Hello("h", 1, null, token));
      assertEquals(ErrorCode.INVALID_TOKEN, error(c, "h").code(), what + " must be refused");
    }
  }

  private static ServerMessage answer(TestClient c, String re) throws Exception {
    return c.await(
        ServerMessage.class,
        m ->
            (m instanceof ServerMessage.Welcome w && re.equals(w.re()))
                || (m instanceof ServerMessage.Error e && re.equals(e.re())),
        "answer to " + re,
        HASHED_WITHIN);
  }

  private static ServerMessage.Error error(TestClient c, String re) throws Exception {
    return c.await(
        ServerMessage.Error.class, e -> re.equals(e.re()), "error for " + re, HASHED_WITHIN);
  }

  /**
   * An address of its own per client: counters live in the database and outlast a run, so reruns
   * must not add up on one address.
   */
  private static String randomAddress() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    return "198.18." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  private static String random() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
