/**
 * The echo baseline: a trivial endpoint deployed only in the benchmark's own WAR, never in
 * gamehall.war.
 */
package io.gamehall.bench.echo;
