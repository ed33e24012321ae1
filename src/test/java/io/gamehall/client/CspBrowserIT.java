package io.gamehall.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Browser;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every page of the client under the server's Content Security Policy in headless Chromium: it
 * loads, connects over wss and runs the account card without one console violation, while an inline
 * script the test slips in is refused (so the policy is on and the console is really read).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CspBrowserIT {
  /** The client's pages: the welcome file under both of its names. */
  private static final List<String> PAGES = List.of("", "index.html");

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @Test
  void everyPageRunsUnderThePolicyWithoutAViolation() throws Exception {
    try (Browser me = Browser.open("csp check", 1280, 860)) {
      for (String page : PAGES) {
        me.get(Browser.pageUrl() + page);
        me.waitFor(
            "the lobby of /" + page + ", connected over wss",
            d -> me.visible("lobby") && !me.visible("conn-banner") && me.present("game-gomoku"));
        me.waitFor("the account card", d -> !me.text("account-status").isEmpty());
        me.click("lang-toggle");
        me.waitFor(
            "the Chinese account card", d -> "账号".equals(me.text("account-card").split("\n")[0]));
        me.click("lang-toggle");
        List<String> violations = csp(me.consoleMessages());
        assertEquals(List.of(), violations, "/" + page + " under the policy");
      }

      // The account card end to end, still without a violation: register, log out, log in.
      String name = "csp" + Long.toHexString(System.nanoTime()).substring(0, 8);
      me.byTestId("account-name").clear();
      me.byTestId("account-name").sendKeys(name);
      me.byTestId("account-password").clear();
      me.byTestId("account-password").sendKeys("correct horse 9");
      me.click("register-btn");
      me.waitFor("signed in after register", 60, d -> me.visible("logout-btn"));
      me.click("logout-btn");
      me.waitFor("the guest form after logout", 30, d -> me.visible("login-btn"));
      me.waitFor("connected again as a guest", 30, d -> !me.visible("conn-banner"));
      me.byTestId("account-name").clear();
      me.byTestId("account-name").sendKeys(name);
      me.byTestId("account-password").clear();
      me.byTestId("account-password").sendKeys("correct horse 9");
      me.click("login-btn");
      me.waitFor("signed in after login", 60, d -> me.visible("logout-btn"));
      assertTrue(me.text("account-status").contains(name), me.text("account-status"));
      assertEquals(List.of(), csp(me.consoleMessages()), "the account flows under the policy");

      // The control: an inline script is refused, and the refusal shows in the console read above.
      me.js(
          "const s = document.createElement('script');"
              + "s.textContent = 'window.inlineRan = true';"
              + "document.head.appendChild(s);");
      List<String> refused = new ArrayList<>();
      me.waitFor(
          "the console's report of the refused inline script",
          d -> {
            refused.addAll(csp(me.consoleMessages()));
            return !refused.isEmpty();
          });
      assertEquals(null, me.js("return window.inlineRan === undefined ? null : true"), "not run");
    }
  }

  private static List<String> csp(List<String> console) {
    return console.stream().filter(line -> line.contains("Content Security Policy")).toList();
  }
}
