/**
 * The threads the hall runs on: the container's managed executors, or owned ones where there is no
 * container.
 */
package io.gamehall.concurrent;
