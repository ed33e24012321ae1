/**
 * Operations: health, metrics and the operator's admin actions, as plain servlets (no JAX-RS
 * needed).
 */
package io.gamehall.ops;
