/**
 * The threads the hall runs on: its own pools, of the container's managed threads in a server and
 * of daemon threads where there is no container.
 */
package io.gamehall.concurrent;
