package io.gamehall.support;

/** The managed WildFly's ports, as the build computed them from gamehall.port.offset. */
public final class Ports {
  private Ports() {}

  public static int https() {
    return Integer.getInteger("gamehall.https.port", 18443);
  }

  public static int http() {
    return Integer.getInteger("gamehall.http.port", 18080);
  }

  public static int management() {
    return Integer.getInteger("gamehall.management.port", 19990);
  }
}
