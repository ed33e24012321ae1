package io.gamehall.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.protocol.ClientMessage;
import io.gamehall.protocol.ErrorCode;
import io.gamehall.protocol.ServerMessage;
import io.gamehall.support.EmbeddedHall;
import io.gamehall.support.TestClient;
import io.gamehall.support.Tier;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Account messages on a hall without a database (the embedded tier): guests have no session to end
 * or password to change, accounts answer "unavailable", and guest tokens still resume on their
 * signature alone. AccountsIT covers the same messages with a database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedAccountsTest {
  private EmbeddedHall hall;
  private Tier tier;

  @BeforeAll
  void start() throws Exception {
    hall = EmbeddedHall.start(Map.of("gamehall.hello.timeout.seconds", "30"));
    tier =
        new Tier(URI.create("ws://localhost:" + hall.port() + "/gamehall/ws"), hall.client(), null);
  }

  @AfterAll
  void stop() {
    hall.close();
  }

  @Test
  void aGuestCannotLogOutOrChangeAPasswordAndKeepsItsStatelessToken() throws Exception {
    String token;
    try (TestClient guest = TestClient.welcomed(tier, "Lu")) {
      token = guest.welcome().token();
      guest.send(new ClientMessage.Logout("out", false));
      assertEquals(ErrorCode.ACCOUNT_REQUIRED, error(guest, "out").code());
      guest.send(new ClientMessage.Logout("all", true));
      assertEquals(ErrorCode.ACCOUNT_REQUIRED, error(guest, "all").code());
      guest.send(new ClientMessage.ChangePassword("pw", "old pass 1", "new pass 2"));
      assertEquals(ErrorCode.ACCOUNT_REQUIRED, error(guest, "pw").code());
      assertTrue(guest.isOpen(), "a refused request leaves the connection open");
    }
    try (TestClient back = TestClient.resumed(tier, token)) {
      assertEquals("Lu", back.welcome().nickname(), "guest tokens need no database");
    }
  }

  @Test
  void withoutADatabaseLoginIsUnavailableAndLogoutNeedsAHello() throws Exception {
    try (TestClient c = TestClient.connect(tier)) {
      c.send(new ClientMessage.Logout("early", false));
      assertEquals(ErrorCode.HELLO_REQUIRED, error(c, "early").code());
      c.send(new ClientMessage.Login("in", 1, "someone", "pass word 1"));
      assertEquals(ErrorCode.STORE_UNAVAILABLE, error(c, "in").code());
    }
  }

  private static ServerMessage.Error error(TestClient c, String re) throws Exception {
    return c.await(ServerMessage.Error.class, e -> re.equals(e.re()), "error for " + re);
  }
}
