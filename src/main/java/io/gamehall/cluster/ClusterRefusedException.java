package io.gamehall.cluster;

/** The cluster refused this node's join; the message says why. */
public final class ClusterRefusedException extends IllegalStateException {
  public ClusterRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
