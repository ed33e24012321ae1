/**
 * Thin {@code @ServerEndpoint} adapters: translate container callbacks and delegate; no state
 * beyond the connection.
 */
package io.gamehall.endpoint;
