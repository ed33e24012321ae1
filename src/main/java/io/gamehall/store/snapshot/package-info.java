/**
 * Tables that survive a restart: the table state's byte form, the writer that saves the newest
 * state of each table in batches off the tables' queues, the JPA store behind it, and the restore
 * of saved tables at start-up.
 */
package io.gamehall.store.snapshot;
