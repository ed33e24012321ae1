/**
 * The audit trail: operator actions and account security events, in the log category {@code
 * io.gamehall.audit}, so operators can route it to its own file or collector.
 */
package io.gamehall.audit;
