package io.gamehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Ports;
import io.gamehall.support.Tls;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every page and static file of the deployed WAR carries the security headers, and by default no
 * site may frame the pages. The configured allowance is SecurityHeadersFilterTest's (the managed
 * server runs with the default); CspBrowserIT shows Chromium enforcing the policy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityHeadersIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @Test
  void everyPageAndStaticFileCarriesThePolicyAndFramingIsRefusedByDefault() throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(Tls.trustingOurCa()).build();
    String origin = "localhost:" + Ports.https();
    for (String path :
        List.of(
            "/gamehall/",
            "/gamehall/index.html",
            "/gamehall/static/app/main.js",
            "/gamehall/static/app/app.css",
            "/gamehall/static/app/account.js",
            "/gamehall/static/sdk/gamehall.js",
            "/gamehall/health/live",
            "/gamehall/static/no-such-file.js")) {
      HttpResponse<Void> r =
          https.send(
              HttpRequest.newBuilder(URI.create("https://" + origin + path)).build(),
              HttpResponse.BodyHandlers.discarding());
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("default-src 'none'"), path + ": " + csp);
      assertTrue(csp.contains("script-src 'self';"), path + ": " + csp);
      assertTrue(csp.contains("style-src 'self';"), path + ": " + csp);
      assertTrue(csp.contains("connect-src wss://" + origin + ";"), path + ": " + csp);
      assertTrue(csp.endsWith("frame-ancestors 'none'"), path + ": " + csp);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
      if (path.endsWith(".js") && r.statusCode() == 200) {
        // With nosniff a script served under another type would not run.
        assertTrue(
            r.headers().firstValue("Content-Type").orElse("").contains("javascript"),
            path + " type " + r.headers().firstValue("Content-Type"));
      }
    }
  }
}
