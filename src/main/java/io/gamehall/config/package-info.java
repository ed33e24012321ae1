/**
 * Server settings: every tunable with its default, read from system properties or the environment.
 */
package io.gamehall.config;
