/**
 * Server settings: every tunable with its default, read once through MicroProfile Config ({@link
 * io.gamehall.config.Settings}) from system properties or the environment.
 */
package io.gamehall.config;
