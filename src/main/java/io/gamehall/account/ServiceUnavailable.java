package io.gamehall.account;

/** Accounts or stored records cannot be reached now (no database here, or it failed). */
public final class ServiceUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
