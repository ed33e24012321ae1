/**
 * Persistence through JPA on the container's default datasource: schema migrations at start, the
 * repositories (transaction boundaries, {@code @Transactional} CDI beans) and the executor that
 * keeps database work off the tables' serial queues. See docs/persistence.md.
 */
package io.gamehall.store;
