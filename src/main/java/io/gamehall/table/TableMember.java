package io.gamehall.table;

/**
 * A connected player or spectator as the table sees it; the session layer implements it. {@link
 * #deliver} is called from the table's serial queue and must not block: enqueue into the
 * connection's bounded outbox and return.
 */
@FunctionalInterface
public interface TableMember {
  void deliver(TableOutput out);
}
