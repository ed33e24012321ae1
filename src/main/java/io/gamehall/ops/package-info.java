/**
 * Operations: MicroProfile health checks (served at the application's own {@code /health/live} and
 * {@code /health/ready} too), the operator's admin actions as a Jakarta REST resource, and the
 * Prometheus {@code /metrics} page behind an address allow-list or the admin role.
 */
package io.gamehall.ops;
