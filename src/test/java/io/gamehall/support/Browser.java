package io.gamehall.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium and chromium-driver, both given explicitly so Selenium
 * never downloads anything) with its own fresh profile, trusting exactly our dev server
 * certificate.
 *
 * <p>Trust: Chromium has no flag for "trust this CA", and {@code --ignore-certificate-errors} would
 * accept any certificate at all, so the test would pass against a wrong or broken one. {@code
 * --ignore-certificate-errors-spki-list} accepts only a certificate whose public key hashes to the
 * given SHA-256 value (it needs a {@code --user-data-dir}, which we give anyway): we pin
 * target/keystore/server.crt, so any other certificate still fails the handshake.
 */
public final class Browser implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Browser.class.getName());

  /**
   * A host name that resolves to 127.0.0.1 in this browser only, without loopback's mixed-content
   * exemption.
   */
  public static final String UNTRUSTED_HOST = "gamehall.test";

  private final ChromeDriver driver;
  private final Path profile;
  private final String name;

  private Browser(String name, ChromeDriver driver, Path profile) {
    this.name = name;
    this.driver = driver;
    this.profile = profile;
  }

  /** Opens a browser with a window of {@code width} x {@code height} CSS pixels. */
  public static Browser open(String name, int width, int height) throws IOException {
    return open(name, width, height, new String[0]);
  }

  /**
   * As {@link #open(String, int, int)}, also accepting certificates whose keys hash to {@code
   * moreSpkiHashes}.
   */
  public static Browser open(String name, int width, int height, String... moreSpkiHashes)
      throws IOException {
    Path profile = Files.createTempDirectory("gamehall-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile,
        "--lang=en-US",
        // Loopback names are "potentially trustworthy" and exempt from mixed-content blocking; a
        // made-up name mapped
        // to loopback is not, so tests can show what a browser does with ws:// to a real host.
        "--host-resolver-rules=MAP " + UNTRUSTED_HOST + " 127.0.0.1",
        "--window-size=" + width + "," + height,
        "--ignore-certificate-errors-spki-list="
            + String.join(
                ",",
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(serverSpkiHash()),
                        java.util.Arrays.stream(moreSpkiHashes))
                    .toList()));
    // The console (CSP violations among it) is kept for consoleMessages().
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    if (width < 500) {
      // Desktop Chromium will not make a window narrower than about 500 px: emulate the phone's
      // viewport instead
      // (mobile: the page's viewport meta applies, as on a phone).
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }
    return new Browser(name, driver, profile);
  }

  /**
   * Base64 of SHA-256 over the DER SubjectPublicKeyInfo of the server certificate the build
   * generated.
   */
  public static String serverSpkiHash() {
    return spkiHash(Tls.truststore().resolveSibling("server.crt"));
  }

  /**
   * Base64 of SHA-256 over the DER SubjectPublicKeyInfo of the first certificate in {@code crt}
   * (PEM).
   */
  public static String spkiHash(Path crt) {
    try (InputStream in = Files.newInputStream(crt)) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] spki = cert.getPublicKey().getEncoded();
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (IOException | CertificateException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot read the dev server certificate " + crt, e);
    }
  }

  public static String pageUrl() {
    return "https://localhost:" + Ports.https() + "/gamehall/";
  }

  /** Console lines since the last call (level and text), CSP violation reports among them. */
  public List<String> consoleMessages() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(e -> e.getLevel() + " " + e.getMessage())
        .toList();
  }

  public WebDriver driver() {
    return driver;
  }

  public String name() {
    return name;
  }

  public void get(String url) {
    driver.get(url);
  }

  public WebElement byTestId(String id) {
    return driver.findElement(By.cssSelector(selector(id)));
  }

  private static String selector(String testId) {
    return "[data-testid='" + testId + "']";
  }

  /**
   * The data-testid values starting with {@code prefix}, read in one script call (the page redraws
   * often).
   */
  @SuppressWarnings("unchecked")
  public List<String> testIdsWithPrefix(String prefix) {
    return (List<String>)
        js(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute('data-testid'))",
            "[data-testid^='" + prefix + "']");
  }

  public boolean present(String testId) {
    return Boolean.TRUE.equals(
        js("return document.querySelector(arguments[0]) !== null", selector(testId)));
  }

  /** Present and rendered (not hidden, not inside a hidden parent). */
  public boolean visible(String testId) {
    return Boolean.TRUE.equals(
        js(
            "const e = document.querySelector(arguments[0]); return e !== null && e.getClientRects().length > 0",
            selector(testId)));
  }

  /** An attribute read atomically by script, or null when the element is absent. */
  public String attr(String testId, String attribute) {
    Object v =
        js(
            "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null",
            selector(testId),
            attribute);
    return v == null ? null : v.toString();
  }

  public String text(String testId) {
    Object v =
        js(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''",
            selector(testId));
    return String.valueOf(v);
  }

  /** A real (WebDriver) click, retried while the page redraws the element under it. */
  public void click(String testId) {
    waitFor(
        "'" + testId + "' to be clicked",
        d -> {
          if (!visible(testId)) {
            return false;
          }
          WebElement e = byTestId(testId);
          if (!e.isEnabled()) {
            return false;
          }
          e.click();
          return true;
        });
  }

  /** Clicks an element via script (an SVG hit area under a label, say). */
  public void clickByScript(String testId) {
    waitFor("'" + testId + "' to exist", d -> present(testId));
    js(
        "document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('click', {bubbles: true}))",
        selector(testId));
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  public Object asyncJs(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /**
   * Waits up to {@code seconds} for {@code condition}; the failure names this browser and what it
   * waited for.
   */
  public <T> T waitFor(String what, int seconds, Function<WebDriver, T> condition) {
    WebDriverWait wait =
        new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    wait.withMessage(() -> name + ": waited " + seconds + " s for " + what);
    wait.ignoring(StaleElementReferenceException.class);
    return wait.until(condition);
  }

  public <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return waitFor(what, 15, condition);
  }

  /** Saves a screenshot as target/screenshots/{file}.png. */
  public void screenshot(String file) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(dir.resolve(file + ".png"), png);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "screenshot " + file + " not saved", e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.log(Level.FINE, "profile not removed: " + dir, e);
    }
  }
}
